"use server";

import { defineAction } from "@/lib/server/action";
import { createAssessment } from "@/lib/services/assessments/create-assessment";
import { saveAnswer } from "@/lib/services/assessments/save-answer";
import { saveQuickCheck } from "@/lib/services/assessments/save-quick-check";
import { approveAssessment } from "@/lib/services/assessments/approve-assessment";
import { resubmitFunction } from "@/lib/services/assessments/resubmit-function";
import { reviewFunction } from "@/lib/services/assessments/review-function";
import { setTier } from "@/lib/services/assessments/set-tier";
import { submitAssessment } from "@/lib/services/assessments/submit-assessment";
import { createActionItem } from "@/lib/services/assessments/results";
import { addEvidence } from "@/lib/services/assessments/evidence";
import {
  addEvidenceSchema,
  approveAssessmentSchema,
  createActionItemSchema,
  createAssessmentSchema,
  resubmitFunctionSchema,
  reviewFunctionSchema,
  saveAnswerSchema,
  saveQuickCheckSchema,
  setTierSchema,
  submitAssessmentSchema,
} from "@/lib/validation/assessments";

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

export const setTierAction = defineAction({
  schema: setTierSchema,
  run: ({ db, actor }, input) => setTier(db, actor, input),
  message: "Implementation Tier saved.",
});

export const submitAssessmentAction = defineAction({
  schema: submitAssessmentSchema,
  run: ({ db, actor }, input) => submitAssessment(db, actor, input),
  message: "Submitted for review.",
});

export const reviewFunctionAction = defineAction({
  schema: reviewFunctionSchema,
  run: ({ db, actor }, input) => reviewFunction(db, actor, input),
  message: "Review saved.",
});

export const resubmitFunctionAction = defineAction({
  schema: resubmitFunctionSchema,
  run: ({ db, actor }, input) => resubmitFunction(db, actor, input),
  message: "Sent back for review.",
});

export const approveAssessmentAction = defineAction({
  schema: approveAssessmentSchema,
  run: ({ db, actor }, input) => approveAssessment(db, actor, input),
  message: "Approved and signed. The assessment is now locked.",
});

export const createActionItemAction = defineAction({
  schema: createActionItemSchema,
  run: ({ db, actor }, input) => createActionItem(db, actor, input).title,
  message: (t) => `Action item “${t}” created.`,
});

export const addEvidenceAction = defineAction({
  schema: addEvidenceSchema,
  run: ({ db, actor }, input) => addEvidence(db, actor, input),
  message: (n) => `Evidence added (${n} item${n === 1 ? "" : "s"}).`,
});
