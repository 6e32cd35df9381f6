"use server";

import { defineAction } from "@/lib/server/action";
import { importAdvisories } from "@/lib/services/advisories/import-advisories";
import { importKev } from "@/lib/services/advisories/import-kev";
import { importAdvisoriesSchema, importKevSchema } from "@/lib/validation/advisories";

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
  message: (r) => `KEV catalog ${r.catalogVersion}: ${r.entries.toLocaleString("en-US")} entries — ${r.added} added, ${r.changed} changed, ${r.removed} withdrawn, ${r.unchanged.toLocaleString("en-US")} unchanged.`,
});
