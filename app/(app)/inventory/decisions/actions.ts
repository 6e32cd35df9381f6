"use server";

import { defineAction } from "@/lib/server/action";
import { approveSupportDecision } from "@/lib/services/support-decisions/approve-support-decision";
import { createSupportDecision } from "@/lib/services/support-decisions/create-support-decision";
import { approveSupportDecisionSchema, createSupportDecisionSchema } from "@/lib/validation/recalls";

export const createSupportDecisionAction = defineAction({
  schema: createSupportDecisionSchema,
  run: ({ db, actor }, input) => createSupportDecision(db, actor, input),
  message: "Decision recorded. It takes effect when leadership approves it.",
});

export const approveSupportDecisionAction = defineAction({
  schema: approveSupportDecisionSchema,
  run: ({ db, actor }, input) => approveSupportDecision(db, actor, input),
  message: "Decision approved with your signature.",
});
