import type { Db } from "@/db/client";
import { can, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { getAdvisorySummary, type AdvisorySummary } from "../advisories/get-advisory-summary";
import { getPatchSummary, type PatchSummary } from "../patches/get-patch-summary";
import { getRecallFigures, type RecallFigures } from "../recalls/get-recall-figures";

export interface RiskFigures {
  /** Known-exploited and unpatched devices, OEM overdue answers (null: the actor may not read advisories). */
  advisories: AdvisorySummary | null;
  /** Applied within policy, backlog by age and by party, no signed owner (null: may not read patches). */
  patches: PatchSummary | null;
  /** Outstanding recalls by class, unsupported devices without a decision (null: may not read recalls). */
  recalls: RecallFigures | null;
}

/**
 * The advisory, patch, recall and replace-or-mitigate figures of issue #13 item 7 for one scope: the one source the
 * dashboard, the board report and the CSF linked facts read, so the three cannot disagree. Each part is the area's
 * own cached summary (decision 0007) and is left out when the actor may not read it; all of them sit on the
 * inventory, so an actor without `inventory.read` gets none.
 */
export function getRiskFigures(db: Db, actor: Actor, opts: { siteId?: number | null } = {}, today = clock.today()): RiskFigures {
  const scope = { siteId: opts.siteId ?? null };
  if (!can(actor, "inventory.read")) return { advisories: null, patches: null, recalls: null };
  return {
    advisories: can(actor, "advisory.read") ? getAdvisorySummary(db, actor, scope, today) : null,
    patches: can(actor, "patch.read") ? getPatchSummary(db, actor, scope, today) : null,
    recalls: can(actor, "recall.read") ? getRecallFigures(db, actor, scope, today) : null,
  };
}
