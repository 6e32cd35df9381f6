"use server";

import { defineAction } from "@/lib/server/action";
import { createAssessment } from "@/lib/services/assessments/create-assessment";
import { saveAnswer } from "@/lib/services/assessments/save-answer";
import { saveQuickCheck } from "@/lib/services/assessments/save-quick-check";
import { createAssessmentSchema, saveAnswerSchema, saveQuickCheckSchema } from "@/lib/validation/assessments";

export const createAssessmentAction = defineAction({
  schema: createAssessmentSchema,
  run: ({ db, actor }, input) => createAssessment(db, actor, input).id,
  message: "Assessment started.",
});

export const saveAnswerAction = defineAction({
  schema: saveAnswerSchema,
  run: ({ db, actor }, input) => saveAnswer(db, actor, input),
  message: "Saved.",
});

export const saveQuickCheckAction = defineAction({
  schema: saveQuickCheckSchema,
  run: ({ db, actor }, input) => saveQuickCheck(db, actor, input),
  message: "Saved.",
});
