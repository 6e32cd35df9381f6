import { eq } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { assessmentFunctionReviews, assessments } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import type { ApproveAssessmentInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { confirmSigner, writeSignature } from "../signatures/sign-record";
import { getAssessmentRow } from "./assessment-records";
import { clock } from "@/lib/clock";
import { ASSESSMENT_ENTITY, assessmentSignedContent } from "./assessment-approval";

/**
 * Approval by a leadership user is an electronic signature over the assessment's content; the author
 * cannot approve their own assessment (separation of duties). An approved assessment is locked.
 */
export async function approveAssessment(db: Db, actor: Actor, input: ApproveAssessmentInput, now = clock.now()) {
  assertCan(actor, "assessment.approve");
  const a = getAssessmentRow(db, input.assessmentId, actor);
  if (a.createdBy === actor.id) throw new AppError("FORBIDDEN", "You started this assessment, so you cannot approve it.");
  if (a.status !== "in_review") throw new AppError("INVALID_STATE", "Only an assessment in review can be approved.");
  const reviews = db.select().from(assessmentFunctionReviews).where(eq(assessmentFunctionReviews.assessmentId, a.id)).all();
  const pending = CSF_FUNCTIONS.filter((f) => reviews.find((r) => r.functionId === f.id)?.status !== "accepted");
  if (pending.length)
    throw new AppError("INVALID_STATE", `Every function must be accepted by a reviewer first; not yet accepted: ${pending.map((f) => f.name).join(", ")}.`);
  const proof = await confirmSigner(db, actor, input, { entityType: ASSESSMENT_ENTITY, entityId: String(a.id) }, now);
  return writeTxWhenFree(db, (tx) => {
    const fresh = getAssessmentRow(tx, a.id, actor);
    if (fresh.status !== "in_review") throw new AppError("CONFLICT", "This assessment changed meanwhile.");
    writeSignature(
      tx,
      actor,
      { ref: { entityType: ASSESSMENT_ENTITY, entityId: String(a.id) }, content: assessmentSignedContent(tx, a.id), meaning: "Approved", proof },
      now,
    );
    const at = now.toISOString();
    tx.update(assessments).set({ status: "approved", approvedAt: at, updatedAt: at }).where(eq(assessments.id, a.id)).run();
    appendAudit(tx, {
      actor,
      action: "ASSESSMENT_APPROVED",
      entityType: ASSESSMENT_ENTITY,
      entityId: a.id,
      oldValues: { status: "in_review" },
      newValues: { status: "approved" },
      at: now,
    });
  });
}
