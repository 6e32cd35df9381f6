import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { drillParticipants } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { conductRefusal } from "@/lib/rules/drills";
import type { ConductDrillInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, todayOf, getDrillRow, refuse, bump } from "./drill-records";

export function conductDrill(db: Db, actor: Actor, input: ConductDrillInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const d = getDrillRow(tx, input.drillId, actor);
    refuse(conductRefusal({ status: d.status, scheduledOn: d.createdAt.slice(0, 10) }, input.actualStart, input.actualEnd, todayOf(now)));
    const participants = tx.select().from(drillParticipants).where(eq(drillParticipants.drillId, d.id)).all();
    const attended = new Set(input.attendedParticipantIds);
    if ([...attended].some((id) => !participants.some((p) => p.id === id))) throw invalid("Attendance lists someone who is not a participant of this drill.");
    for (const p of participants)
      tx.update(drillParticipants)
        .set({ attended: attended.has(p.id) })
        .where(eq(drillParticipants.id, p.id))
        .run();
    const set = {
      status: "conducted" as const,
      actualStart: input.actualStart,
      actualEnd: input.actualEnd,
      minutesToDetect: input.minutesToDetect,
      minutesToIsolate: input.minutesToIsolate,
      minutesToNotifyOem: input.minutesToNotifyOem,
      minutesToRestore: input.minutesToRestore,
      conductedBy: actor.id,
    };
    bump(tx, d, set, at);
    appendAudit(tx, {
      actor,
      action: "DRILL_CONDUCTED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      oldValues: { status: d.status },
      newValues: { ...set, attended: [...attended] },
      at: now,
    });
  });
}
