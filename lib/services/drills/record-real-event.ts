import { writeTx, type Db } from "@/db/client";
import { drills } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { conductRefusal } from "@/lib/rules/drills";
import type { RecordRealEventInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, todayOf, checkIds, linkPlansAndClasses } from "./drill-records";

/** An actual incident that activated a plan: recorded as it happened (already conducted), never in the future. */
export function recordRealEvent(db: Db, actor: Actor, input: RecordRealEventInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  const dates = conductRefusal({ status: "planned" }, input.actualStart, input.actualEnd, todayOf(now));
  if (dates) throw invalid(dates.replace("A drill cannot be recorded as conducted", "A real event cannot be recorded"), { actualStart: [dates] });
  if (input.planIds.length === 0)
    throw invalid("Choose the plan the event activated: only an activation of a plan counts as a real event.", {
      planIds: ["Choose the plan the event activated."],
    });
  return writeTx(db, (tx) => {
    checkIds(tx, input);
    const d = tx
      .insert(drills)
      .values({
        title: input.title,
        kind: "real_event",
        type: null,
        siteId: input.siteId,
        status: "conducted",
        plannedDate: input.actualStart,
        actualStart: input.actualStart,
        actualEnd: input.actualEnd,
        scenario: input.scenario,
        conductedBy: actor.id,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    linkPlansAndClasses(tx, d.id, input.planIds, input.deviceClassIds);
    appendAudit(tx, { actor, action: "REAL_EVENT_RECORDED", entityType: DRILL_ENTITY, entityId: d.id, newValues: input, at: now });
    return d;
  });
}
