import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { assessmentQuickChecks } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { SaveQuickCheckInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { getAssessmentRow, mayAnswerFunction } from "./assessment-records";
import { clock } from "@/lib/clock";

/** Answers one of the function's quick-check questions (yes / partly / no, with a note). */
export function saveQuickCheck(db: Db, actor: Actor, input: SaveQuickCheckInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  const functionId = input.questionKey.slice(0, 2);
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    if (a.status !== "in_progress") throw new AppError("INVALID_STATE", "Quick checks can change only while the assessment is in progress.");
    if (!mayAnswerFunction(tx, actor, a, functionId)) throw new AppError("FORBIDDEN", "You are not assigned to this function of the assessment.");
    const where = and(eq(assessmentQuickChecks.assessmentId, a.id), eq(assessmentQuickChecks.questionKey, input.questionKey));
    const before = tx.select().from(assessmentQuickChecks).where(where).get();
    const at = now.toISOString();
    tx.delete(assessmentQuickChecks).where(where).run();
    tx.insert(assessmentQuickChecks)
      .values({ assessmentId: a.id, questionKey: input.questionKey, answer: input.answer, note: input.note, updatedBy: actor.id, updatedAt: at })
      .run();
    appendAudit(tx, {
      actor,
      action: "ASSESSMENT_QUICK_CHECK_SAVED",
      entityType: "assessment",
      entityId: a.id,
      oldValues: before ? { questionKey: input.questionKey, answer: before.answer, note: before.note } : undefined,
      newValues: { questionKey: input.questionKey, answer: input.answer, note: input.note },
      at: now,
    });
  });
}
