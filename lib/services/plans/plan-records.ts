import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { parties, planAcknowledgements, planVersions, responsePlans, userRoles, users, type Role } from "@/db/schema";
import { assertInSiteScope, can } from "@/lib/auth/permissions";
import type { SignatureSetVerdict } from "@/lib/rules/signature";
import { approvalVerdict } from "../signatures/sign-record";
import { notFound } from "@/lib/errors";
import { requiredAcknowledgers, type PlanContact, type PlanStep } from "@/lib/rules/plans";

export const PLAN_ENTITY = "plan_version";

export type PlanRow = typeof responsePlans.$inferSelect;
export type PlanVersionRow = typeof planVersions.$inferSelect;

export interface PlanVersionContent {
  scenario: string;
  deviceClassIds: number[];
  activityIds: number[];
  namedUserIds: number[];
  namedPartyIds: number[];
  steps: PlanStep[];
  contacts: PlanContact[];
  downtimeProcedures: string;
  reviewIntervalMonths: number;
  exerciseIntervalMonths: number;
}

export function versionContent(v: PlanVersionRow): PlanVersionContent {
  return {
    scenario: v.scenario,
    deviceClassIds: JSON.parse(v.deviceClassIds) as number[],
    activityIds: JSON.parse(v.activityIds) as number[],
    namedUserIds: JSON.parse(v.namedUserIds) as number[],
    namedPartyIds: JSON.parse(v.namedPartyIds) as number[],
    steps: JSON.parse(v.steps) as PlanStep[],
    contacts: JSON.parse(v.contacts) as PlanContact[],
    downtimeProcedures: v.downtimeProcedures,
    reviewIntervalMonths: v.reviewIntervalMonths,
    exerciseIntervalMonths: v.exerciseIntervalMonths,
  };
}

/** What the approver signs: the plan's identity, the version number and its whole content. */
export function planSignedContent(plan: PlanRow, v: PlanVersionRow): unknown {
  return { planId: plan.id, title: plan.title, siteId: plan.siteId, versionNo: v.versionNo, ...versionContent(v) };
}

/** A plan the actor may reach (site scope: `assertInSiteScope`), or NOT_FOUND. */
export function getPlanRow(db: DbOrTx, planId: number, actor: { siteId?: number | null } | "system"): PlanRow {
  const p = db.select().from(responsePlans).where(eq(responsePlans.id, planId)).get();
  if (!p) throw notFound("plan");
  assertInSiteScope(actor, p.siteId, "plan");
  return p;
}

export function loadPlanVersions(db: DbOrTx, planId: number): PlanVersionRow[] {
  return db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(desc(planVersions.versionNo)).all();
}

/** The versions as the status column marks them: only for writes that follow the stored state (superseding, copying). */
export function markedPlanVersions(versions: readonly PlanVersionRow[]) {
  return { approved: versions.find((v) => v.status === "approved") ?? null, draft: versions.find((v) => v.status === "draft") ?? null };
}

/** Is this approved version's approval signature present and valid for its content? (issue #10, finding 17) */
export function planApprovalVerdict(db: DbOrTx, plan: PlanRow, v: PlanVersionRow): SignatureSetVerdict {
  return approvalVerdict(db, { entityType: PLAN_ENTITY, entityId: String(v.id) }, planSignedContent(plan, v), v.approvedBy);
}

/**
 * The plan's versions for display and counting: `approved` is the version in force only when its approval signature
 * holds up; a version marked approved whose signature does not is `signatureProblem` ("Signature problem", never in force).
 */
export function currentPlanVersions(db: DbOrTx, plan: PlanRow, versions: readonly PlanVersionRow[]) {
  const marked = markedPlanVersions(versions);
  const verdict = marked.approved ? planApprovalVerdict(db, plan, marked.approved) : null;
  return {
    approved: verdict?.ok ? marked.approved : null,
    draft: marked.draft,
    signatureProblem: marked.approved && verdict && !verdict.ok ? { versionNo: marked.approved.versionNo, problems: verdict.problems } : null,
  };
}

/**
 * People and party leads, loaded once for acknowledgement rules. Someone whose roles do not allow
 * acknowledging (an auditor) counts as inactive here: they read plans but are never asked to acknowledge.
 */
export function loadPeople(db: DbOrTx) {
  const roles = new Map<number, Role[]>();
  for (const r of db.select().from(userRoles).all()) roles.set(r.userId, [...(roles.get(r.userId) ?? []), r.role]);
  const people = db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active, partyId: users.partyId })
    .from(users)
    .orderBy(asc(users.name))
    .all()
    .map((p) => ({ ...p, active: p.active && can({ roles: roles.get(p.id) ?? [], leadOfPartyIds: [] }, "plan.acknowledge") }));
  const leads = new Map(
    db
      .select({ id: parties.id, lead: parties.leadUserId })
      .from(parties)
      .all()
      .map((p) => [p.id, p.lead] as const),
  );
  return { people, leads };
}

export function acknowledgersOf(v: PlanVersionRow, people: ReturnType<typeof loadPeople>): number[] {
  const c = versionContent(v);
  return requiredAcknowledgers(c.namedUserIds, c.namedPartyIds, people.people, people.leads);
}

export function acknowledgementsOf(db: DbOrTx, versionIds: readonly number[]) {
  if (versionIds.length === 0) return [];
  return db
    .select()
    .from(planAcknowledgements)
    .where(inArray(planAcknowledgements.planVersionId, [...versionIds]))
    .all();
}

/** Who acknowledged which versions (optionally: only this user), from the plan_acknowledgements_unique index alone. */
export function acknowledgerPairs(db: DbOrTx, versionIds: readonly number[], userId?: number): { planVersionId: number; userId: number }[] {
  if (versionIds.length === 0) return [];
  const ofVersions = inArray(planAcknowledgements.planVersionId, [...versionIds]);
  return db
    .select({ planVersionId: planAcknowledgements.planVersionId, userId: planAcknowledgements.userId })
    .from(planAcknowledgements)
    .where(userId === undefined ? ofVersions : and(ofVersions, eq(planAcknowledgements.userId, userId)))
    .all();
}

export function hasAcknowledged(db: DbOrTx, versionId: number, userId: number): boolean {
  return Boolean(
    db
      .select({ id: planAcknowledgements.id })
      .from(planAcknowledgements)
      .where(and(eq(planAcknowledgements.planVersionId, versionId), eq(planAcknowledgements.userId, userId)))
      .get(),
  );
}
