import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessmentAnswers, assessmentAssignees, assessments, deviceClasses, parties, sites, users } from "@/db/schema";
import { assertInSiteScope, can, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

export type AssessmentRow = typeof assessments.$inferSelect;

/** An assessment the actor may reach (site scope: `assertInSiteScope`), or NOT_FOUND. */
export function getAssessmentRow(db: DbOrTx, id: number, actor: { siteId?: number | null } | "system"): AssessmentRow {
  const a = db.select().from(assessments).where(eq(assessments.id, id)).get();
  if (!a) throw notFound("assessment");
  assertInSiteScope(actor, a.siteId, "assessment");
  return a;
}

export function scopeLabel(db: DbOrTx, a: Pick<AssessmentRow, "scopeType" | "siteId" | "deviceClassId">): string {
  if (a.scopeType === "site") return `Site: ${db.select({ n: sites.name }).from(sites).where(eq(sites.id, a.siteId!)).get()?.n ?? "?"}`;
  if (a.scopeType === "device_class")
    return `Device class: ${db.select({ n: deviceClasses.name }).from(deviceClasses).where(eq(deviceClasses.id, a.deviceClassId!)).get()?.n ?? "?"}`;
  return "Whole organization";
}

export function loadAssignees(db: DbOrTx, assessmentId: number) {
  return db
    .select({
      functionId: assessmentAssignees.functionId,
      userId: assessmentAssignees.userId,
      partyId: assessmentAssignees.partyId,
      userName: users.name,
      partyName: parties.name,
    })
    .from(assessmentAssignees)
    .leftJoin(users, eq(users.id, assessmentAssignees.userId))
    .leftJoin(parties, eq(parties.id, assessmentAssignees.partyId))
    .where(eq(assessmentAssignees.assessmentId, assessmentId))
    .all();
}

/**
 * May the actor answer this function? Assignees (a named user, or any member or lead of an assigned party)
 * may; so may the assessment's author and admins, who coordinate it.
 */
export function mayAnswerFunction(db: DbOrTx, actor: Actor, a: AssessmentRow, functionId: string): boolean {
  if (can(actor, "assessment.coordinate") || a.createdBy === actor.id) return true;
  return loadAssignees(db, a.id).some(
    (x) =>
      x.functionId === functionId &&
      (x.userId === actor.id || (x.partyId != null && (x.partyId === actor.partyId || actor.leadOfPartyIds.includes(x.partyId)))),
  );
}

export function loadAnswers(db: DbOrTx, assessmentId: number) {
  return db.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, assessmentId)).all();
}

/** The last approved assessment of the same scope, for "start from the last assessment" and comparisons. */
export function lastApprovedOfScope(
  db: DbOrTx,
  scope: Pick<AssessmentRow, "scopeType" | "siteId" | "deviceClassId">,
  excludeId?: number,
): AssessmentRow | null {
  const rows = db
    .select()
    .from(assessments)
    .where(and(eq(assessments.scopeType, scope.scopeType), eq(assessments.status, "approved")))
    .orderBy(desc(assessments.approvedAt))
    .all();
  return rows.find((r) => r.id !== excludeId && r.siteId === scope.siteId && r.deviceClassId === scope.deviceClassId) ?? null;
}
