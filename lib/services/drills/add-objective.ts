import { eq, max } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { drillObjectives } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { objectiveEditRefusal } from "@/lib/rules/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, refuse, bump } from "./drill-records";

export function addObjective(db: Db, actor: Actor, input: { drillId: number; text: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(objectiveEditRefusal({ status: d.status }));
    const next =
      (tx
        .select({ m: max(drillObjectives.sortOrder) })
        .from(drillObjectives)
        .where(eq(drillObjectives.drillId, d.id))
        .get()?.m ?? 0) + 1;
    const row = tx.insert(drillObjectives).values({ drillId: d.id, text: input.text, sortOrder: next }).returning().get();
    bump(tx, d, {}, now.toISOString());
    appendAudit(tx, {
      actor,
      action: "DRILL_OBJECTIVE_ADDED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      newValues: { objectiveId: row.id, text: input.text },
      at: now,
    });
    return row;
  });
}
