import { eq } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "@/db/client";
import { recallRevisions, recalls } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { mergeRecall } from "@/lib/rules/recall";
import { appendAudit } from "../audit/append-audit";
import type { UploadedFile } from "../advisories/read-advisory-files";
import { inventoryParties } from "../inventory/access";
import { rematchRecalls } from "./match-recalls";
import { readRecallFiles, sha256, type ReadRecall } from "./read-recall-files";

export interface RecallImportResult {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  matchesAdded: number;
}

/** Importing recalls is Clinical Engineering's (its lead, or an admin). */
export function assertCanImportRecalls(db: Db | Tx, actor: Actor): void {
  assertCan(actor, "recall.import", { partyId: inventoryParties(db).clinicalEngineering });
}
export const canImportRecalls = (db: Db | Tx, actor: Actor) => can(actor, "recall.import", { partyId: inventoryParties(db).clinicalEngineering });

/**
 * Imports openFDA device recall / enforcement files, all or nothing: a problem anywhere stores nothing and answers
 * every problem as a sentence. A new recall number is added; a known one whose content changed is updated and the
 * new content appended to its history; the same content again writes nothing. The recalls are then matched to the
 * models. One audit entry per import with the counts.
 */
export function importRecalls(db: Db, actor: Actor, files: readonly UploadedFile[], now = clock.now()): RecallImportResult {
  assertCanImportRecalls(db, actor);
  const { records, problems } = readRecallFiles(files);
  if (problems.length)
    throw new AppError(
      "VALIDATION",
      `Nothing was imported. ${problems.slice(0, 10).join(" ")}${problems.length > 10 ? ` And ${problems.length - 10} more problems.` : ""}`,
    );
  return writeTx(db, (tx) => writeRecalls(tx, actor, records, files.map((f) => f.name).join(", "), now));
}

const storedFields = (r: typeof recalls.$inferSelect) => ({
  recallNumber: r.recallNumber,
  recallClass: r.recallClass,
  firm: r.firm,
  productDescription: r.productDescription,
  productCode: r.productCode,
  reason: r.reason,
  initiatedOn: r.initiatedOn,
  postedOn: r.postedOn,
  terminatedOn: r.terminatedOn,
  status: r.status,
});

/** Stores checked recall records inside the caller's write transaction (the import and the demo seed). */
export function writeRecalls(
  tx: Tx,
  actor: Pick<Actor, "id" | "name" | "email"> | null,
  records: readonly ReadRecall[],
  fileNames: string,
  now: Date,
): RecallImportResult {
  const at = now.toISOString();
  const result: RecallImportResult = { records: records.length, created: 0, updated: 0, unchanged: 0, matchesAdded: 0 };
  const touched: number[] = [];
  for (const rec of records) {
    const stored = tx.select().from(recalls).where(eq(recalls.recallNumber, rec.recallNumber)).get();
    const { fileName: _f, contentSha256: _h, ...record } = rec;
    const merged = mergeRecall(stored ? storedFields(stored) : null, record);
    const hash = sha256(merged);
    if (stored && stored.contentSha256 === hash) {
      result.unchanged++;
      continue;
    }
    let id: number;
    if (stored) {
      tx.update(recalls)
        .set({ ...merged, contentSha256: hash, updatedAt: at })
        .where(eq(recalls.id, stored.id))
        .run();
      id = stored.id;
      result.updated++;
    } else {
      id = tx
        .insert(recalls)
        .values({ ...merged, contentSha256: hash, importedAt: at, updatedAt: at })
        .returning({ id: recalls.id })
        .get().id;
      result.created++;
    }
    tx.insert(recallRevisions)
      .values({
        recallId: id,
        importedAt: at,
        actorId: actor?.id ?? null,
        fileName: rec.fileName,
        source: rec.source,
        content: JSON.stringify(merged),
        contentSha256: hash,
      })
      .run();
    touched.push(id);
  }
  result.matchesAdded = rematchRecalls(tx, now, touched).added;
  if (result.created + result.updated > 0) {
    appendAudit(tx, {
      actor,
      action: "RECALLS_IMPORTED",
      entityType: "recall_import",
      entityId: at,
      newValues: { files: fileNames, ...result, recallNumbers: records.map((r) => r.recallNumber).slice(0, 100) },
      at: now,
    });
  }
  return result;
}
