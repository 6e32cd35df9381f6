"use server";

import { defineAction } from "@/lib/server/action";
import { importRecalls } from "@/lib/services/recalls/import-recalls";
import { recordRecallAction } from "@/lib/services/recalls/record-recall-action";
import { reviewRecallMatch } from "@/lib/services/recalls/review-recall-match";
import { importRecallsSchema, recordRecallActionSchema, reviewRecallMatchSchema } from "@/lib/validation/recalls";

const bytesOf = async (f: File) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });

export const importRecallsAction = defineAction({
  schema: importRecallsSchema,
  run: async ({ db, actor }, input) => importRecalls(db, actor, await Promise.all(input.files.map(bytesOf))),
  message: (r) =>
    `${r.records} ${r.records === 1 ? "recall" : "recalls"} read: ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged; ${r.matchesAdded} new model ${r.matchesAdded === 1 ? "match" : "matches"}.`,
});

export const reviewRecallMatchAction = defineAction({
  schema: reviewRecallMatchSchema,
  run: ({ db, actor }, input) => reviewRecallMatch(db, actor, input),
  message: (r) =>
    r.decision === "confirmed"
      ? "Match confirmed: the recall now applies to this model's devices."
      : "Match dismissed: the recall no longer applies to this model's devices.",
});

export const recordRecallActionAction = defineAction({
  schema: recordRecallActionSchema,
  run: ({ db, actor }, input) => recordRecallAction(db, actor, input),
  message: (r) => `Action recorded with work order ${r.workOrder}; it is in the device's history of work.`,
});
