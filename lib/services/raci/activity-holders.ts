import type { DbOrTx } from "@/db/client";
import type { RaciSnapshot } from "@/lib/rules/raci";
import { loadVersions } from "./raci-records";
import { currentRaciVersions } from "./signers";

/** An activity found by its CSF 2.0 anchor first and by name otherwise (hospitals rename activities). */
export interface ActivityFinder {
  csf: string | null;
  name: RegExp;
}

/** DOMAIN.md activity 4, "OEM contract security terms / responsibility agreement" (GV.SC-05). */
export const OEM_TERMS_ACTIVITY: ActivityFinder = { csf: "GV.SC-05", name: /OEM contract|responsibility agreement/i };

/**
 * The parties Accountable and Responsible for one activity in a device class's effective (signed) RACI version, or
 * null when the class has none: only a signed version is anyone's accepted responsibility (21 CFR 11.50 meaning
 * "Accountable — accepts accountability"). Reads the RACI the way effective-duties.ts does; no copy of its rules.
 */
export function signedActivityHolders(
  db: DbOrTx,
  classId: number,
  finder: ActivityFinder,
): { accountable: number[]; responsible: number[]; activity: string | null } | null {
  const { effective } = currentRaciVersions(db, loadVersions(db, classId));
  if (!effective) return null;
  const snap = JSON.parse(effective.content) as RaciSnapshot;
  const a = (finder.csf ? snap.activities.find((x) => x.csfRefs.includes(finder.csf!)) : undefined) ?? snap.activities.find((x) => finder.name.test(x.name));
  if (!a) return { accountable: [], responsible: [], activity: null };
  const holders = (letter: "A" | "R") => snap.cells.filter((c) => c.activityId === a.id && c.letter === letter).map((c) => c.partyId);
  return { accountable: holders("A"), responsible: holders("R"), activity: a.name };
}
