import { writeTx, type Db } from "@/db/client";
import { planVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { PLAN_ENTITY, markedPlanVersions, getPlanRow, loadPlanVersions } from "./plan-records";
import { clock } from "@/lib/clock";

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
    appendAudit(tx, {
      actor,
      action: "PLAN_VERSION_STARTED",
      entityType: PLAN_ENTITY,
      entityId: row.id,
      newValues: { planId, versionNo, from: approved.versionNo },
      at: now,
    });
    return row;
  });
}
