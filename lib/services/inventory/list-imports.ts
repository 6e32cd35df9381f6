import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importProfiles, imports } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";

/** Import history, newest first: who, when, file, SHA-256, profile, counts and the listed changes. Every role reads it (auditors above all). */
export function listImports(db: Db, actor: Actor, limit = 50) {
  assertCan(actor, "inventory.read");
  return db
    .select({
      id: imports.id,
      at: imports.at,
      actorLabel: imports.actorLabel,
      fileName: imports.fileName,
      sha256: imports.sha256,
      sizeBytes: imports.sizeBytes,
      source: imports.source,
      profile: importProfiles.name,
      fullExport: imports.fullExport,
      rowsTotal: imports.rowsTotal,
      createdCount: imports.createdCount,
      changedCount: imports.changedCount,
      unchangedCount: imports.unchangedCount,
      retiredCount: imports.retiredCount,
      errorCount: imports.errorCount,
      changes: imports.changes,
    })
    .from(imports)
    .leftJoin(importProfiles, eq(importProfiles.id, imports.profileId))
    .orderBy(desc(imports.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, changes: JSON.parse(r.changes) as { assetTag: string; kind: string; fields: Record<string, { old: unknown; new: unknown }> }[] }));
}
