import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessmentAnswers, assessmentFunctionReviews, assessmentQuickChecks, assessments, users } from "@/db/schema";
import { verifyRecordSignatures } from "../signatures/sign-record";
import { ASSESSMENT_ENTITY, assessmentApprovalVerdict, assessmentSignedContent, editorsOf } from "./assessment-approval";
import { assertCan, can, inSiteScope, type Actor } from "@/lib/auth/permissions";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { isAnswered, type Answer } from "@/lib/rules/csf-score";
import { getAssessmentRow, loadAnswers, loadAssignees, mayAnswerFunction, scopeLabel } from "./assessment-records";

const toAnswer = (a: ReturnType<typeof loadAnswers>[number]): Answer => ({
  subcategoryId: a.subcategoryId,
  current: a.current as Answer["current"],
  target: a.target as Answer["target"],
  notApplicable: a.notApplicable,
});

/** An assessment with its answers, quick checks, assignees and progress per function and overall. */
export function getAssessment(db: Db, actor: Actor, id: number) {
  assertCan(actor, "assessment.read");
  const a = getAssessmentRow(db, id, actor);
  const answers = loadAnswers(db, id);
  const byId = new Map(answers.map((x) => [x.subcategoryId, x]));
  const assignees = loadAssignees(db, id);
  const functions = CSF_FUNCTIONS.map((f) => {
    const ids = f.categories.flatMap((c) => c.subcategories.map((s) => s.id));
    const answered = ids.filter((s) => isAnswered(byId.has(s) ? toAnswer(byId.get(s)!) : undefined)).length;
    const mayAnswer = can(actor, "assessment.answer") && mayAnswerFunction(db, actor, a, f.id);
    return {
      id: f.id,
      name: f.name,
      total: ids.length,
      answered,
      assignees: assignees.filter((x) => x.functionId === f.id).map((x) => x.userName ?? x.partyName ?? ""),
      mayAnswer,
      myRemaining: mayAnswer && assignees.some((x) => x.functionId === f.id) ? ids.length - answered : 0,
    };
  });
  const author = db.select({ name: users.name }).from(users).where(eq(users.id, a.createdBy)).get();
  const reviews = db
    .select({
      functionId: assessmentFunctionReviews.functionId,
      status: assessmentFunctionReviews.status,
      comment: assessmentFunctionReviews.comment,
      reviewedAt: assessmentFunctionReviews.reviewedAt,
      reviewer: users.name,
    })
    .from(assessmentFunctionReviews)
    .leftJoin(users, eq(users.id, assessmentFunctionReviews.reviewerId))
    .where(eq(assessmentFunctionReviews.assessmentId, id))
    .all();
  const isEditor = a.createdBy === actor.id || editorsOf(db, id).has(actor.id);
  return {
    reviews,
    canRateTier:
      a.status === "in_progress" &&
      can(actor, "assessment.answer") &&
      (a.createdBy === actor.id || can(actor, "assessment.coordinate") || mayAnswerFunction(db, actor, a, "GV")),
    canSubmit:
      a.status === "in_progress" &&
      can(actor, "assessment.answer") &&
      (a.createdBy === actor.id || can(actor, "assessment.coordinate") || functions.some((f) => f.mayAnswer)),
    canReview: a.status === "in_review" && can(actor, "assessment.review") && !isEditor,
    canApprove:
      a.status === "in_review" &&
      can(actor, "assessment.approve") &&
      a.createdBy !== actor.id &&
      reviews.length === 6 &&
      reviews.every((r) => r.status === "accepted"),
    /** Marked approved, but its approval signature does not hold up (issue #10, finding 17). */
    signatureProblem: a.status === "approved" ? ((v) => (v.ok ? null : v.problems))(assessmentApprovalVerdict(db, id)) : null,
    signatures:
      a.status === "approved" ? verifyRecordSignatures(db, { entityType: ASSESSMENT_ENTITY, entityId: String(id) }, assessmentSignedContent(db, id)) : [],
    assessment: a,
    scope: scopeLabel(db, a),
    authorName: author?.name ?? "",
    answers: Object.fromEntries(answers.map((x) => [x.subcategoryId, x])),
    quickChecks: Object.fromEntries(
      db
        .select()
        .from(assessmentQuickChecks)
        .where(eq(assessmentQuickChecks.assessmentId, id))
        .all()
        .map((q) => [q.questionKey, q]),
    ),
    functions,
    answered: functions.reduce((n, f) => n + f.answered, 0),
    total: functions.reduce((n, f) => n + f.total, 0),
  };
}

/** All assessments, newest first, with overall progress. Readable by every signed-in role. */
export function listAssessments(db: Db, actor: Actor) {
  assertCan(actor, "assessment.read");
  // One query for every assessment's answers, grouped in memory (no query per row).
  const answered = new Map<number, number>();
  for (const x of db.select().from(assessmentAnswers).all()) {
    if (isAnswered(toAnswer(x))) answered.set(x.assessmentId, (answered.get(x.assessmentId) ?? 0) + 1);
  }
  return db
    .select()
    .from(assessments)
    .orderBy(desc(assessments.createdAt))
    .all()
    .filter((a) => inSiteScope(actor, a.siteId))
    .map((a) => ({ ...a, scope: scopeLabel(db, a), answered: answered.get(a.id) ?? 0, total: 106 }));
}
