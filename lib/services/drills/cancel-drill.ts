import { writeTx, type Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { cancelRefusal } from "@/lib/rules/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, refuse, bump } from "./drill-records";

export function cancelDrill(db: Db, actor: Actor, input: { drillId: number; reason: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(cancelRefusal({ status: d.status }, input.reason));
    bump(tx, d, { status: "cancelled", cancelReason: input.reason }, now.toISOString());
    appendAudit(tx, {
      actor,
      action: "DRILL_CANCELLED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      oldValues: { status: d.status },
      newValues: { status: "cancelled", reason: input.reason },
      at: now,
    });
  });
}
