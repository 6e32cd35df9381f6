import { writeTx, type Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { appendAudit } from "../audit/append-audit";
import { inventoryParties } from "../inventory/access";
import { matchAdvisories } from "./match-advisories";

/**
 * "Re-match all" (issue #13 item 2): an admin or the Clinical Engineering lead re-derives every advisory's matches
 * on demand, e.g. after fixing a manufacturer alias or a model's number. Reviews are kept (match-advisories.ts).
 */
export function rematchAllAdvisories(db: Db, actor: Actor, now = clock.now()): { advisories: number; matched: number; changed: number; ms: number } {
  assertCan(actor, "advisory.match", { partyId: inventoryParties(db).clinicalEngineering });
  const start = clock.ms();
  const counts = matchAdvisories(db, {}, now);
  const summary = {
    advisories: counts.length,
    matched: counts.reduce((n, c) => n + c.matched, 0),
    changed: counts.reduce((n, c) => n + c.written + c.removed + c.superseded, 0),
    ms: Math.round(clock.ms() - start),
  };
  writeTx(db, (tx) => appendAudit(tx, { actor, action: "ADVISORIES_REMATCHED", entityType: "advisory", entityId: "all", newValues: summary, at: now }));
  return summary;
}
