import { and, eq, inArray } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx } from "@/db/client";
import { assessmentFunctionReviews, assessmentQuickChecks, assessments, auditLog } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { CSF_FUNCTIONS, CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { isAnswered, type Answer } from "@/lib/rules/csf-score";
import type { ApproveAssessmentInput, ResubmitFunctionInput, ReviewFunctionInput, SetTierInput, SubmitAssessmentInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { approvalVerdict, confirmSignerPassword, writeSignature } from "../signatures/sign-record";
import type { SignatureSetVerdict } from "@/lib/rules/signature";
import { getAssessmentRow, loadAnswers, mayAnswerFunction } from "./load";
import { clock } from "@/lib/clock";

export const ASSESSMENT_ENTITY = "assessment";
const EDIT_ACTIONS = ["ASSESSMENT_ANSWER_SAVED", "ASSESSMENT_QUICK_CHECK_SAVED", "ASSESSMENT_TIER_SET"];

/** Users who changed the assessment's content (answers, quick checks, tier), from the audit trail. */
export function editorsOf(db: DbOrTx, assessmentId: number): Set<number> {
  const rows = db
    .select({ actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, ASSESSMENT_ENTITY), eq(auditLog.entityId, String(assessmentId)), inArray(auditLog.action, EDIT_ACTIONS)))
    .all();
  return new Set(rows.map((r) => r.actorId).filter((x): x is number => x != null));
}

/** The content an approval signs: every answer, quick check and the Tier. */
export function assessmentSignedContent(db: DbOrTx, assessmentId: number): unknown {
  const a = getAssessmentRow(db, assessmentId, "system");
  return {
    id: a.id,
    name: a.name,
    scope: { type: a.scopeType, siteId: a.siteId, deviceClassId: a.deviceClassId },
    tier: a.tier,
    tierRationale: a.tierRationale,
    answers: loadAnswers(db, assessmentId)
      .map((x) => ({ id: x.subcategoryId, current: x.current, target: x.target, na: x.notApplicable, naReason: x.naReason, notes: x.notes }))
      .sort((p, q) => p.id.localeCompare(q.id)),
    quickChecks: db
      .select()
      .from(assessmentQuickChecks)
      .where(eq(assessmentQuickChecks.assessmentId, assessmentId))
      .all()
      .map((q) => ({ key: q.questionKey, answer: q.answer, note: q.note }))
      .sort((p, q) => p.key.localeCompare(q.key)),
  };
}

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
    appendAudit(tx, { actor, action: "ASSESSMENT_TIER_SET", entityType: ASSESSMENT_ENTITY, entityId: a.id, oldValues: { tier: a.tier, rationale: a.tierRationale }, newValues: { tier: input.tier, rationale: input.rationale }, at: now });
  });
}

/** In progress → In review. Every subcategory answered (or N/A with a reason) and the Tier rated first. */
export function submitAssessment(db: Db, actor: Actor, input: SubmitAssessmentInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    const isAssignee = CSF_FUNCTIONS.some((f) => mayAnswerFunction(tx, actor, a, f.id));
    if (a.createdBy !== actor.id && !can(actor, "assessment.coordinate") && !isAssignee) throw new AppError("FORBIDDEN", "Only the assessment's author, an assignee or an admin submits it for review.");
    if (a.status !== "in_progress") throw new AppError("INVALID_STATE", "Only an assessment in progress can be submitted.");
    const answers = new Map(loadAnswers(tx, a.id).map((x) => [x.subcategoryId, { subcategoryId: x.subcategoryId, current: x.current, target: x.target, notApplicable: x.notApplicable } as Answer]));
    const missing = CSF_SUBCATEGORIES.filter((s) => !isAnswered(answers.get(s.id)));
    const problems: string[] = [];
    if (missing.length) problems.push(`${CSF_SUBCATEGORIES.length - missing.length} of ${CSF_SUBCATEGORIES.length} subcategories are answered; still open: ${missing.slice(0, 5).map((m) => m.id).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}`);
    if (!a.tier) problems.push("the Implementation Tier is not rated");
    if (problems.length) throw new AppError("VALIDATION", `Not ready for review: ${problems.join("; ")}.`);
    const at = now.toISOString();
    tx.update(assessments).set({ status: "in_review", submittedAt: at, updatedAt: at }).where(eq(assessments.id, a.id)).run();
    tx.update(assessmentFunctionReviews).set({ status: "open", reviewerId: null, comment: "", reviewedAt: null }).where(eq(assessmentFunctionReviews.assessmentId, a.id)).run();
    appendAudit(tx, { actor, action: "ASSESSMENT_SUBMITTED", entityType: ASSESSMENT_ENTITY, entityId: a.id, oldValues: { status: a.status }, newValues: { status: "in_review" }, at: now });
  });
}

