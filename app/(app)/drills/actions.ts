"use server";

import { defineAction } from "@/lib/server/action";
import { setSiteRules } from "@/lib/services/drills/compliance";
import { addFinding } from "@/lib/services/drills/add-finding";
import { addImprovementItem } from "@/lib/services/drills/add-improvement-item";
import { addObjective } from "@/lib/services/drills/add-objective";
import { approveAar } from "@/lib/services/drills/approve-aar";
import { cancelDrill } from "@/lib/services/drills/cancel-drill";
import { conductDrill } from "@/lib/services/drills/conduct-drill";
import { rateObjective } from "@/lib/services/drills/rate-objective";
import { recordRealEvent } from "@/lib/services/drills/record-real-event";
import { returnAar } from "@/lib/services/drills/return-aar";
import { saveAarSummary } from "@/lib/services/drills/save-aar-summary";
import { scheduleDrill } from "@/lib/services/drills/schedule-drill";
import { submitAar } from "@/lib/services/drills/submit-aar";
import {
  aarSummarySchema,
  addFindingSchema,
  addImprovementItemSchema,
  addObjectiveSchema,
  approveAarSchema,
  cancelDrillSchema,
  conductDrillSchema,
  drillIdSchema,
  rateObjectiveSchema,
  recordRealEventSchema,
  returnAarSchema,
  scheduleDrillSchema,
  siteRulesSchema,
} from "@/lib/validation/drills";

// Each action returns only what the page needs (an id or nothing): never the written row, never a password.

export const scheduleDrillAction = defineAction({
  schema: scheduleDrillSchema,
  run: ({ db, actor }, input) => scheduleDrill(db, actor, input).id,
  message: "Drill scheduled.",
});

export const recordRealEventAction = defineAction({
  schema: recordRealEventSchema,
  run: ({ db, actor }, input) => recordRealEvent(db, actor, input).id,
  message: "Real event recorded. It counts toward the site's exercise cadence.",
});

export const conductDrillAction = defineAction({
  schema: conductDrillSchema,
  run: ({ db, actor }, input) => conductDrill(db, actor, input),
  message: "Recorded as conducted. Rate the objectives and write the after-action report.",
});

export const cancelDrillAction = defineAction({
  schema: cancelDrillSchema,
  run: ({ db, actor }, input) => cancelDrill(db, actor, input),
  message: "Drill cancelled.",
});

export const addObjectiveAction = defineAction({
  schema: addObjectiveSchema,
  run: ({ db, actor }, input) => {
    addObjective(db, actor, input);
  },
  message: "Objective added.",
});

export const rateObjectiveAction = defineAction({
  schema: rateObjectiveSchema,
  run: ({ db, actor }, input) => rateObjective(db, actor, input),
  message: "Rating saved.",
});

export const addFindingAction = defineAction({
  schema: addFindingSchema,
  run: ({ db, actor }, input) => addFinding(db, actor, input).kind,
  message: (kind) => (kind === "strength" ? "Strength added." : "Area for improvement added. Add improvement items for it below."),
});

export const addImprovementItemAction = defineAction({
  schema: addImprovementItemSchema,
  run: ({ db, actor }, input) => addImprovementItem(db, actor, input).title,
  message: (t) => `Improvement item “${t}” added.`,
});

export const saveAarSummaryAction = defineAction({
  schema: aarSummarySchema,
  run: ({ db, actor }, input) => saveAarSummary(db, actor, input),
  message: "Overview saved.",
});

export const submitAarAction = defineAction({
  schema: drillIdSchema,
  run: ({ db, actor }, input) => submitAar(db, actor, input),
  message: "After-action report submitted for approval.",
});

export const returnAarAction = defineAction({
  schema: returnAarSchema,
  run: ({ db, actor }, input) => returnAar(db, actor, input),
  message: "After-action report returned to draft with your comment.",
});

export const approveAarAction = defineAction({
  schema: approveAarSchema,
  run: async ({ db, actor }, input) => {
    await approveAar(db, actor, input);
  },
  message: "After-action report approved and signed. It is now locked.",
});

export const setSiteRulesAction = defineAction({
  schema: siteRulesSchema,
  run: ({ db, actor }, input) => setSiteRules(db, actor, input),
  message: "Rules saved. The cadence below uses them.",
});
