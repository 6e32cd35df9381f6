import { and, asc, eq, inArray, isNull, max } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx } from "@/db/client";
import { actionItems, activities, deviceClasses, drillClasses, drillFindings, drillObjectives, drillParticipants, drillPlans, drills, parties, responsePlans, sites, users } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { AppError, invalid, notFound } from "@/lib/errors";
import {
  aarEditRefusal,
  addItemRefusal,
  approveAarRefusal,
  cancelRefusal,
  conductRefusal,
  objectiveEditRefusal,
  returnAarRefusal,
  shouldClose,
  submitAarRefusal,
  type DrillStatus,
  type ItemStatus,
} from "@/lib/rules/drills";
import type {
  AddFindingInput,
  AddImprovementItemInput,
  ConductDrillInput,
  RecordRealEventInput,
  ScheduleDrillInput,
} from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { approvalVerdict, confirmSignerPassword, writeSignature } from "../signatures/sign-record";
import type { SignatureSetVerdict } from "@/lib/rules/signature";
import { clock } from "@/lib/clock";

export const DRILL_ENTITY = "drill";
export type DrillRow = typeof drills.$inferSelect;

export const todayOf = (now: Date) => now.toISOString().slice(0, 10);

/** A drill the actor may reach (site scope: `assertInSiteScope`), or NOT_FOUND. */
export function getDrillRow(db: DbOrTx, drillId: number, actor: { siteId?: number | null } | "system"): DrillRow {
  const d = db.select().from(drills).where(eq(drills.id, drillId)).get();
  if (!d) throw notFound("drill");
  assertInSiteScope(actor, d.siteId, "drill");
  return d;
}

/** A refusal sentence becomes INVALID_STATE (or FORBIDDEN for separation of duties) and nothing is written. */
function refuse(message: string | null, code: "INVALID_STATE" | "FORBIDDEN" | "VALIDATION" = "INVALID_STATE"): void {
  if (message) throw new AppError(code, message);
}

function checkIds(tx: DbOrTx, input: { siteId: number; planIds: readonly number[]; deviceClassIds: readonly number[] }) {
  const site = tx.select({ id: sites.id, archivedAt: sites.archivedAt }).from(sites).where(eq(sites.id, input.siteId)).get();
  if (!site || site.archivedAt) throw invalid("Choose an existing site.", { siteId: ["Choose an existing site."] });
  if (input.planIds.length) {
    const found = tx.select({ id: responsePlans.id }).from(responsePlans).where(and(inArray(responsePlans.id, [...input.planIds]), isNull(responsePlans.archivedAt))).all();
    if (found.length !== new Set(input.planIds).size) throw invalid("A chosen plan no longer exists.", { planIds: ["A chosen plan no longer exists."] });
  }
  if (input.deviceClassIds.length) {
    const found = tx.select({ id: deviceClasses.id }).from(deviceClasses).where(and(inArray(deviceClasses.id, [...input.deviceClassIds]), isNull(deviceClasses.archivedAt))).all();
    if (found.length !== new Set(input.deviceClassIds).size) throw invalid("A chosen device class no longer exists or is archived.", { deviceClassIds: ["A chosen device class no longer exists or is archived."] });
  }
}

function checkUsers(tx: DbOrTx, ids: readonly number[], field: string) {
  if (!ids.length) return;
  const found = tx.select({ id: users.id }).from(users).where(and(inArray(users.id, [...ids]), eq(users.active, true))).all();
  if (found.length !== new Set(ids).size) throw invalid("Choose active people only.", { [field]: ["Choose active people only."] });
}

function checkParties(tx: DbOrTx, ids: readonly number[], field: string) {
  if (!ids.length) return;
  const found = tx.select({ id: parties.id }).from(parties).where(and(inArray(parties.id, [...ids]), isNull(parties.archivedAt))).all();
  if (found.length !== new Set(ids).size) throw invalid("Choose existing parties only.", { [field]: ["Choose existing parties only."] });
}

function linkPlansAndClasses(tx: DbOrTx, drillId: number, planIds: readonly number[], classIds: readonly number[]) {
  for (const planId of new Set(planIds)) tx.insert(drillPlans).values({ drillId, planId }).run();
  for (const deviceClassId of new Set(classIds)) tx.insert(drillClasses).values({ drillId, deviceClassId }).run();
}