/** A reviewer who did not edit the assessment accepts a function, or returns it with comments (it reopens for its assignees). */
export function reviewFunction(db: Db, actor: Actor, input: ReviewFunctionInput, now = clock.now()) {
  assertCan(actor, "assessment.review");
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    if (a.status !== "in_review") throw new AppError("INVALID_STATE", "Only an assessment in review can be reviewed.");
    if (a.createdBy === actor.id || editorsOf(tx, a.id).has(actor.id)) throw new AppError("FORBIDDEN", "You edited this assessment, so you cannot review it. Ask someone who did not.");
    const where = and(eq(assessmentFunctionReviews.assessmentId, a.id), eq(assessmentFunctionReviews.functionId, input.functionId));
    const before = tx.select().from(assessmentFunctionReviews).where(where).get();
    if (before?.status !== "open") throw new AppError("INVALID_STATE", before?.status === "accepted" ? "This function is already accepted." : "This function was returned and is waiting for its assignees.");
    const status = input.decision === "accept" ? "accepted" : "returned";
    // An acceptance without a comment keeps the last comment given, so exports show what was asked for.
    tx.update(assessmentFunctionReviews).set({ status, reviewerId: actor.id, comment: input.comment || before.comment, reviewedAt: now.toISOString() }).where(where).run();
    appendAudit(tx, { actor, action: input.decision === "accept" ? "ASSESSMENT_FUNCTION_ACCEPTED" : "ASSESSMENT_FUNCTION_RETURNED", entityType: ASSESSMENT_ENTITY, entityId: a.id, newValues: { functionId: input.functionId, comment: input.comment }, at: now });
  });
}

/** After fixing a returned function, its assignees send it back for review. */
export function resubmitFunction(db: Db, actor: Actor, input: ResubmitFunctionInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  return writeTx(db, (tx) => {
    const a = getAssessmentRow(tx, input.assessmentId, actor);
    if (!mayAnswerFunction(tx, actor, a, input.functionId)) throw new AppError("FORBIDDEN", "You are not assigned to this function of the assessment.");
    const where = and(eq(assessmentFunctionReviews.assessmentId, a.id), eq(assessmentFunctionReviews.functionId, input.functionId));
    if (tx.select().from(assessmentFunctionReviews).where(where).get()?.status !== "returned") throw new AppError("INVALID_STATE", "Only a returned function can be sent back for review.");
    tx.update(assessmentFunctionReviews).set({ status: "open" }).where(where).run();
    appendAudit(tx, { actor, action: "ASSESSMENT_FUNCTION_RESUBMITTED", entityType: ASSESSMENT_ENTITY, entityId: a.id, newValues: { functionId: input.functionId }, at: now });
  });
}

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
  if (pending.length) throw new AppError("INVALID_STATE", `Every function must be accepted by a reviewer first; not yet accepted: ${pending.map((f) => f.name).join(", ")}.`);
  await confirmSignerPassword(db, actor, input.password, { entityType: ASSESSMENT_ENTITY, entityId: String(a.id) }, now);
  return writeTx(db, (tx) => {
    const fresh = getAssessmentRow(tx, a.id, actor);
    if (fresh.status !== "in_review") throw new AppError("CONFLICT", "This assessment changed meanwhile.");
    writeSignature(tx, actor, { ref: { entityType: ASSESSMENT_ENTITY, entityId: String(a.id) }, content: assessmentSignedContent(tx, a.id), meaning: "Approved" }, now);
    const at = now.toISOString();
    tx.update(assessments).set({ status: "approved", approvedAt: at, updatedAt: at }).where(eq(assessments.id, a.id)).run();
    appendAudit(tx, { actor, action: "ASSESSMENT_APPROVED", entityType: ASSESSMENT_ENTITY, entityId: a.id, oldValues: { status: "in_review" }, newValues: { status: "approved" }, at: now });
  });
}

/** Does an approved assessment's approval signature hold up for its content now? (issue #10, finding 17) */
export function assessmentApprovalVerdict(db: DbOrTx, assessmentId: number): SignatureSetVerdict {
  return approvalVerdict(db, { entityType: ASSESSMENT_ENTITY, entityId: String(assessmentId) }, assessmentSignedContent(db, assessmentId), null, "Leadership approval");
}
