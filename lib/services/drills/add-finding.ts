import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { activities, drillFindings, drillObjectives } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { aarEditRefusal } from "@/lib/rules/drills";
import type { AddFindingInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, refuse, bump } from "./drill-records";

export function addFinding(db: Db, actor: Actor, input: AddFindingInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(aarEditRefusal({ status: d.status }));
    if (
      input.objectiveId &&
      !tx
        .select({ id: drillObjectives.id })
        .from(drillObjectives)
        .where(and(eq(drillObjectives.id, input.objectiveId), eq(drillObjectives.drillId, d.id)))
        .get()
    ) {
      throw invalid("Choose one of this drill's objectives.", { objectiveId: ["Choose one of this drill's objectives."] });
    }
    if (input.activityId && !tx.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId)).get())
      throw invalid("Choose an existing RACI activity.", { activityId: ["Choose an existing RACI activity."] });
    const row = tx
      .insert(drillFindings)
      .values({ ...input, createdBy: actor.id, createdAt: now.toISOString() })
      .returning()
      .get();
    bump(tx, d, {}, now.toISOString());
    appendAudit(tx, {
      actor,
      action: input.kind === "strength" ? "DRILL_STRENGTH_ADDED" : "DRILL_AREA_FOR_IMPROVEMENT_ADDED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      newValues: { findingId: row.id, ...input },
      at: now,
    });
    return row;
  });
}
