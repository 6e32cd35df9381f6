import { writeTx, type Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { aarEditRefusal } from "@/lib/rules/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, refuse, bump } from "./drill-records";

export function saveAarSummary(db: Db, actor: Actor, input: { drillId: number; aarSummary: string }, now = clock.now()) {
  assertCan(actor, "drill.manage");
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(aarEditRefusal({ status: d.status }));
    bump(tx, d, { aarSummary: input.aarSummary }, now.toISOString());
    appendAudit(tx, {
      actor,
      action: "DRILL_AAR_SUMMARY_SAVED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      oldValues: { aarSummary: d.aarSummary },
      newValues: { aarSummary: input.aarSummary },
      at: now,
    });
  });
}
