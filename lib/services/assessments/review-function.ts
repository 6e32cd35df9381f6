import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { assessmentFunctionReviews } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ReviewFunctionInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { getAssessmentRow } from "./assessment-records";
import { clock } from "@/lib/clock";
import { ASSESSMENT_ENTITY, editorsOf } from "./assessment-approval";

/** A reviewer who did not edit the assessment accepts a function, or returns it with comments (it reopens for its assignees). */
export function reviewFunction(db: Db, actor: Actor, input: ReviewFunctionInput, now = clock.now()) {
  assertCan(actor, "assessment.review");
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    if (a.status !== "in_review") throw new AppError("INVALID_STATE", "Only an assessment in review can be reviewed.");
    if (a.createdBy === actor.id || editorsOf(tx, a.id).has(actor.id))
      throw new AppError("FORBIDDEN", "You edited this assessment, so you cannot review it. Ask someone who did not.");
    const where = and(eq(assessmentFunctionReviews.assessmentId, a.id), eq(assessmentFunctionReviews.functionId, input.functionId));
    const before = tx.select().from(assessmentFunctionReviews).where(where).get();
    if (before?.status !== "open")
      throw new AppError(
        "INVALID_STATE",
        before?.status === "accepted" ? "This function is already accepted." : "This function was returned and is waiting for its assignees.",
      );
    const status = input.decision === "accept" ? "accepted" : "returned";
    // An acceptance without a comment keeps the last comment given, so exports show what was asked for.
    tx.update(assessmentFunctionReviews)
      .set({ status, reviewerId: actor.id, comment: input.comment || before.comment, reviewedAt: now.toISOString() })
      .where(where)
      .run();
    appendAudit(tx, {
      actor,
      action: input.decision === "accept" ? "ASSESSMENT_FUNCTION_ACCEPTED" : "ASSESSMENT_FUNCTION_RETURNED",
      entityType: ASSESSMENT_ENTITY,
      entityId: a.id,
      newValues: { functionId: input.functionId, comment: input.comment },
      at: now,
    });
  });
}
