"use server";

import { defineAction } from "@/lib/server/action";
import { importAdvisories } from "@/lib/services/advisories/import-advisories";
import { importKev } from "@/lib/services/advisories/import-kev";
import { recordOemPosition } from "@/lib/services/advisories/record-oem-position";
import { rematchAllAdvisories } from "@/lib/services/advisories/rematch-all-advisories";
import { reviewMatches } from "@/lib/services/advisories/review-matches";
import { OEM_POSITION_LABELS } from "@/lib/rules/oem-clock";
import { importAdvisoriesSchema, importKevSchema, recordOemPositionSchema, rematchAllSchema, reviewMatchSchema } from "@/lib/validation/advisories";

const bytesOf = async (f: File) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });

export const importAdvisoriesAction = defineAction({
  schema: importAdvisoriesSchema,
  run: async ({ db, actor }, input) => importAdvisories(db, actor, await Promise.all(input.files.map(bytesOf))),
  message: (r) =>
    [
      r.created && `${r.created} new`,
      r.updated && `${r.updated} updated to a newer revision`,
      r.unchanged && `${r.unchanged} unchanged`,
      r.older && `${r.older} older than the stored revision (kept the stored one)`,
    ]
      .filter(Boolean)
      .join(", ")
      .replace(/^./, (c) => c.toUpperCase()) + ".",
});

export const importKevAction = defineAction({
  schema: importKevSchema,
  run: async ({ db, actor }, input) => importKev(db, actor, await bytesOf(input.file)),
  message: (r) =>
    `KEV catalog ${r.catalogVersion}: ${r.entries.toLocaleString("en-US")} entries — ${r.added} added, ${r.changed} changed, ${r.removed} withdrawn, ${r.unchanged.toLocaleString("en-US")} unchanged.`,
});

export const reviewMatchAction = defineAction({
  schema: reviewMatchSchema,
  run: ({ db, actor }, input) => reviewMatches(db, actor, input),
  message: (r) => `${r.reviewed} possible match${r.reviewed === 1 ? "" : "es"} reviewed.`,
});

export const recordOemPositionAction = defineAction({
  schema: recordOemPositionSchema,
  run: ({ db, actor }, input) => recordOemPosition(db, actor, input),
  message: (r) => `OEM position recorded: ${OEM_POSITION_LABELS[r.position]}.`,
});

export const rematchAllAction = defineAction({
  schema: rematchAllSchema,
  run: ({ db, actor }) => rematchAllAdvisories(db, actor),
  message: (r) =>
    `Re-matched ${r.advisories} advisories: ${r.matched.toLocaleString("en-US")} current matches, ${r.changed.toLocaleString("en-US")} changed, in ${(r.ms / 1000).toFixed(1)} s.`,
});
