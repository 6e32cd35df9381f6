import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { RaciSnapshot, RaciStatus } from "@/lib/rules/raci";
import { loadCoverage } from "./list-coverage";
import { clock } from "@/lib/clock";

export type ResponsibilityStatus = "effective" | "pending" | "unsigned";
export const RESPONSIBILITY_LABELS: Record<ResponsibilityStatus, string> = {
  effective: "Effective (signed)",
  pending: "Pending sign-off",
  unsigned: "Unsigned",
};

export interface ResponsibilityRow {
  classId: number;
  className: string;
  /** Ancestor names, root first, ending with the class's own name. */
  classPath: string[];
  activityId: number;
  activityName: string;
  csfRefs: string[];
  partyId: number;
  partyName: string;
  letter: "R" | "A";
  status: ResponsibilityStatus;
  /** The version that carries this letter: the effective one, or the one in review. */
  versionNo: number | null;
}

export interface MyResponsibilities {
  /** False when the account belongs to no party and leads none: nothing can be assigned to it. */
  hasParty: boolean;
  parties: { id: number; name: string }[];
  rows: ResponsibilityRow[];
}

const holds = (s: RaciSnapshot | null, cell: { activityId: number; partyId: number; letter: string }) =>
  s?.cells.some((x) => x.activityId === cell.activityId && x.partyId === cell.partyId && x.letter === cell.letter) ?? false;

/**
 * Whether a live letter is signed. "effective": the effective version holds the same letter in that cell
 * (a letter unchanged in a newer draft is still in force). "pending": the version in review holds it, or
 * the class's matrix differs from its effective version through the template or a parent class and
 * awaits a new sign-off ("Changes pending sign-off"). "unsigned": no version holds it.
 */
export function responsibilityStatus(
  cell: { activityId: number; partyId: number; letter: string },
  c: { effectiveSnapshot: RaciSnapshot | null; inReviewSnapshot: RaciSnapshot | null; status: RaciStatus },
): ResponsibilityStatus {
  if (holds(c.effectiveSnapshot, cell)) return "effective";
  if (holds(c.inReviewSnapshot, cell) || c.status === "changes_pending") return "pending";
  return "unsigned";
}

/**
 * Every class × activity where the actor's party, or a party they lead, is Responsible or Accountable in
 * the live matrix, in tree order then activity order, with whether that letter is signed. A user without
 * a party gets no rows (and `hasParty: false`, so the page can say why).
 */
export function listMyResponsibilities(db: Db, actor: Actor, now = clock.now()): MyResponsibilities {
  assertCan(actor, "raci.read");
  const mine = new Set<number>([...(actor.partyId != null ? [actor.partyId] : []), ...actor.leadOfPartyIds]);
  if (mine.size === 0) return { hasParty: false, parties: [], rows: [] };
  const { entries, activities, parties } = loadCoverage(db, now);
  const activityById = new Map(activities.map((a) => [a.id, a]));
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  const rows: ResponsibilityRow[] = [];
  for (const c of entries) {
    for (const cell of c.snapshot.cells) {
      if (!mine.has(cell.partyId) || (cell.letter !== "R" && cell.letter !== "A")) continue;
      const status = responsibilityStatus(cell, c);
      rows.push({
        classId: c.classId,
        className: c.name,
        classPath: c.path,
        activityId: cell.activityId,
        activityName: activityById.get(cell.activityId)?.name ?? `Activity ${cell.activityId}`,
        csfRefs: activityById.get(cell.activityId)?.csfRefs ?? [],
        partyId: cell.partyId,
        partyName: partyName.get(cell.partyId) ?? `Party ${cell.partyId}`,
        letter: cell.letter,
        status,
        versionNo: status === "effective" ? c.effectiveVersionNo : holds(c.inReviewSnapshot, cell) ? c.inReviewVersionNo : null,
      });
    }
  }
  return { hasParty: true, parties: parties.filter((p) => mine.has(p.id)).map((p) => ({ id: p.id, name: p.name })), rows };
}
