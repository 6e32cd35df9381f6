import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { drillObjectives } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { aarEditRefusal } from "@/lib/rules/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, refuse, bump } from "./drill-records";

export function rateObjective(db: Db, actor: Actor, input: { objectiveId: number; rating: "P" | "S" | "M" | "U"; ratingNote: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const o = tx.select().from(drillObjectives).where(eq(drillObjectives.id, input.objectiveId)).get();
    if (!o) throw notFound("objective");
    const d = getDrillRow(tx, o.drillId, actor);
    refuse(aarEditRefusal({ status: d.status }));
    tx.update(drillObjectives).set({ rating: input.rating, ratingNote: input.ratingNote }).where(eq(drillObjectives.id, o.id)).run();
    bump(tx, d, {}, now.toISOString());
    appendAudit(tx, {
      actor,
      action: "DRILL_OBJECTIVE_RATED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      oldValues: { objectiveId: o.id, rating: o.rating, ratingNote: o.ratingNote },
      newValues: { objectiveId: o.id, rating: input.rating, ratingNote: input.ratingNote },
      at: now,
    });
  });
}