export function scheduleDrill(db: Db, actor: Actor, input: ScheduleDrillInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    checkIds(tx, input);
    checkUsers(tx, [...input.participantUserIds, ...(input.facilitatorUserId ? [input.facilitatorUserId] : [])], "participantUserIds");
    checkParties(tx, input.participantPartyIds, "participantPartyIds");
    const d = tx
      .insert(drills)
      .values({ title: input.title, kind: "exercise", type: input.type, siteId: input.siteId, plannedDate: input.plannedDate, scenario: input.scenario, facilitatorUserId: input.facilitatorUserId, createdBy: actor.id, createdAt: at, updatedAt: at })
      .returning()
      .get();
    linkPlansAndClasses(tx, d.id, input.planIds, input.deviceClassIds);
    for (const userId of new Set(input.participantUserIds)) tx.insert(drillParticipants).values({ drillId: d.id, userId }).run();
    for (const partyId of new Set(input.participantPartyIds)) tx.insert(drillParticipants).values({ drillId: d.id, partyId }).run();
    input.objectives.forEach((text, i) => tx.insert(drillObjectives).values({ drillId: d.id, text, sortOrder: i + 1 }).run());
    appendAudit(tx, { actor, action: "DRILL_SCHEDULED", entityType: DRILL_ENTITY, entityId: d.id, newValues: input, at: now });
    return d;
  });
}

/** An actual incident that activated a plan: recorded as it happened (already conducted), never in the future. */
export function recordRealEvent(db: Db, actor: Actor, input: RecordRealEventInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  const dates = conductRefusal({ status: "planned" }, input.actualStart, input.actualEnd, todayOf(now));
  if (dates) throw invalid(dates.replace("A drill cannot be recorded as conducted", "A real event cannot be recorded"), { actualStart: [dates] });
  if (input.planIds.length === 0) throw invalid("Choose the plan the event activated: only an activation of a plan counts as a real event.", { planIds: ["Choose the plan the event activated."] });
  return writeTx(db, (tx) => {
    checkIds(tx, input);
    const d = tx
      .insert(drills)
      .values({
        title: input.title,
        kind: "real_event",
        type: null,
        siteId: input.siteId,
        status: "conducted",
        plannedDate: input.actualStart,
        actualStart: input.actualStart,
        actualEnd: input.actualEnd,
        scenario: input.scenario,
        conductedBy: actor.id,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    linkPlansAndClasses(tx, d.id, input.planIds, input.deviceClassIds);
    appendAudit(tx, { actor, action: "REAL_EVENT_RECORDED", entityType: DRILL_ENTITY, entityId: d.id, newValues: input, at: now });
    return d;
  });
}

function bump(tx: DbOrTx, d: DrillRow, set: Partial<typeof drills.$inferInsert>, at: string) {
  const res = tx
    .update(drills)
    .set({ ...set, revision: d.revision + 1, updatedAt: at })
    .where(and(eq(drills.id, d.id), eq(drills.revision, d.revision)))
    .run();
  if (res.changes !== 1) throw new AppError("CONFLICT", "This drill changed meanwhile. Reload; nothing was saved.");
}

export function conductDrill(db: Db, actor: Actor, input: ConductDrillInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(conductRefusal({ status: d.status as DrillStatus }, input.actualStart, input.actualEnd, todayOf(now)));
    const participants = tx.select().from(drillParticipants).where(eq(drillParticipants.drillId, d.id)).all();
    const attended = new Set(input.attendedParticipantIds);
    if ([...attended].some((id) => !participants.some((p) => p.id === id))) throw invalid("Attendance lists someone who is not a participant of this drill.");
    for (const p of participants) tx.update(drillParticipants).set({ attended: attended.has(p.id) }).where(eq(drillParticipants.id, p.id)).run();
    const set = {
      status: "conducted" as const,
      actualStart: input.actualStart,
      actualEnd: input.actualEnd,
      minutesToDetect: input.minutesToDetect,
      minutesToIsolate: input.minutesToIsolate,
      minutesToNotifyOem: input.minutesToNotifyOem,
      minutesToRestore: input.minutesToRestore,
      conductedBy: actor.id,
    };
    bump(tx, d, set, at);
    appendAudit(tx, { actor, action: "DRILL_CONDUCTED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { status: d.status }, newValues: { ...set, attended: [...attended] }, at: now });
  });
}

export function addObjective(db: Db, actor: Actor, input: { drillId: number; text: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(objectiveEditRefusal({ status: d.status as DrillStatus }));
    const next = (tx.select({ m: max(drillObjectives.sortOrder) }).from(drillObjectives).where(eq(drillObjectives.drillId, d.id)).get()?.m ?? 0) + 1;
    const row = tx.insert(drillObjectives).values({ drillId: d.id, text: input.text, sortOrder: next }).returning().get();
    bump(tx, d, {}, now.toISOString());
    appendAudit(tx, { actor, action: "DRILL_OBJECTIVE_ADDED", entityType: DRILL_ENTITY, entityId: d.id, newValues: { objectiveId: row.id, text: input.text }, at: now });
    return row;
  });
}

export function rateObjective(db: Db, actor: Actor, input: { objectiveId: number; rating: "P" | "S" | "M" | "U"; ratingNote: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const o = tx.select().from(drillObjectives).where(eq(drillObjectives.id, input.objectiveId)).get();
    if (!o) throw notFound("objective");
    const d = getDrillRow(tx, o.drillId, actor);
    refuse(aarEditRefusal({ status: d.status as DrillStatus }));
    tx.update(drillObjectives).set({ rating: input.rating, ratingNote: input.ratingNote }).where(eq(drillObjectives.id, o.id)).run();
    bump(tx, d, {}, now.toISOString());
    appendAudit(tx, { actor, action: "DRILL_OBJECTIVE_RATED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { objectiveId: o.id, rating: o.rating, ratingNote: o.ratingNote }, newValues: { objectiveId: o.id, rating: input.rating, ratingNote: input.ratingNote }, at: now });
  });
}

export function addFinding(db: Db, actor: Actor, input: AddFindingInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(aarEditRefusal({ status: d.status as DrillStatus }));
    if (input.objectiveId && !tx.select({ id: drillObjectives.id }).from(drillObjectives).where(and(eq(drillObjectives.id, input.objectiveId), eq(drillObjectives.drillId, d.id))).get()) {
      throw invalid("Choose one of this drill's objectives.", { objectiveId: ["Choose one of this drill's objectives."] });
    }
    if (input.activityId && !tx.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId)).get()) throw invalid("Choose an existing RACI activity.", { activityId: ["Choose an existing RACI activity."] });
    const row = tx.insert(drillFindings).values({ ...input, createdBy: actor.id, createdAt: now.toISOString() }).returning().get();
    bump(tx, d, {}, now.toISOString());
    appendAudit(tx, { actor, action: input.kind === "strength" ? "DRILL_STRENGTH_ADDED" : "DRILL_AREA_FOR_IMPROVEMENT_ADDED", entityType: DRILL_ENTITY, entityId: d.id, newValues: { findingId: row.id, ...input }, at: now });
    return row;
  });
}

