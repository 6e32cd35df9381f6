import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Letter } from "@/lib/rules/raci";
import { listRaciCoverage } from "./list-coverage";

export type ResponsibilityStatus = "effective" | "pending" | "unsigned";
export const RESPONSIBILITY_LABELS: Record<ResponsibilityStatus, string> = {
  effective: "Effective (signed)",
  pending: "Pending sign-off",
  unsigned: "Unsigned",
};

/**
 * Every class × activity where the actor's party (or a party they lead) is Responsible or Accountable
 * in the live matrix, and whether that letter is signed (effective), awaiting signatures, or unsigned.
 */
export function listMyResponsibilities(db: Db, actor: Actor, now = new Date()) {
  assertCan(actor, "raci.read");
  const myParties = new Set<number>([...(actor.partyId != null ? [actor.partyId] : []), ...actor.leadOfPartyIds]);
  if (myParties.size === 0) return { parties: [] as string[], rows: [] };
  const coverage = listRaciCoverage(db, actor, now);
  const rows: { classId: number; className: string; activityId: number; activityName: string; partyName: string; letter: Letter; status: ResponsibilityStatus }[] = [];
  let partyNames = new Map<number, string>();
  for (const c of coverage) {
    partyNames = new Map(c.snapshot.parties.map((p) => [p.id, p.name]));
    for (const cell of c.snapshot.cells) {
      if (!myParties.has(cell.partyId) || (cell.letter !== "R" && cell.letter !== "A")) continue;
      const same = (s: typeof c.effectiveSnapshot) => s?.cells.some((x) => x.activityId === cell.activityId && x.partyId === cell.partyId && x.letter === cell.letter) ?? false;
      // Signed and in force wins: a letter unchanged in a newer draft is still effective.
      const status: ResponsibilityStatus = same(c.effectiveSnapshot) ? "effective" : same(c.inReviewSnapshot) ? "pending" : "unsigned";
      rows.push({
        classId: c.classId,
        className: c.name,
        activityId: cell.activityId,
        activityName: c.snapshot.activities.find((a) => a.id === cell.activityId)?.name ?? "",
        partyName: partyNames.get(cell.partyId) ?? "",
        letter: cell.letter,
        status,
      });
    }
  }
  return { parties: [...myParties].map((id) => partyNames.get(id) ?? "").filter(Boolean), rows };
}
