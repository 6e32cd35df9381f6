import { asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { activities, deviceClasses, drillPlans, drills, parties, planVersions, responsePlans, sites, users } from "@/db/schema";
import { assertCan, can, inSiteScope, type Actor } from "@/lib/auth/permissions";
import { countsForCadence } from "@/lib/rules/drills";
import { approvePlanRefusal, planReviewStatus, type ReviewStatus } from "@/lib/rules/plans";
import type { Letter, RaciSnapshot } from "@/lib/rules/raci";
import { verifyRecordSignatures } from "../signatures/sign-record";
import { loadVersions } from "../raci/raci-records";
import { currentRaciVersions } from "../raci/signers";
import {
  PLAN_ENTITY,
  acknowledgementsOf,
  acknowledgerPairs,
  acknowledgersOf,
  currentPlanVersions,
  getPlanRow,
  loadPeople,
  loadPlanVersions,
  planSignedContent,
  versionContent,
  type PlanVersionRow,
} from "./plan-records";
import { clock } from "@/lib/clock";

export const todayIso = (now: Date) => now.toISOString().slice(0, 10);

export interface PlanListRow {
  id: number;
  title: string;
  site: string;
  approvedVersionNo: number | null;
  /** Marked approved, but the approval signature does not hold up (issue #10, finding 17). */
  signatureProblem: boolean;
  draftVersionNo: number | null;
  review: ReviewStatus;
  acknowledged: number;
  required: number;
  lastExercised: string | null;
  /** The actor is named and has not acknowledged the version in force. */
  mustAcknowledge: boolean;
}

function lastExercisedByPlan(db: DbOrTx): Map<number, string> {
  const rows = db
    .select({ planId: drillPlans.planId, status: drills.status, date: drills.actualStart })
    .from(drillPlans)
    .innerJoin(drills, eq(drills.id, drillPlans.drillId))
    .all();
  const out = new Map<number, string>();
  for (const r of rows) {
    if (!countsForCadence({ status: r.status }) || !r.date) continue;
    if ((out.get(r.planId) ?? "") < r.date) out.set(r.planId, r.date);
  }
  return out;
}

export function listPlans(db: Db, actor: Actor, now = clock.now()): PlanListRow[] {
  assertCan(actor, "plan.read");
  const today = todayIso(now);
  const plans = db
    .select({ p: responsePlans, siteName: sites.name })
    .from(responsePlans)
    .leftJoin(sites, eq(sites.id, responsePlans.siteId))
    .where(isNull(responsePlans.archivedAt))
    .orderBy(asc(responsePlans.title))
    .all()
    .filter(({ p }) => inSiteScope(actor, p.siteId));
  const people = loadPeople(db);
  const exercised = lastExercisedByPlan(db);
  const all = plans.length
    ? loadAllVersions(
        db,
        plans.map((x) => x.p.id),
      )
    : [];
  const acks = acknowledgementsOf(
    db,
    all.filter((v) => v.status === "approved").map((v) => v.id),
  );
  return plans.map(({ p, siteName }) => {
    const { approved, draft, signatureProblem } = currentPlanVersions(
      db,
      p,
      all.filter((v) => v.planId === p.id),
    );
    const required = approved ? acknowledgersOf(approved, people) : [];
    const done = approved ? new Set(acks.filter((a) => a.planVersionId === approved.id).map((a) => a.userId)) : new Set<number>();
    return {
      id: p.id,
      title: p.title,
      site: siteName ?? "Whole organization",
      approvedVersionNo: approved?.versionNo ?? null,
      signatureProblem: Boolean(signatureProblem),
      draftVersionNo: draft?.versionNo ?? null,
      review: planReviewStatus(approved?.approvedAt ?? null, approved?.reviewIntervalMonths ?? 12, today),
      acknowledged: required.filter((id) => done.has(id)).length,
      required: required.length,
      lastExercised: exercised.get(p.id) ?? null,
      mustAcknowledge: required.includes(actor.id) && !done.has(actor.id),
    };
  });
}

function loadAllVersions(db: DbOrTx, planIds: number[]): PlanVersionRow[] {
  return db.select().from(planVersions).where(inArray(planVersions.planId, planIds)).orderBy(desc(planVersions.versionNo)).all();
}

export interface ClassResponsibility {
  classId: number;
  className: string;
  /** Version number of the class's effective (signed) RACI; null when none is in force. */
  effectiveVersionNo: number | null;
  activities: {
    activityId: number;
    activityName: string;
    accountable: { party: string; lead: string | null }[];
    responsible: { party: string; lead: string | null }[];
  }[];
}

/** For each class in scope and each activity the plan exercises: who is A and R in the class's effective, signed RACI. */
export function planResponsibilities(db: DbOrTx, classIds: readonly number[], activityIds: readonly number[]): ClassResponsibility[] {
  if (classIds.length === 0) return [];
  const classes = db
    .select({ id: deviceClasses.id, name: deviceClasses.name })
    .from(deviceClasses)
    .where(inArray(deviceClasses.id, [...classIds]))
    .orderBy(asc(deviceClasses.name))
    .all();
  const acts = activityIds.length
    ? db
        .select({ id: activities.id, name: activities.name, sort: activities.sortOrder })
        .from(activities)
        .where(inArray(activities.id, [...activityIds]))
        .orderBy(asc(activities.sortOrder))
        .all()
    : [];
  const partyInfo = new Map(
    db
      .select({ id: parties.id, name: parties.name, lead: users.name })
      .from(parties)
      .leftJoin(users, eq(users.id, parties.leadUserId))
      .all()
      .map((p) => [p.id, p] as const),
  );
  return classes.map((c) => {
    const { effective } = currentRaciVersions(db, loadVersions(db, c.id));
    const snap = effective ? (JSON.parse(effective.content) as RaciSnapshot) : null;
    const holders = (activityId: number, letter: Letter) =>
      (snap?.cells ?? [])
        .filter((x) => x.activityId === activityId && x.letter === letter)
        .map((x) => ({
          party: partyInfo.get(x.partyId)?.name ?? snap!.parties.find((p) => p.id === x.partyId)?.name ?? "?",
          lead: partyInfo.get(x.partyId)?.lead ?? null,
        }));
    return {
      classId: c.id,
      className: c.name,
      effectiveVersionNo: effective?.versionNo ?? null,
      activities: acts.map((a) => ({ activityId: a.id, activityName: a.name, accountable: holders(a.id, "A"), responsible: holders(a.id, "R") })),
    };
  });
}

export function getPlan(db: Db, actor: Actor, planId: number, now = clock.now()) {
  assertCan(actor, "plan.read");
  const today = todayIso(now);
  const plan = getPlanRow(db, planId, actor);
  const site = plan.siteId ? (db.select({ name: sites.name }).from(sites).where(eq(sites.id, plan.siteId)).get()?.name ?? "?") : "Whole organization";
  const versions = loadPlanVersions(db, planId);
  const { approved, draft, signatureProblem } = currentPlanVersions(db, plan, versions);
  const people = loadPeople(db);
  const nameOf = new Map(people.people.map((p) => [p.id, p.name] as const));
  const partyName = new Map(
    db
      .select({ id: parties.id, name: parties.name })
      .from(parties)
      .all()
      .map((p) => [p.id, p.name] as const),
  );
  const className = new Map(
    db
      .select({ id: deviceClasses.id, name: deviceClasses.name })
      .from(deviceClasses)
      .all()
      .map((c) => [c.id, c.name] as const),
  );
  const activityName = new Map(
    db
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .all()
      .map((a) => [a.id, a.name] as const),
  );

  const describe = (v: PlanVersionRow) => {
    const c = versionContent(v);
    return {
      ...c,
      id: v.id,
      versionNo: v.versionNo,
      status: v.status,
      revision: v.revision,
      createdBy: nameOf.get(v.createdBy) ?? "?",
      updatedBy: nameOf.get(v.updatedBy) ?? "?",
      updatedAt: v.updatedAt,
      approvedAt: v.approvedAt,
      approvedBy: v.approvedBy ? (nameOf.get(v.approvedBy) ?? "?") : null,
      classes: c.deviceClassIds.map((id) => ({ id, name: className.get(id) ?? "?" })),
      activities: c.activityIds.map((id) => ({ id, name: activityName.get(id) ?? "?" })),
      namedUsers: c.namedUserIds.map((id) => ({ id, name: nameOf.get(id) ?? "?" })),
      namedParties: c.namedPartyIds.map((id) => ({ id, name: partyName.get(id) ?? "?" })),
      stepsNamed: c.steps.map((s) => ({ ...s, party: s.partyId ? (partyName.get(s.partyId) ?? "?") : null })),
      responsibilities: planResponsibilities(db, c.deviceClassIds, c.activityIds),
    };
  };

  let acknowledgements: { userId: number; name: string; acknowledgedAt: string | null }[] = [];
  if (approved) {
    const acks = acknowledgementsOf(db, [approved.id]);
    acknowledgements = acknowledgersOf(approved, people).map((userId) => ({
      userId,
      name: nameOf.get(userId) ?? "?",
      acknowledgedAt: acks.find((a) => a.userId === userId)?.acknowledgedAt ?? null,
    }));
  }
  const signatures = versions
    .filter((v) => v.status !== "draft")
    .map((v) => ({
      versionNo: v.versionNo,
      signatures: verifyRecordSignatures(db, { entityType: PLAN_ENTITY, entityId: String(v.id) }, planSignedContent(plan, v)),
    }));
  const exercisedBy = db
    .select({ id: drills.id, title: drills.title, status: drills.status, date: drills.actualStart, planned: drills.plannedDate, kind: drills.kind })
    .from(drillPlans)
    .innerJoin(drills, eq(drills.id, drillPlans.drillId))
    .where(eq(drillPlans.planId, planId))
    .orderBy(desc(drills.plannedDate))
    .all();
  const mine = acknowledgements.find((a) => a.userId === actor.id);
  /**
   * For the approval panel: what the draft itself still lacks before anyone may approve it (judged for
   * approver id 0, which is never a user, so authorship is left out), and whether the actor wrote or
   * last edited it, in which case someone else must approve (segregation of duties).
   */
  const draftApproval = draft
    ? {
        notReady: approvePlanRefusal({ ...versionContent(draft), status: draft.status, createdBy: draft.createdBy, updatedBy: draft.updatedBy }, 0),
        byActor: draft.createdBy === actor.id || draft.updatedBy === actor.id,
      }
    : null;
  return {
    plan: { id: plan.id, title: plan.title, site, siteId: plan.siteId },
    approved: approved ? describe(approved) : null,
    /** Marked approved, but its approval signature does not hold up: shown as "Signature problem", not in force. */
    signatureProblem,
    draft: draft ? describe(draft) : null,
    history: versions.map((v) => ({
      versionNo: v.versionNo,
      status: v.status,
      approvedAt: v.approvedAt,
      approvedBy: v.approvedBy ? (nameOf.get(v.approvedBy) ?? "?") : null,
      supersededAt: v.supersededAt,
    })),
    review: planReviewStatus(approved?.approvedAt ?? null, approved?.reviewIntervalMonths ?? 12, today),
    acknowledgements,
    signatures,
    exercisedBy,
    draftApproval,
    may: {
      manage: can(actor, "plan.manage"),
      approve: can(actor, "plan.approve") && Boolean(draft) && draft!.createdBy !== actor.id && draft!.updatedBy !== actor.id,
      acknowledge: Boolean(mine && !mine.acknowledgedAt) && can(actor, "plan.acknowledge"),
    },
  };
}
export type PlanDetail = ReturnType<typeof getPlan>;

/** Approved plan versions that name the actor and that they have not yet acknowledged (home page reminder). */
export function listMyPendingAcknowledgements(db: Db, actor: Actor) {
  if (!can(actor, "plan.acknowledge")) return [];
  const people = loadPeople(db);
  const approved = db
    .select({ v: planVersions, title: responsePlans.title })
    .from(planVersions)
    .innerJoin(responsePlans, eq(responsePlans.id, planVersions.planId))
    .where(eq(planVersions.status, "approved"))
    .all()
    .filter(({ v }) => acknowledgersOf(v, people).includes(actor.id));
  const done = new Set(
    acknowledgerPairs(
      db,
      approved.map(({ v }) => v.id),
      actor.id,
    ).map((a) => a.planVersionId),
  );
  return approved.filter(({ v }) => !done.has(v.id)).map(({ v, title }) => ({ planId: v.planId, planVersionId: v.id, title, versionNo: v.versionNo }));
}

/** Choices for the plan editor. */
export function planFormOptions(db: Db, actor: Actor) {
  assertCan(actor, "plan.read");
  return {
    sites: db.select({ id: sites.id, name: sites.name }).from(sites).where(isNull(sites.archivedAt)).orderBy(asc(sites.name)).all(),
    classes: db
      .select({ id: deviceClasses.id, name: deviceClasses.name })
      .from(deviceClasses)
      .where(isNull(deviceClasses.archivedAt))
      .orderBy(asc(deviceClasses.name))
      .all(),
    activities: db
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .where(isNull(activities.retiredAt))
      .orderBy(asc(activities.sortOrder))
      .all(),
    users: db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all(),
    parties: db
      .select({ id: parties.id, name: parties.name })
      .from(parties)
      .where(isNull(parties.archivedAt))
      .orderBy(asc(parties.sortOrder), asc(parties.name))
      .all(),
  };
}
