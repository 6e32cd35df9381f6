"use server";

import { defineAction } from "@/lib/server/action";
import { acknowledgePlan } from "@/lib/services/plans/acknowledge-plan";
import { approvePlanVersion } from "@/lib/services/plans/approve-plan-version";
import { createPlan } from "@/lib/services/plans/create-plan";
import { startNewPlanVersion } from "@/lib/services/plans/start-new-plan-version";
import { updatePlanDraft } from "@/lib/services/plans/update-plan-draft";
import { acknowledgePlanSchema, approvePlanSchema, createPlanSchema, planIdSchema, updatePlanDraftSchema } from "@/lib/validation/plans";

export const createPlanAction = defineAction({
  schema: createPlanSchema,
  run: ({ db, actor }, input) => createPlan(db, actor, input).id,
  message: "Plan created.",
});

export const updatePlanDraftAction = defineAction({
  schema: updatePlanDraftSchema,
  run: ({ db, actor }, input) => updatePlanDraft(db, actor, input).revision,
  message: "Draft saved.",
});

export const startNewPlanVersionAction = defineAction({
  schema: planIdSchema,
  run: ({ db, actor }, input) => startNewPlanVersion(db, actor, input.planId).versionNo,
  message: (n) => `Version ${n} started as a draft. The version in force stays in force until version ${n} is approved.`,
});

// Only the version number goes back to the browser: never the signed row, never the password.
export const approvePlanVersionAction = defineAction({
  schema: approvePlanSchema,
  run: async ({ db, actor }, input) => (await approvePlanVersion(db, actor, input)).versionNo,
  message: (n) => `Version ${n} approved and signed. It is now in force; everyone it names must acknowledge version ${n}.`,
});

export const acknowledgePlanAction = defineAction({
  schema: acknowledgePlanSchema,
  run: ({ db, actor }, input) => acknowledgePlan(db, actor, input).acknowledgedAt.slice(0, 10),
  message: (d) => `Acknowledged on ${d}.`,
});
