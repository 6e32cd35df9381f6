import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { assertCanImport } from "./access";
import { changeFields, MAX_LISTED_CHANGES, MAX_LISTED_ERRORS, planImport, type ImportOptions, type ImportPlan, type ImportProgress } from "./plan-import";

export type ImportPreview = Omit<ImportPlan, "newAliases" | "newManufacturers" | "newModels" | "fingerprint"> & {
  listedErrorsCut: boolean;
  listedChangesCut: boolean;
};

/**
 * What an import would do, without writing anything: the file as read (encoding, delimiter, header row), the
 * mapping, counts of new / changed / unchanged / no-longer-listed devices, row errors with row, column and a
 * sentence, manufacturer spellings to map and models to classify. Clinical Engineering lead and admins.
 */
export async function previewImport(db: Db, actor: Actor, opts: ImportOptions, onProgress?: (progress: ImportProgress) => void): Promise<ImportPreview> {
  assertCanImport(db, actor);
  const plan = await planImport(db, opts, onProgress);
  const { newAliases: _a, newManufacturers: _m, newModels: _n, fingerprint: _f, ...rest } = plan;
  return {
    ...rest,
    errors: plan.errors.slice(0, MAX_LISTED_ERRORS),
    changes: plan.changes.slice(0, MAX_LISTED_CHANGES).map((c) => ({ ...c, fields: changeFields(c), values: undefined })),
    listedErrorsCut: plan.errors.length > MAX_LISTED_ERRORS,
    listedChangesCut: plan.changes.length > MAX_LISTED_CHANGES,
  };
}
