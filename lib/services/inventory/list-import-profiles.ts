import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { importProfiles } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { ColumnMapping } from "@/lib/rules/inventory-import";
import { assertCanImport } from "./access";

export interface ImportProfile {
  id: number;
  source: string;
  name: string;
  mapping: ColumnMapping;
  updatedAt: string;
}

/** Saved mappings for one CMMS source (or all), newest first within a name order. For callers that checked permission. */
export function listImportProfilesUnchecked(db: DbOrTx, source?: string): ImportProfile[] {
  const q = db.select().from(importProfiles);
  return (source ? q.where(and(eq(importProfiles.source, source))) : q)
    .orderBy(asc(importProfiles.source), asc(importProfiles.name))
    .all()
    .map((p) => ({ id: p.id, source: p.source, name: p.name, mapping: JSON.parse(p.mapping) as ColumnMapping, updatedAt: p.updatedAt }));
}

/** Saved mapping profiles, for the import page (Clinical Engineering lead and admins). */
export function listImportProfiles(db: Db, actor: Actor): ImportProfile[] {
  assertCanImport(db, actor);
  return listImportProfilesUnchecked(db);
}
