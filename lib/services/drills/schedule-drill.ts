import { writeTx, type Db } from "@/db/client";
import { drillObjectives, drillParticipants, drills } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import type { ScheduleDrillInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { invalid } from "@/lib/errors";
import { scheduleRefusal } from "@/lib/rules/drills";
import { DRILL_ENTITY, checkIds, checkUsers, checkParties, linkPlansAndClasses, todayOf } from "./drill-records";

export function scheduleDrill(db: Db, actor: Actor, input: ScheduleDrillInput, now = clock.now()) {
  assertCan(actor, "drill.manage");
  assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  const late = scheduleRefusal(input.plannedDate, todayOf(now));
  if (late) throw invalid(late, { plannedDate: [late] });
  return writeTx(db, (tx) => {
    checkIds(tx, input);
    checkUsers(tx, [...input.participantUserIds, ...(input.facilitatorUserId ? [input.facilitatorUserId] : [])], "participantUserIds");
    checkParties(tx, input.participantPartyIds, "participantPartyIds");
    const d = tx
      .insert(drills)
      .values({
        title: input.title,
        kind: "exercise",
        type: input.type,
        siteId: input.siteId,
        plannedDate: input.plannedDate,
        scenario: input.scenario,
        facilitatorUserId: input.facilitatorUserId,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    linkPlansAndClasses(tx, d.id, input.planIds, input.deviceClassIds);
    for (const userId of new Set(input.participantUserIds)) tx.insert(drillParticipants).values({ drillId: d.id, userId }).run();
    for (const partyId of new Set(input.participantPartyIds)) tx.insert(drillParticipants).values({ drillId: d.id, partyId }).run();
    input.objectives.forEach((text, i) =>
      tx
        .insert(drillObjectives)
        .values({ drillId: d.id, text, sortOrder: i + 1 })
        .run(),
    );
    appendAudit(tx, { actor, action: "DRILL_SCHEDULED", entityType: DRILL_ENTITY, entityId: d.id, newValues: input, at: now });
    return d;
  });
}
