import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { planVersions, responsePlans, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { UpdatePlanDraftInput } from "@/lib/validation/plans";
import { appendAudit } from "../audit/append-audit";
import { PLAN_ENTITY, markedPlanVersions, getPlanRow, loadPlanVersions, versionContent } from "./plan-records";
import { clock } from "@/lib/clock";
import { checkReferences } from "./plan-checks";

/** Saves the draft version. Refused when someone saved it since it was opened; nothing is overwritten. */
export function updatePlanDraft(db: Db, actor: Actor, input: UpdatePlanDraftInput, now = clock.now()) {
  assertCan(actor, "plan.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    getPlanRow(tx, input.planId, actor);
    const { draft } = markedPlanVersions(loadPlanVersions(tx, input.planId));
    if (!draft) throw new AppError("INVALID_STATE", "This plan has no draft. Start a new version to change it.");
    if (draft.revision !== input.expectedRevision) {
      const who = tx.select({ name: users.name }).from(users).where(eq(users.id, draft.updatedBy)).get()?.name ?? "Someone";
      throw new AppError(
        "CONFLICT",
        `${who} changed this draft at ${draft.updatedAt.slice(0, 16).replace("T", " ")} UTC after you opened it. Reload to see their changes; nothing was overwritten.`,
      );
    }
    checkReferences(tx, input);
    const next = {
      scenario: input.scenario,
      deviceClassIds: JSON.stringify([...new Set(input.deviceClassIds)].sort((a, b) => a - b)),
      activityIds: JSON.stringify([...new Set(input.activityIds)].sort((a, b) => a - b)),
      namedUserIds: JSON.stringify([...new Set(input.namedUserIds)].sort((a, b) => a - b)),
      namedPartyIds: JSON.stringify([...new Set(input.namedPartyIds)].sort((a, b) => a - b)),
      steps: JSON.stringify(input.steps),
      contacts: JSON.stringify(input.contacts),
      downtimeProcedures: input.downtimeProcedures,
      reviewIntervalMonths: input.reviewIntervalMonths,
      exerciseIntervalMonths: input.exerciseIntervalMonths,
    };
    const res = tx
      .update(planVersions)
      .set({ ...next, revision: draft.revision + 1, updatedBy: actor.id, updatedAt: at })
      .where(and(eq(planVersions.id, draft.id), eq(planVersions.revision, draft.revision), eq(planVersions.status, "draft")))
      .run();
    if (res.changes !== 1) throw new AppError("CONFLICT", "This draft changed meanwhile. Reload; nothing was overwritten.");
    tx.update(responsePlans).set({ updatedAt: at }).where(eq(responsePlans.id, input.planId)).run();
    appendAudit(tx, {
      actor,
      action: "PLAN_DRAFT_UPDATED",
      entityType: PLAN_ENTITY,
      entityId: draft.id,
      oldValues: versionContent(draft),
      newValues: versionContent({ ...draft, ...next }),
      at: now,
    });
    return { revision: draft.revision + 1 };
  });
}
