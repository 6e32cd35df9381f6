import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx } from "@/db/client";
import { activities, deviceClasses, parties, planAcknowledgements, planVersions, responsePlans, sites, users } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { AppError, invalid } from "@/lib/errors";
import { approvePlanRefusal } from "@/lib/rules/plans";
import type { CreatePlanInput, UpdatePlanDraftInput } from "@/lib/validation/plans";
import { appendAudit } from "../audit/append-audit";
import { confirmSignerPassword, writeSignature } from "../signatures/sign-record";
import { PLAN_ENTITY, acknowledgersOf, markedPlanVersions, getPlanRow, hasAcknowledged, loadPeople, loadPlanVersions, planSignedContent, versionContent, type PlanVersionRow } from "./load";
import { clock } from "@/lib/clock";

const PLAN = "response_plan";

function checkSite(tx: DbOrTx, siteId: number | null) {
  if (siteId == null) return;
  const s = tx.select({ id: sites.id, archivedAt: sites.archivedAt }).from(sites).where(eq(sites.id, siteId)).get();
  if (!s || s.archivedAt) throw invalid("Choose an existing site, or the whole organization.", { siteId: ["Choose an existing site, or the whole organization."] });
}

function titleTaken(tx: DbOrTx, title: string, exceptId?: number): boolean {
  const row = tx.select({ id: responsePlans.id }).from(responsePlans).where(sql`lower(${responsePlans.title}) = lower(${title})`).get();
  return Boolean(row && row.id !== exceptId);
}

export function createPlan(db: Db, actor: Actor, input: CreatePlanInput, now = clock.now()) {
  assertCan(actor, "plan.manage");
  assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    checkSite(tx, input.siteId);
    if (titleTaken(tx, input.title)) throw invalid(`A plan called “${input.title}” already exists. Choose another title.`, { title: ["A plan with this title already exists."] });
    const plan = tx.insert(responsePlans).values({ title: input.title, siteId: input.siteId, createdBy: actor.id, createdAt: at, updatedAt: at }).returning().get();
    const v = tx
      .insert(planVersions)
      .values({
        planId: plan.id,
        versionNo: 1,
        scenario: input.scenario,
        reviewIntervalMonths: input.reviewIntervalMonths,
        exerciseIntervalMonths: input.exerciseIntervalMonths,
        createdBy: actor.id,
        createdAt: at,
        updatedBy: actor.id,
        updatedAt: at,
      })
      .returning()
      .get();
    appendAudit(tx, { actor, action: "PLAN_CREATED", entityType: PLAN, entityId: plan.id, newValues: { ...input, versionId: v.id }, at: now });
    return plan;
  });
}

/** Every id a draft refers to must exist (and be current), or the save is refused naming the field. */
function checkReferences(tx: DbOrTx, input: UpdatePlanDraftInput) {
  const missing = (table: "classes" | "activities" | "users" | "parties", ids: readonly number[]) => {
    if (ids.length === 0) return false;
    const found =
      table === "classes"
        ? tx.select({ id: deviceClasses.id }).from(deviceClasses).where(and(inArray(deviceClasses.id, [...ids]), isNull(deviceClasses.archivedAt))).all()
        : table === "activities"
          ? tx.select({ id: activities.id }).from(activities).where(and(inArray(activities.id, [...ids]), isNull(activities.retiredAt))).all()
          : table === "users"
            ? tx.select({ id: users.id }).from(users).where(and(inArray(users.id, [...ids]), eq(users.active, true))).all()
            : tx.select({ id: parties.id }).from(parties).where(and(inArray(parties.id, [...ids]), isNull(parties.archivedAt))).all();
    return found.length !== new Set(ids).size;
  };
  const errors: Record<string, string[]> = {};
  if (missing("classes", input.deviceClassIds)) errors.deviceClassIds = ["A chosen device class no longer exists or is archived."];
  if (missing("activities", input.activityIds)) errors.activityIds = ["A chosen activity no longer exists or was retired."];
  if (missing("users", input.namedUserIds)) errors.namedUserIds = ["A named person no longer exists or is deactivated."];
  if (missing("parties", input.namedPartyIds)) errors.namedPartyIds = ["A named party no longer exists or is archived."];
  const stepParties = input.steps.map((s) => s.partyId).filter((x): x is number => x != null);
  if (missing("parties", stepParties)) errors.steps = ["A step's party no longer exists or is archived."];
  const fields = Object.keys(errors);
  if (fields.length) throw invalid(Object.values(errors)[0]![0]!, errors);
}

