import { listActionItems } from "./list-action-items";
import { type Db } from "@/db/client";
import { can, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";

/** Items the actor must act on: assigned to them, or owned by a party they lead. */
export function myOpenItems(db: Db, actor: Actor, now = clock.now()) {
  if (!can(actor, "drill.read")) return [];
  return listActionItems(db, actor, { status: "not_closed", mine: true }, now);
}
