import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { assessments } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { SetTierInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { getAssessmentRow, mayAnswerFunction } from "./assessment-records";
import { clock } from "@/lib/clock";
import { ASSESSMENT_ENTITY } from "./assessment-approval";

/** Rates the CSF Implementation Tier once for the whole assessment, with a rationale (never per subcategory). */
export function setTier(db: Db, actor: Actor, input: SetTierInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    if (a.status !== "in_progress") throw new AppError("INVALID_STATE", "The Tier can change only while the assessment is in progress.");
    if (!(a.createdBy === actor.id || can(actor, "assessment.coordinate") || mayAnswerFunction(tx, actor, a, "GV"))) {
      throw new AppError("FORBIDDEN", "Only the author, an admin or the Govern assignees rate the Tier.");
    }
    tx.update(assessments).set({ tier: input.tier, tierRationale: input.rationale, updatedAt: now.toISOString() }).where(eq(assessments.id, a.id)).run();
    appendAudit(tx, {
      actor,
      action: "ASSESSMENT_TIER_SET",
      entityType: ASSESSMENT_ENTITY,
      entityId: a.id,
      oldValues: { tier: a.tier, rationale: a.tierRationale },
      newValues: { tier: input.tier, rationale: input.rationale },
      at: now,
    });
  });
}
