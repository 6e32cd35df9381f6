import { writeTx, type Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { submitAarRefusal } from "@/lib/rules/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, refuse, bump, objectivesOf } from "./drill-records";

export function submitAar(db: Db, actor: Actor, input: { drillId: number }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(submitAarRefusal({ status: d.status }, objectivesOf(tx, d.id), d.aarSummary));
    bump(tx, d, { status: "aar_review", aarSubmittedBy: actor.id, aarSubmittedAt: at }, at);
    appendAudit(tx, {
      actor,
      action: "DRILL_AAR_SUBMITTED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      oldValues: { status: d.status },
      newValues: { status: "aar_review" },
      at: now,
    });
  });
}
