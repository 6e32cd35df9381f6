import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { assessmentFunctionReviews, assessments } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { CSF_FUNCTIONS, CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { isAnswered, type Answer } from "@/lib/rules/csf-score";
import type { SubmitAssessmentInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { getAssessmentRow, loadAnswers, mayAnswerFunction } from "./assessment-records";
import { clock } from "@/lib/clock";
import { ASSESSMENT_ENTITY } from "./assessment-approval";

/** In progress → In review. Every subcategory answered (or N/A with a reason) and the Tier rated first. */
export function submitAssessment(db: Db, actor: Actor, input: SubmitAssessmentInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    const isAssignee = CSF_FUNCTIONS.some((f) => mayAnswerFunction(tx, actor, a, f.id));
    if (a.createdBy !== actor.id && !can(actor, "assessment.coordinate") && !isAssignee)
      throw new AppError("FORBIDDEN", "Only the assessment's author, an assignee or an admin submits it for review.");
    if (a.status !== "in_progress") throw new AppError("INVALID_STATE", "Only an assessment in progress can be submitted.");
    const answers = new Map(
      loadAnswers(tx, a.id).map((x) => [
        x.subcategoryId,
        { subcategoryId: x.subcategoryId, current: x.current, target: x.target, notApplicable: x.notApplicable } as Answer,
      ]),
    );
    const missing = CSF_SUBCATEGORIES.filter((s) => !isAnswered(answers.get(s.id)));
    const problems: string[] = [];
    if (missing.length)
      problems.push(
        `${CSF_SUBCATEGORIES.length - missing.length} of ${CSF_SUBCATEGORIES.length} subcategories are answered; still open: ${missing
          .slice(0, 5)
          .map((m) => m.id)
          .join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}`,
      );
    if (!a.tier) problems.push("the Implementation Tier is not rated");
    if (problems.length) throw new AppError("VALIDATION", `Not ready for review: ${problems.join("; ")}.`);
    const at = now.toISOString();
    tx.update(assessments).set({ status: "in_review", submittedAt: at, updatedAt: at }).where(eq(assessments.id, a.id)).run();
    tx.update(assessmentFunctionReviews)
      .set({ status: "open", reviewerId: null, comment: "", reviewedAt: null })
      .where(eq(assessmentFunctionReviews.assessmentId, a.id))
      .run();
    appendAudit(tx, {
      actor,
      action: "ASSESSMENT_SUBMITTED",
      entityType: ASSESSMENT_ENTITY,
      entityId: a.id,
      oldValues: { status: a.status },
      newValues: { status: "in_review" },
      at: now,
    });
  });
}
