import { writeTx, type Db } from "@/db/client";
import { planVersions, responsePlans } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import type { CreatePlanInput } from "@/lib/validation/plans";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { PLAN, checkSite, titleTaken } from "./plan-checks";

export function createPlan(db: Db, actor: Actor, input: CreatePlanInput, now = clock.now()) {
  assertCan(actor, "plan.manage");
  assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    checkSite(tx, input.siteId);
    if (titleTaken(tx, input.title))
      throw invalid(`A plan called “${input.title}” already exists. Choose another title.`, { title: ["A plan with this title already exists."] });
    const plan = tx
      .insert(responsePlans)
      .values({ title: input.title, siteId: input.siteId, createdBy: actor.id, createdAt: at, updatedAt: at })
      .returning()
      .get();
    const v = tx
      .insert(planVersions)
      .values({
        planId: plan.id,
        versionNo: 1,
        scenario: input.scenario,
        reviewIntervalMonths: input.reviewIntervalMonths,
        exerciseIntervalMonths: input.exerciseIntervalMonths,
        createdBy: actor.id,
        createdAt: at,
        updatedBy: actor.id,
        updatedAt: at,
      })
      .returning()
      .get();
    appendAudit(tx, { actor, action: "PLAN_CREATED", entityType: PLAN, entityId: plan.id, newValues: { ...input, versionId: v.id }, at: now });
    return plan;
  });
}
