import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessmentAnswers, assessmentFunctionReviews, assessments, drills, planVersions, recalls, responsePlans } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { CSF_FUNCTIONS, CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { isAnswered, type Score } from "@/lib/rules/csf-score";
import { approveAarRefusal } from "@/lib/rules/drills";
import { approvePlanRefusal } from "@/lib/rules/plans";
import { editorsOf } from "../assessments/assessment-approval";
import { loadAssignees } from "../assessments/assessment-records";
import { versionContent } from "../plans/plan-records";
import { recallDevices } from "../recalls/affected";
import { recallRouter } from "../recalls/route-recall";

/**
 * "My items" beyond RACI signatures, plan acknowledgements and action items (which have their own services):
 * every state in which a person must approve, review or answer something. Each function below is one kind of
 * item and answers with the items of that kind for the actor, judged by the same rule the action itself
 * applies (lib/rules/drills.ts `approveAarRefusal`, lib/rules/plans.ts `approvePlanRefusal`, the review
 * separation of duties of lib/services/assessments/workflow.ts), so the list never offers what would be refused.
 *
 * Extension point: a new kind of item (the deferrals of patches, a later issue) is one more function here and
 * one more key in `MY_ITEM_KINDS`; the test in tests/services/my-items.test.ts fails until it has a row.
 */

export interface AarToApprove {
  drillId: number;
  title: string;
  submittedAt: string | null;
}
/** After-action reports in review that the actor may approve (leadership; never the author or facilitator). */
export function listMyAarsToApprove(db: Db, actor: Actor): AarToApprove[] {
  if (!can(actor, "drill.approveAar")) return [];
  return db
    .select()
    .from(drills)
    .where(eq(drills.status, "aar_review"))
    .orderBy(asc(drills.aarSubmittedAt))
    .all()
    .filter((d) => actor.siteId == null || d.siteId === actor.siteId)
    .filter(
      (d) => approveAarRefusal({ status: d.status, kind: d.kind, facilitatorUserId: d.facilitatorUserId, aarSubmittedBy: d.aarSubmittedBy }, actor.id) === null,
    )
    .map((d) => ({ drillId: d.id, title: d.title, submittedAt: d.aarSubmittedAt }));
}

export interface PlanToApprove {
  planId: number;
  title: string;
  versionNo: number;
}
/**
 * Plan drafts complete enough to approve (a scenario, steps and people to tell) that the actor may approve:
 * leadership who neither wrote nor last edited the version. A draft still missing content is its author's item,
 * not the approver's.
 */
export function listMyPlansToApprove(db: Db, actor: Actor): PlanToApprove[] {
  if (!can(actor, "plan.approve")) return [];
  return db
    .select({ v: planVersions, title: responsePlans.title, siteId: responsePlans.siteId, archivedAt: responsePlans.archivedAt })
    .from(planVersions)
    .innerJoin(responsePlans, eq(responsePlans.id, planVersions.planId))
    .where(eq(planVersions.status, "draft"))
    .orderBy(asc(responsePlans.title))
    .all()
    .filter((r) => !r.archivedAt && (actor.siteId == null || r.siteId == null || r.siteId === actor.siteId))
    .filter(({ v }) => approvePlanRefusal({ ...versionContent(v), status: v.status, createdBy: v.createdBy, updatedBy: v.updatedBy }, actor.id) === null)
    .map(({ v, title }) => ({ planId: v.planId, title, versionNo: v.versionNo }));
}

export interface AssessmentFunctionItem {
  assessmentId: number;
  name: string;
  functionId: string;
  functionName: string;
  /** For "to answer": subcategories of the function still unanswered (0 for a returned function). */
  remaining: number;
  returned: boolean;
  dueDate: string | null;
}
export interface AssessmentToApprove {
  assessmentId: number;
  name: string;
}

const fnName = (id: string) => CSF_FUNCTIONS.find((f) => f.id === id)?.name ?? id;

function isAssigneeOf(actor: Actor, assignees: ReturnType<typeof loadAssignees>, functionId: string): boolean {
  return assignees.some(
    (x) =>
      x.functionId === functionId &&
      (x.userId === actor.id || (x.partyId != null && (x.partyId === actor.partyId || actor.leadOfPartyIds.includes(x.partyId)))),
  );
}

/**
 * Functions the actor must answer: they are a named assignee (a user, or a member or lead of the assigned party)
 * of a function of an assessment in progress with subcategories still open, or of a function a reviewer returned.
 * Authors and admins may also answer (they coordinate) but are not asked to: only assignees are.
 */
export function listMyFunctionsToAnswer(db: Db, actor: Actor): AssessmentFunctionItem[] {
  if (!can(actor, "assessment.answer")) return [];
  const open = db
    .select()
    .from(assessments)
    .where(inArray(assessments.status, ["in_progress", "in_review"]))
    .orderBy(asc(assessments.dueDate), asc(assessments.id))
    .all();
  const out: AssessmentFunctionItem[] = [];
  for (const a of open) {
    const assignees = loadAssignees(db, a.id);
    const mine = CSF_FUNCTIONS.filter((f) => isAssigneeOf(actor, assignees, f.id));
    if (mine.length === 0) continue;
    if (a.status === "in_progress") {
      const answered = new Set(
        db
          .select()
          .from(assessmentAnswers)
          .where(eq(assessmentAnswers.assessmentId, a.id))
          .all()
          .filter((x) =>
            isAnswered({
              subcategoryId: x.subcategoryId,
              current: x.current as Score | null,
              target: x.target as Score | null,
              notApplicable: x.notApplicable,
            }),
          )
          .map((x) => x.subcategoryId),
      );
      for (const f of mine) {
        const remaining = CSF_SUBCATEGORIES.filter((s) => s.functionId === f.id && !answered.has(s.id)).length;
        if (remaining > 0)
          out.push({ assessmentId: a.id, name: a.name, functionId: f.id, functionName: f.name, remaining, returned: false, dueDate: a.dueDate });
      }
    } else {
      const returned = db
        .select()
        .from(assessmentFunctionReviews)
        .where(and(eq(assessmentFunctionReviews.assessmentId, a.id), eq(assessmentFunctionReviews.status, "returned")))
        .all();
      for (const r of returned) {
        if (mine.some((f) => f.id === r.functionId))
          out.push({
            assessmentId: a.id,
            name: a.name,
            functionId: r.functionId,
            functionName: fnName(r.functionId),
            remaining: 0,
            returned: true,
            dueDate: a.dueDate,
          });
      }
    }
  }
  return out;
}

/** Functions of assessments in review waiting for a reviewer who did not edit the assessment (separation of duties). */
export function listMyFunctionsToReview(db: Db, actor: Actor): AssessmentFunctionItem[] {
  if (!can(actor, "assessment.review")) return [];
  const inReview = db.select().from(assessments).where(eq(assessments.status, "in_review")).orderBy(asc(assessments.id)).all();
  const out: AssessmentFunctionItem[] = [];
  for (const a of inReview) {
    if (a.createdBy === actor.id || editorsOf(db, a.id).has(actor.id)) continue;
    const reviews = db
      .select()
      .from(assessmentFunctionReviews)
      .where(and(eq(assessmentFunctionReviews.assessmentId, a.id), eq(assessmentFunctionReviews.status, "open")))
      .all();
    for (const r of reviews)
      out.push({
        assessmentId: a.id,
        name: a.name,
        functionId: r.functionId,
        functionName: fnName(r.functionId),
        remaining: 0,
        returned: false,
        dueDate: a.dueDate,
      });
  }
  return out;
}

/** Assessments in review with every function accepted, for leadership who did not start them. */
export function listMyAssessmentsToApprove(db: Db, actor: Actor): AssessmentToApprove[] {
  if (!can(actor, "assessment.approve")) return [];
  const inReview = db.select().from(assessments).where(eq(assessments.status, "in_review")).orderBy(asc(assessments.id)).all();
  return inReview
    .filter((a) => a.createdBy !== actor.id)
    .filter((a) => {
      const reviews = db.select().from(assessmentFunctionReviews).where(eq(assessmentFunctionReviews.assessmentId, a.id)).all();
      return CSF_FUNCTIONS.every((f) => reviews.find((r) => r.functionId === f.id)?.status === "accepted");
    })
    .map((a) => ({ assessmentId: a.id, name: a.name }));
}

export interface RecallToAction {
  recallId: number;
  recallNumber: string;
  recallClass: string | null;
  party: string;
  /** Devices (within the actor's site scope) still waiting for the recall's action. */
  devices: number;
}
/**
 * Recalls with devices still outstanding whose class's signed RACI makes a party the actor leads Responsible for
 * "Handle recalls and field safety notices" (lib/services/recalls/route-recall.ts): the same rule that lets them
 * record the action.
 */
export function listMyRecallItems(db: Db, actor: Actor): RecallToAction[] {
  if (actor.leadOfPartyIds.length === 0 || !can(actor, "recall.read")) return [];
  const route = recallRouter(db, actor);
  const mine = new Map<string, RecallToAction>();
  for (const d of recallDevices(db, { outstandingOnly: true, siteId: actor.siteId ?? null })) {
    for (const owner of route(d.deviceClassId ? { id: d.deviceClassId, name: d.deviceClass ?? "" } : null)) {
      if (!actor.leadOfPartyIds.includes(owner.partyId) || !can(actor, "recall.recordAction", { partyId: owner.partyId })) continue;
      const key = `${d.recallId}:${owner.partyId}`;
      const item = mine.get(key) ?? { recallId: d.recallId, recallNumber: "", recallClass: null, party: owner.party, devices: 0 };
      item.devices++;
      mine.set(key, item);
    }
  }
  if (mine.size === 0) return [];
  const byId = new Map(
    db
      .select({ id: recalls.id, recallNumber: recalls.recallNumber, recallClass: recalls.recallClass })
      .from(recalls)
      .all()
      .map((r) => [r.id, r]),
  );
  return [...mine.values()]
    .map((i) => ({ ...i, recallNumber: byId.get(i.recallId)!.recallNumber, recallClass: byId.get(i.recallId)!.recallClass }))
    .sort((a, b) => (a.recallClass ?? "Z").localeCompare(b.recallClass ?? "Z") || a.recallNumber.localeCompare(b.recallNumber));
}

/** Every kind of item "My items" lists, with the sentence that heads it. The test enumerates these. */
export const MY_ITEM_KINDS = {
  toSign: "RACI versions in review waiting for your signature",
  toReattest: "RACI versions due for your re-attestation",
  aarsToApprove: "After-action reports waiting for your approval",
  plansToApprove: "Response plan versions waiting for your approval",
  toAcknowledge: "Response plans you must acknowledge",
  functionsToReview: "Assessment functions waiting for your review",
  assessmentsToApprove: "Assessments waiting for your approval",
  functionsToAnswer: "Assessment functions you must answer",
  items: "Action items you must close",
  patches: "OEM-validated patches your party must apply or answers for",
  recalls: "Recalls with devices waiting for your party's action",
} as const;
export type MyItemKind = keyof typeof MY_ITEM_KINDS;
