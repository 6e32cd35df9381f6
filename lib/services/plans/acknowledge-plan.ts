import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { planAcknowledgements, planVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { PLAN_ENTITY, acknowledgersOf, hasAcknowledged, loadPeople, type PlanVersionRow } from "./plan-records";
import { clock } from "@/lib/clock";

/**
 * "I have read and understood version N": only by a person the approved version names (directly or
 * through their party), only for the version in force, once.
 */
export function acknowledgePlan(db: Db, actor: Actor, input: { planVersionId: number }, now = clock.now()) {
  assertCan(actor, "plan.acknowledge");
  return writeTx(db, (tx) => {
    const v: PlanVersionRow | undefined = tx.select().from(planVersions).where(eq(planVersions.id, input.planVersionId)).get();
    if (!v) throw new AppError("NOT_FOUND", "This plan version was not found.");
    if (v.status !== "approved")
      throw new AppError(
        "INVALID_STATE",
        v.status === "draft"
          ? "A draft cannot be acknowledged; wait until it is approved."
          : `Version ${v.versionNo} was replaced by a newer version; acknowledge the version in force.`,
      );
    if (!acknowledgersOf(v, loadPeople(tx)).includes(actor.id))
      throw new AppError("FORBIDDEN", "This plan does not name you or your party, so there is nothing for you to acknowledge.");
    if (hasAcknowledged(tx, v.id, actor.id)) throw new AppError("CONFLICT", `You already acknowledged version ${v.versionNo}.`);
    const row = tx.insert(planAcknowledgements).values({ planVersionId: v.id, userId: actor.id, acknowledgedAt: now.toISOString() }).returning().get();
    appendAudit(tx, {
      actor,
      action: "PLAN_ACKNOWLEDGED",
      entityType: PLAN_ENTITY,
      entityId: v.id,
      newValues: { planId: v.planId, versionNo: v.versionNo },
      at: now,
    });
    return row;
  });
}