/** An area for improvement yields improvement-plan items: action items shared with the assessments' gap plan. */
export function addImprovementItem(db: Db, actor: Actor, input: AddImprovementItemInput, now = clock.now()) {
  assertCan(actor, "actionItem.create");
  assertCan(actor, "drill.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const f = tx.select().from(drillFindings).where(eq(drillFindings.id, input.findingId)).get();
    if (!f) throw notFound("area for improvement");
    if (f.kind !== "improvement") throw invalid("Improvement items belong to an area for improvement, not to a strength.");
    const d = getDrillRow(tx, f.drillId, actor);
    refuse(addItemRefusal({ status: d.status as DrillStatus }));
    checkParties(tx, [input.ownerPartyId], "ownerPartyId");
    if (input.ownerUserId) checkUsers(tx, [input.ownerUserId], "ownerUserId");
    const row = tx
      .insert(actionItems)
      .values({
        sourceType: "drill",
        drillId: d.id,
        findingId: f.id,
        capabilityElement: input.capabilityElement,
        title: input.title,
        ownerPartyId: input.ownerPartyId,
        ownerUserId: input.ownerUserId,
        dueDate: input.dueDate,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    bump(tx, d, {}, at);
    appendAudit(tx, { actor, action: "ACTION_ITEM_CREATED", entityType: "action_item", entityId: row.id, newValues: { ...input, drillId: d.id, sourceType: "drill" }, at: now });
    return row;
  });
}

export function saveAarSummary(db: Db, actor: Actor, input: { drillId: number; aarSummary: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(aarEditRefusal({ status: d.status as DrillStatus }));
    bump(tx, d, { aarSummary: input.aarSummary }, now.toISOString());
    appendAudit(tx, { actor, action: "DRILL_AAR_SUMMARY_SAVED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { aarSummary: d.aarSummary }, newValues: { aarSummary: input.aarSummary }, at: now });
  });
}

function objectivesOf(tx: DbOrTx, drillId: number) {
  return tx.select().from(drillObjectives).where(eq(drillObjectives.drillId, drillId)).orderBy(asc(drillObjectives.sortOrder), asc(drillObjectives.id)).all();
}

export function submitAar(db: Db, actor: Actor, input: { drillId: number }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(submitAarRefusal({ status: d.status as DrillStatus }, objectivesOf(tx, d.id), d.aarSummary));
    bump(tx, d, { status: "aar_review", aarSubmittedBy: actor.id, aarSubmittedAt: at }, at);
    appendAudit(tx, { actor, action: "DRILL_AAR_SUBMITTED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { status: d.status }, newValues: { status: "aar_review" }, at: now });
  });
}

export function returnAar(db: Db, actor: Actor, input: { drillId: number; comment: string }, now = clock.now()) {
  assertCan(actor, "drill.approveAar");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(returnAarRefusal({ status: d.status as DrillStatus }, input.comment));
    bump(tx, d, { status: "conducted", aarSubmittedBy: null, aarSubmittedAt: null }, now.toISOString());
    appendAudit(tx, { actor, action: "DRILL_AAR_RETURNED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { status: d.status }, newValues: { status: "conducted", comment: input.comment }, at: now });
  });
}

/** What the AAR approver signs: the drill, its ratings, findings and improvement plan as submitted. */
export function aarSignedContent(tx: DbOrTx, drillId: number): unknown {
  const d = getDrillRow(tx, drillId, "system");
  return {
    drillId: d.id,
    title: d.title,
    kind: d.kind,
    type: d.type,
    siteId: d.siteId,
    actualStart: d.actualStart,
    actualEnd: d.actualEnd,
    aarSummary: d.aarSummary,
    minutes: { detect: d.minutesToDetect, isolate: d.minutesToIsolate, notifyOem: d.minutesToNotifyOem, restore: d.minutesToRestore },
    objectives: objectivesOf(tx, d.id).map((o) => ({ id: o.id, text: o.text, rating: o.rating, note: o.ratingNote })),
    findings: tx
      .select()
      .from(drillFindings)
      .where(eq(drillFindings.drillId, d.id))
      .orderBy(asc(drillFindings.id))
      .all()
      .map((f) => ({ id: f.id, kind: f.kind, objectiveId: f.objectiveId, activityId: f.activityId, observation: f.observation, rootCause: f.rootCause, recommendation: f.recommendation })),
    improvementPlan: tx
      .select()
      .from(actionItems)
      .where(eq(actionItems.drillId, d.id))
      .orderBy(asc(actionItems.id))
      .all()
      .map((i) => ({ id: i.id, findingId: i.findingId, title: i.title, capabilityElement: i.capabilityElement, ownerPartyId: i.ownerPartyId, ownerUserId: i.ownerUserId, dueDate: i.dueDate })),
  };
}

/** AAR approval: an electronic signature by leadership, never by the facilitator or the AAR's author. */
export async function approveAar(db: Db, actor: Actor, input: { drillId: number; password: string }, now = clock.now()) {
  assertCan(actor, "drill.approveAar");
  const d = getDrillRow(db, input.drillId, actor);
  const refusal = approveAarRefusal({ status: d.status as DrillStatus, kind: d.kind, facilitatorUserId: d.facilitatorUserId, aarSubmittedBy: d.aarSubmittedBy }, actor.id);
  if (refusal) throw new AppError(refusal.startsWith("You ") ? "FORBIDDEN" : "INVALID_STATE", refusal);
  await confirmSignerPassword(db, actor, input.password, { entityType: DRILL_ENTITY, entityId: String(d.id) }, now);
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const fresh = getDrillRow(tx, d.id, actor);
    if (fresh.revision !== d.revision || fresh.status !== "aar_review") throw new AppError("CONFLICT", "This after-action report changed while you were signing. Review it again; nothing was signed.");
    writeSignature(tx, actor, { ref: { entityType: DRILL_ENTITY, entityId: String(d.id) }, content: aarSignedContent(tx, d.id), meaning: "Approved" }, now);
    const items = tx.select({ status: actionItems.status }).from(actionItems).where(eq(actionItems.drillId, d.id)).all();
    const closes = shouldClose({ status: "aar_approved" }, items.map((i) => i.status as ItemStatus));
    bump(tx, fresh, { status: closes ? "closed" : "aar_approved", aarApprovedBy: actor.id, aarApprovedAt: at, closedAt: closes ? at : null }, at);
    appendAudit(tx, { actor, action: "DRILL_AAR_APPROVED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { status: "aar_review" }, newValues: { status: closes ? "closed" : "aar_approved" }, at: now });
  });
}

export function cancelDrill(db: Db, actor: Actor, input: { drillId: number; reason: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(cancelRefusal({ status: d.status as DrillStatus }, input.reason));
    bump(tx, d, { status: "cancelled", cancelReason: input.reason }, now.toISOString());
    appendAudit(tx, { actor, action: "DRILL_CANCELLED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { status: d.status }, newValues: { status: "cancelled", reason: input.reason }, at: now });
  });
}

/** Does an approved AAR's approval signature hold up for the AAR as it is now? (issue #10, finding 17) */
export function aarApprovalVerdict(db: DbOrTx, d: DrillRow): SignatureSetVerdict {
  return approvalVerdict(db, { entityType: DRILL_ENTITY, entityId: String(d.id) }, aarSignedContent(db, d.id), d.aarApprovedBy, "AAR approval");
}