/** Saves the draft version. Refused when someone saved it since it was opened; nothing is overwritten. */
export function updatePlanDraft(db: Db, actor: Actor, input: UpdatePlanDraftInput, now = clock.now()) {
  assertCan(actor, "plan.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    getPlanRow(tx, input.planId, actor);
    const { draft } = markedPlanVersions(loadPlanVersions(tx, input.planId));
    if (!draft) throw new AppError("INVALID_STATE", "This plan has no draft. Start a new version to change it.");
    if (draft.revision !== input.expectedRevision) {
      const who = tx.select({ name: users.name }).from(users).where(eq(users.id, draft.updatedBy)).get()?.name ?? "Someone";
      throw new AppError("CONFLICT", `${who} changed this draft at ${draft.updatedAt.slice(0, 16).replace("T", " ")} UTC after you opened it. Reload to see their changes; nothing was overwritten.`);
    }
    checkReferences(tx, input);
    const next = {
      scenario: input.scenario,
      deviceClassIds: JSON.stringify([...new Set(input.deviceClassIds)].sort((a, b) => a - b)),
      activityIds: JSON.stringify([...new Set(input.activityIds)].sort((a, b) => a - b)),
      namedUserIds: JSON.stringify([...new Set(input.namedUserIds)].sort((a, b) => a - b)),
      namedPartyIds: JSON.stringify([...new Set(input.namedPartyIds)].sort((a, b) => a - b)),
      steps: JSON.stringify(input.steps),
      contacts: JSON.stringify(input.contacts),
      downtimeProcedures: input.downtimeProcedures,
      reviewIntervalMonths: input.reviewIntervalMonths,
      exerciseIntervalMonths: input.exerciseIntervalMonths,
    };
    const res = tx
      .update(planVersions)
      .set({ ...next, revision: draft.revision + 1, updatedBy: actor.id, updatedAt: at })
      .where(and(eq(planVersions.id, draft.id), eq(planVersions.revision, draft.revision), eq(planVersions.status, "draft")))
      .run();
    if (res.changes !== 1) throw new AppError("CONFLICT", "This draft changed meanwhile. Reload; nothing was overwritten.");
    tx.update(responsePlans).set({ updatedAt: at }).where(eq(responsePlans.id, input.planId)).run();
    appendAudit(tx, { actor, action: "PLAN_DRAFT_UPDATED", entityType: PLAN_ENTITY, entityId: draft.id, oldValues: versionContent(draft), newValues: versionContent({ ...draft, ...next }), at: now });
    return { revision: draft.revision + 1 };
  });
}

/** A change to an approved plan starts a new draft from it; the approved version stays in force until its successor is approved. */
export function startNewPlanVersion(db: Db, actor: Actor, planId: number, now = clock.now()) {
  assertCan(actor, "plan.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const plan = getPlanRow(tx, planId, actor);
    if (plan.archivedAt) throw new AppError("INVALID_STATE", "This plan is archived.");
    const versions = loadPlanVersions(tx, planId);
    const { approved, draft } = markedPlanVersions(versions);
    if (draft) throw new AppError("INVALID_STATE", `Version ${draft.versionNo} is already a draft; edit that one.`);
    if (!approved) throw new AppError("INVALID_STATE", "This plan has no approved version to start from.");
    const versionNo = Math.max(...versions.map((v) => v.versionNo)) + 1;
    const row = tx
      .insert(planVersions)
      .values({
        planId,
        versionNo,
        scenario: approved.scenario,
        deviceClassIds: approved.deviceClassIds,
        activityIds: approved.activityIds,
        namedUserIds: approved.namedUserIds,
        namedPartyIds: approved.namedPartyIds,
        steps: approved.steps,
        contacts: approved.contacts,
        downtimeProcedures: approved.downtimeProcedures,
        reviewIntervalMonths: approved.reviewIntervalMonths,
        exerciseIntervalMonths: approved.exerciseIntervalMonths,
        createdBy: actor.id,
        createdAt: at,
        updatedBy: actor.id,
        updatedAt: at,
      })
      .returning()
      .get();
    appendAudit(tx, { actor, action: "PLAN_VERSION_STARTED", entityType: PLAN_ENTITY, entityId: row.id, newValues: { planId, versionNo, from: approved.versionNo }, at: now });
    return row;
  });
}

