"use server";

import { defineAction } from "@/lib/server/action";
import { importFormSchema, updateDeviceSchema, updateModelSchema, type ImportFormInput } from "@/lib/validation/inventory";
import type { ColumnMapping } from "@/lib/rules/inventory-import";
import { previewImport } from "@/lib/services/inventory/preview-import";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { trackImportProgress } from "@/lib/services/inventory/import-progress";
import { saveImportProfile } from "@/lib/services/inventory/save-import-profile";
import { updateDevice } from "@/lib/services/inventory/update-device";
import { updateModel } from "@/lib/services/inventory/update-model";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";

async function options(input: ImportFormInput) {
  return {
    fileName: input.file.name,
    bytes: new Uint8Array(await input.file.arrayBuffer()),
    source: input.source,
    defaultSiteId: input.defaultSiteId,
    fullExport: input.fullExport,
    profileId: input.profileId,
    mapping: (input.mapping as ColumnMapping | undefined) ?? null,
    manufacturerChoices: input.manufacturerChoices,
    modelClassChoices: input.modelClassChoices,
  };
}

function saveProfileIfNamed(db: Db, actor: Actor, input: ImportFormInput, mapping: ColumnMapping): string | null {
  if (!input.profileName) return null;
  saveImportProfile(db, actor, { source: input.source, name: input.profileName, mapping });
  return input.profileName;
}

/** Runs a preview or commit with its progress readable by the page's poll (GET /api/inventory/import-progress). */
async function withProgress<T>(actor: Actor, input: ImportFormInput, run: (onProgress: Parameters<typeof previewImport>[3]) => Promise<T>): Promise<T> {
  const tracker = input.jobId ? trackImportProgress(actor.id, input.jobId) : null;
  try {
    return await run(tracker?.report);
  } finally {
    tracker?.finish();
  }
}

export const previewImportAction = defineAction({
  schema: importFormSchema,
  run: async ({ db, actor }, input) => {
    const preview = await withProgress(actor, input, async (onProgress) => previewImport(db, actor, await options(input), onProgress));
    const savedProfile = preview.mappingProblems.length === 0 ? saveProfileIfNamed(db, actor, input, preview.mapping) : null;
    return { preview, savedProfile };
  },
});

export const commitImportAction = defineAction({
  schema: importFormSchema,
  run: async ({ db, actor }, input) =>
    withProgress(actor, input, async (onProgress) =>
      commitImport(db, actor, { ...(await options(input)), expectedSha256: input.expectedSha256 }, { onProgress }),
    ),
  message: (r) =>
    r.importId === null
      ? "No changes: the inventory already matches this file, so nothing was written."
      : `Imported: ${r.counts.new} new, ${r.counts.changed} changed, ${r.counts.missing} retired; ${r.counts.errors} ${r.counts.errors === 1 ? "row with errors was" : "rows with errors were"} skipped.`,
});

export const updateDeviceAction = defineAction({
  schema: updateDeviceSchema,
  run: ({ db, actor }, input) => updateDevice(db, actor, input),
  message: (r) => (r.changed.length === 0 ? "Nothing changed." : `Saved: ${r.changed.length} field${r.changed.length === 1 ? "" : "s"} changed.`),
});

export const updateModelAction = defineAction({
  schema: updateModelSchema,
  run: ({ db, actor }, input) => updateModel(db, actor, input),
  message: (r) => (r.changed.length === 0 ? "Nothing changed." : "Model saved."),
});
