import { and, eq, inArray } from "drizzle-orm";
import { type DbOrTx } from "@/db/client";
import { assessmentQuickChecks, auditLog } from "@/db/schema";
import { approvalVerdict } from "../signatures/sign-record";
import type { SignatureSetVerdict } from "@/lib/rules/signature";
import { getAssessmentRow, loadAnswers } from "./assessment-records";

export const ASSESSMENT_ENTITY = "assessment";

export const EDIT_ACTIONS = ["ASSESSMENT_ANSWER_SAVED", "ASSESSMENT_QUICK_CHECK_SAVED", "ASSESSMENT_TIER_SET"];

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

/** Does an approved assessment's approval signature hold up for its content now? (issue #10, finding 17) */
export function assessmentApprovalVerdict(db: DbOrTx, assessmentId: number): SignatureSetVerdict {
  return approvalVerdict(
    db,
    { entityType: ASSESSMENT_ENTITY, entityId: String(assessmentId) },
    assessmentSignedContent(db, assessmentId),
    null,
    "Leadership approval",
  );
}