/**
 * Approval is an electronic signature by leadership over the draft's whole content; the previously
 * approved version is superseded in the same transaction, which restarts acknowledgements.
 */
export async function approvePlanVersion(db: Db, actor: Actor, input: { planId: number; password: string }, now = clock.now()) {
  assertCan(actor, "plan.approve");
  const plan = getPlanRow(db, input.planId, actor);
  const { draft } = markedPlanVersions(loadPlanVersions(db, plan.id));
  if (!draft) throw new AppError("INVALID_STATE", "There is no draft version to approve.");
  const refusal = approvePlanRefusal({ ...versionContent(draft), status: draft.status, createdBy: draft.createdBy, updatedBy: draft.updatedBy }, actor.id);
  if (refusal) throw new AppError(refusal.startsWith("You ") ? "FORBIDDEN" : "INVALID_STATE", refusal);
  await confirmSignerPassword(db, actor, input.password, { entityType: PLAN_ENTITY, entityId: String(draft.id) }, now);
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const fresh = tx.select().from(planVersions).where(eq(planVersions.id, draft.id)).get();
    if (!fresh || fresh.status !== "draft" || fresh.revision !== draft.revision) throw new AppError("CONFLICT", "This draft changed while you were signing. Review it again; nothing was signed.");
    const previous = markedPlanVersions(loadPlanVersions(tx, plan.id)).approved;
    if (previous) tx.update(planVersions).set({ status: "superseded", supersededAt: at }).where(eq(planVersions.id, previous.id)).run();
    tx.update(planVersions).set({ status: "approved", approvedBy: actor.id, approvedAt: at }).where(eq(planVersions.id, draft.id)).run();
    const approved = tx.select().from(planVersions).where(eq(planVersions.id, draft.id)).get()!;
    writeSignature(tx, actor, { ref: { entityType: PLAN_ENTITY, entityId: String(draft.id) }, content: planSignedContent(plan, approved), meaning: "Approved" }, now);
    tx.update(responsePlans).set({ updatedAt: at }).where(eq(responsePlans.id, plan.id)).run();
    appendAudit(tx, {
      actor,
      action: "PLAN_VERSION_APPROVED",
      entityType: PLAN_ENTITY,
      entityId: draft.id,
      oldValues: { status: "draft", superseded: previous?.versionNo ?? null },
      newValues: { status: "approved", versionNo: draft.versionNo },
      at: now,
    });
    return approved;
  });
}

/**
 * "I have read and understood version N": only by a person the approved version names (directly or
 * through their party), only for the version in force, once.
 */
export function acknowledgePlan(db: Db, actor: Actor, input: { planVersionId: number }, now = clock.now()) {
  assertCan(actor, "plan.acknowledge");
  return writeTx(db, (tx) => {
    const v: PlanVersionRow | undefined = tx.select().from(planVersions).where(eq(planVersions.id, input.planVersionId)).get();
    if (!v) throw new AppError("NOT_FOUND", "This plan version was not found.");
    if (v.status !== "approved") throw new AppError("INVALID_STATE", v.status === "draft" ? "A draft cannot be acknowledged; wait until it is approved." : `Version ${v.versionNo} was replaced by a newer version; acknowledge the version in force.`);
    if (!acknowledgersOf(v, loadPeople(tx)).includes(actor.id)) throw new AppError("FORBIDDEN", "This plan does not name you or your party, so there is nothing for you to acknowledge.");
    if (hasAcknowledged(tx, v.id, actor.id)) throw new AppError("CONFLICT", `You already acknowledged version ${v.versionNo}.`);
    const row = tx.insert(planAcknowledgements).values({ planVersionId: v.id, userId: actor.id, acknowledgedAt: now.toISOString() }).returning().get();
    appendAudit(tx, { actor, action: "PLAN_ACKNOWLEDGED", entityType: PLAN_ENTITY, entityId: v.id, newValues: { planId: v.planId, versionNo: v.versionNo }, at: now });
    return row;
  });
}
