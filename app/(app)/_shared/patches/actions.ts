"use server";

import { defineAction } from "@/lib/server/action";
import {
  deferPatchSchema,
  importPatchCompletionsSchema,
  markPatchNotApplicableSchema,
  recordPatchAppliedSchema,
  savePatchPolicySchema,
  type ImportPatchCompletionsInput,
} from "@/lib/validation/patches";
import { recordPatchApplied } from "@/lib/services/patches/record-patch-applied";
import { markPatchNotApplicable } from "@/lib/services/patches/mark-patch-not-applicable";
import { deferPatch } from "@/lib/services/patches/defer-patch";
import { savePatchPolicy } from "@/lib/services/patches/save-patch-policy";
import { commitPatchCompletions, previewPatchCompletions } from "@/lib/services/patches/import-patch-completions";

const fileOf = async (input: ImportPatchCompletionsInput) => ({ name: input.file.name, bytes: new Uint8Array(await input.file.arrayBuffer()) });

export const recordPatchAppliedAction = defineAction({
  schema: recordPatchAppliedSchema,
  run: ({ db, actor }, input) => recordPatchApplied(db, actor, input),
  message: "Patch recorded as applied; it is in the device's history of work.",
});

export const markPatchNotApplicableAction = defineAction({
  schema: markPatchNotApplicableSchema,
  run: ({ db, actor }, input) => markPatchNotApplicable(db, actor, input),
  message: "Marked not applicable.",
});

export const deferPatchAction = defineAction({
  schema: deferPatchSchema,
  run: ({ db, actor }, input) => deferPatch(db, actor, input),
  message: "Deferral signed and recorded.",
});

export const savePatchPolicyAction = defineAction({
  schema: savePatchPolicySchema,
  run: ({ db, actor }, input) => savePatchPolicy(db, actor, input),
  message: "Patch policy saved; due dates follow it now.",
});

export const previewPatchCompletionsAction = defineAction({
  schema: importPatchCompletionsSchema,
  run: async ({ db, actor }, input) => previewPatchCompletions(db, actor, await fileOf(input)),
});

export const commitPatchCompletionsAction = defineAction({
  schema: importPatchCompletionsSchema,
  run: async ({ db, actor }, input) => commitPatchCompletions(db, actor, await fileOf(input), input.expectedSha256),
  message: (r) => `Imported: ${r.recorded} patch${r.recorded === 1 ? "" : "es"} recorded as applied.`,
});
