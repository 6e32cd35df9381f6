import { listActionItems } from "./list-action-items";
import { type Db } from "@/db/client";
import { type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";

/** Open items per owner party, with how many are overdue: the improvement plan at a glance. */
export function itemsByParty(db: Db, actor: Actor, now = clock.now()) {
  const rows = listActionItems(db, actor, { status: "not_closed" }, now);
  const byParty = new Map<number, { partyId: number; party: string; open: number; overdue: number }>();
  for (const r of rows) {
    const cur = byParty.get(r.ownerPartyId) ?? { partyId: r.ownerPartyId, party: r.ownerParty, open: 0, overdue: 0 };
    cur.open += 1;
    if (r.overdue) cur.overdue += 1;
    byParty.set(r.ownerPartyId, cur);
  }
  return [...byParty.values()].sort((a, b) => b.overdue - a.overdue || a.party.localeCompare(b.party));
}
