import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { type DbOrTx } from "@/db/client";
import {
  actionItems,
  deviceClasses,
  drillClasses,
  drillFindings,
  drillObjectives,
  drillPlans,
  drills,
  parties,
  responsePlans,
  sites,
  users,
} from "@/db/schema";
import { assertInSiteScope } from "@/lib/auth/permissions";
import { AppError, invalid, notFound } from "@/lib/errors";
import { approvalVerdict } from "../signatures/sign-record";
import type { SignatureSetVerdict } from "@/lib/rules/signature";

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
export function refuse(message: string | null, code: "INVALID_STATE" | "FORBIDDEN" | "VALIDATION" = "INVALID_STATE"): void {
  if (message) throw new AppError(code, message);
}

export function checkIds(tx: DbOrTx, input: { siteId: number; planIds: readonly number[]; deviceClassIds: readonly number[] }) {
  const site = tx.select({ id: sites.id, archivedAt: sites.archivedAt }).from(sites).where(eq(sites.id, input.siteId)).get();
  if (!site || site.archivedAt) throw invalid("Choose an existing site.", { siteId: ["Choose an existing site."] });
  if (input.planIds.length) {
    const found = tx
      .select({ id: responsePlans.id })
      .from(responsePlans)
      .where(and(inArray(responsePlans.id, [...input.planIds]), isNull(responsePlans.archivedAt)))
      .all();
    if (found.length !== new Set(input.planIds).size) throw invalid("A chosen plan no longer exists.", { planIds: ["A chosen plan no longer exists."] });
  }
  if (input.deviceClassIds.length) {
    const found = tx
      .select({ id: deviceClasses.id })
      .from(deviceClasses)
      .where(and(inArray(deviceClasses.id, [...input.deviceClassIds]), isNull(deviceClasses.archivedAt)))
      .all();
    if (found.length !== new Set(input.deviceClassIds).size)
      throw invalid("A chosen device class no longer exists or is archived.", { deviceClassIds: ["A chosen device class no longer exists or is archived."] });
  }
}

export function checkUsers(tx: DbOrTx, ids: readonly number[], field: string) {
  if (!ids.length) return;
  const found = tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...ids]), eq(users.active, true)))
    .all();
  if (found.length !== new Set(ids).size) throw invalid("Choose active people only.", { [field]: ["Choose active people only."] });
}

export function checkParties(tx: DbOrTx, ids: readonly number[], field: string) {
  if (!ids.length) return;
  const found = tx
    .select({ id: parties.id })
    .from(parties)
    .where(and(inArray(parties.id, [...ids]), isNull(parties.archivedAt)))
    .all();
  if (found.length !== new Set(ids).size) throw invalid("Choose existing parties only.", { [field]: ["Choose existing parties only."] });
}

export function linkPlansAndClasses(tx: DbOrTx, drillId: number, planIds: readonly number[], classIds: readonly number[]) {
  for (const planId of new Set(planIds)) tx.insert(drillPlans).values({ drillId, planId }).run();
  for (const deviceClassId of new Set(classIds)) tx.insert(drillClasses).values({ drillId, deviceClassId }).run();
}

export function bump(tx: DbOrTx, d: DrillRow, set: Partial<typeof drills.$inferInsert>, at: string) {
  const res = tx
    .update(drills)
    .set({ ...set, revision: d.revision + 1, updatedAt: at })
    .where(and(eq(drills.id, d.id), eq(drills.revision, d.revision)))
    .run();
  if (res.changes !== 1) throw new AppError("CONFLICT", "This drill changed meanwhile. Reload; nothing was saved.");
}

export function objectivesOf(tx: DbOrTx, drillId: number) {
  return tx.select().from(drillObjectives).where(eq(drillObjectives.drillId, drillId)).orderBy(asc(drillObjectives.sortOrder), asc(drillObjectives.id)).all();
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
      .map((f) => ({
        id: f.id,
        kind: f.kind,
        objectiveId: f.objectiveId,
        activityId: f.activityId,
        observation: f.observation,
        rootCause: f.rootCause,
        recommendation: f.recommendation,
      })),
    improvementPlan: tx
      .select()
      .from(actionItems)
      .where(eq(actionItems.drillId, d.id))
      .orderBy(asc(actionItems.id))
      .all()
      .map((i) => ({
        id: i.id,
        findingId: i.findingId,
        title: i.title,
        capabilityElement: i.capabilityElement,
        ownerPartyId: i.ownerPartyId,
        ownerUserId: i.ownerUserId,
        dueDate: i.dueDate,
      })),
  };
}

/** Does an approved AAR's approval signature hold up for the AAR as it is now? (issue #10, finding 17) */
export function aarApprovalVerdict(db: DbOrTx, d: DrillRow): SignatureSetVerdict {
  return approvalVerdict(db, { entityType: DRILL_ENTITY, entityId: String(d.id) }, aarSignedContent(db, d.id), d.aarApprovedBy, "AAR approval");
}
