import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { assessmentFunctionReviews } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ResubmitFunctionInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { getAssessmentRow, mayAnswerFunction } from "./assessment-records";
import { clock } from "@/lib/clock";
import { ASSESSMENT_ENTITY } from "./assessment-approval";

/** After fixing a returned function, its assignees send it back for review. */
export function resubmitFunction(db: Db, actor: Actor, input: ResubmitFunctionInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    if (!mayAnswerFunction(tx, actor, a, input.functionId)) throw new AppError("FORBIDDEN", "You are not assigned to this function of the assessment.");
    const where = and(eq(assessmentFunctionReviews.assessmentId, a.id), eq(assessmentFunctionReviews.functionId, input.functionId));
    if (tx.select().from(assessmentFunctionReviews).where(where).get()?.status !== "returned")
      throw new AppError("INVALID_STATE", "Only a returned function can be sent back for review.");
    tx.update(assessmentFunctionReviews).set({ status: "open" }).where(where).run();
    appendAudit(tx, {
      actor,
      action: "ASSESSMENT_FUNCTION_RESUBMITTED",
      entityType: ASSESSMENT_ENTITY,
      entityId: a.id,
      newValues: { functionId: input.functionId },
      at: now,
    });
  });
}
