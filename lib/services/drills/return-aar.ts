import { writeTx, type Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { returnAarRefusal } from "@/lib/rules/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, refuse, bump } from "./drill-records";

export function returnAar(db: Db, actor: Actor, input: { drillId: number; comment: string }, now = clock.now()) {
  assertCan(actor, "drill.approveAar");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(returnAarRefusal({ status: d.status }, input.comment));
    bump(tx, d, { status: "conducted", aarSubmittedBy: null, aarSubmittedAt: null }, now.toISOString());
    appendAudit(tx, {
      actor,
      action: "DRILL_AAR_RETURNED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      oldValues: { status: d.status },
      newValues: { status: "conducted", comment: input.comment },
      at: now,
    });
  });
}
