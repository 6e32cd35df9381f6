import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { assertCanImport } from "./access";
import { isImportJobId, readImportProgress, type ImportJobProgress } from "./import-progress";

/** The progress bar's reading: rows done of the current phase of one of the actor's own previews or commits. */
export function getImportProgress(db: DbOrTx, actor: Actor, jobId: unknown): ImportJobProgress | null {
  assertCanImport(db, actor);
  if (!isImportJobId(jobId)) throw invalid("The import job id is not valid.");
  return readImportProgress(actor.id, jobId);
}
