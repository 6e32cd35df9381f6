import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { assessmentAnswers, assessmentFunctionReviews, assessments, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { answerLockReason } from "@/lib/rules/evidence";
import { AppError } from "@/lib/errors";
import { csfSubcategory } from "@/lib/csf/catalog";
import type { SaveAnswerInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { getAssessmentRow, mayAnswerFunction } from "./assessment-records";
import { clock } from "@/lib/clock";

/**
 * Saves one subcategory's answer. Only the function's assignees (and the author or an admin) may answer,
 * only while the assessment is in progress (or the function was returned). Two people editing the same
 * subcategory never overwrite each other: the caller sends the version it loaded.
 */
export function saveAnswer(db: Db, actor: Actor, input: SaveAnswerInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  const sub = csfSubcategory(input.subcategoryId);
  if (!sub) throw new AppError("NOT_FOUND", "This CSF subcategory was not found.");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    const review = tx
      .select()
      .from(assessmentFunctionReviews)
      .where(and(eq(assessmentFunctionReviews.assessmentId, a.id), eq(assessmentFunctionReviews.functionId, sub.functionId)))
      .get();
    const locked = answerLockReason(a.status, review?.status);
    if (locked) throw new AppError("INVALID_STATE", locked);
    if (!mayAnswerFunction(tx, actor, a, sub.functionId)) throw new AppError("FORBIDDEN", "You are not assigned to this function of the assessment.");
    const where = and(eq(assessmentAnswers.assessmentId, a.id), eq(assessmentAnswers.subcategoryId, input.subcategoryId));
    const before = tx.select().from(assessmentAnswers).where(where).get();
    if ((before?.version ?? 0) !== input.expectedVersion) {
      const who = before ? tx.select({ n: users.name }).from(users).where(eq(users.id, before.updatedBy)).get()?.n : undefined;
      throw new AppError(
        "CONFLICT",
        `${who ?? "Someone"} changed ${input.subcategoryId} at ${before?.updatedAt.replace("T", " ").slice(0, 16) ?? "?"} UTC, after you opened it. Your answer was not saved: reload to see theirs.`,
      );
    }
    const values = {
      current: input.notApplicable ? null : input.current,
      target: input.notApplicable ? null : input.target,
      notApplicable: input.notApplicable,
      naReason: input.notApplicable ? input.naReason : "",
      notes: input.notes,
    };
    const version = (before?.version ?? 0) + 1;
    if (before)
      tx.update(assessmentAnswers)
        .set({ ...values, carriedOver: false, version, updatedBy: actor.id, updatedAt: at })
        .where(where)
        .run();
    else
      tx.insert(assessmentAnswers)
        .values({ assessmentId: a.id, subcategoryId: input.subcategoryId, ...values, version, updatedBy: actor.id, updatedAt: at })
        .run();
    tx.update(assessments).set({ updatedAt: at }).where(eq(assessments.id, a.id)).run();
    appendAudit(tx, {
      actor,
      action: "ASSESSMENT_ANSWER_SAVED",
      entityType: "assessment",
      entityId: a.id,
      oldValues: before
        ? {
            subcategoryId: input.subcategoryId,
            current: before.current,
            target: before.target,
            notApplicable: before.notApplicable,
            naReason: before.naReason,
            notes: before.notes,
          }
        : { subcategoryId: input.subcategoryId },
      newValues: { subcategoryId: input.subcategoryId, ...values },
      at: now,
    });
    return { version };
  });
}
