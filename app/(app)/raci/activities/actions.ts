"use server";

import { defineAction } from "@/lib/server/action";
import { createActivity, moveActivity, retireActivity, updateActivity } from "@/lib/services/raci/manage-activities";
import { createActivitySchema, moveActivitySchema, retireActivitySchema, updateActivitySchema } from "@/lib/validation/raci";

export const createActivityAction = defineAction({
  schema: createActivitySchema,
  run: ({ db, actor }, input) => createActivity(db, actor, input).name,
  message: (n) => `Activity "${n}" added.`,
});
export const updateActivityAction = defineAction({
  schema: updateActivitySchema,
  run: ({ db, actor }, input) => updateActivity(db, actor, input).name,
  message: (n) => `Activity "${n}" saved.`,
});
export const moveActivityAction = defineAction({
  schema: moveActivitySchema,
  run: ({ db, actor }, input) => moveActivity(db, actor, input).name,
  message: (n) => `Moved "${n}".`,
});
export const retireActivityAction = defineAction({
  schema: retireActivitySchema,
  run: ({ db, actor }, input) => retireActivity(db, actor, input),
  message: (a) => (a.retiredAt ? `Activity "${a.name}" retired.` : `Activity "${a.name}" restored.`),
});
