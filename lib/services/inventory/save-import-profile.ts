import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeTx } from "@/db/client";
import { importProfiles } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { canonicalJson } from "@/lib/rules/canonical";
import { IMPORT_FIELDS, type ColumnMapping } from "@/lib/rules/inventory-import";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { clock } from "@/lib/clock";
import { assertCanImport } from "./access";

/**
 * Saves a column mapping under a name for one CMMS source; the same name again replaces it. Offered on the next
 * import of a file with the same columns. Clinical Engineering lead and admins.
 */
export function saveImportProfile(db: Db, actor: Actor, input: { source: string; name: string; mapping: ColumnMapping }): { id: number } {
  assertCanImport(db, actor);
  const source = input.source.replace(/\s+/g, " ").trim();
  const name = input.name.replace(/\s+/g, " ").trim();
  if (!source || !name) throw invalid("Give the mapping a name and the CMMS it is for.", { profileName: ["Name the mapping."] });
  if (name.length > 100) throw invalid("A mapping name is at most 100 characters.", { profileName: ["At most 100 characters."] });
  const mapping: ColumnMapping = {};
  for (const [h, f] of Object.entries(input.mapping)) {
    if (f !== null && !(IMPORT_FIELDS as readonly string[]).includes(f)) throw invalid(`"${f}" is not a field a column can be mapped to.`);
    mapping[h] = f;
  }
  const now = clock.now();
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const existing = tx
      .select()
      .from(importProfiles)
      .where(and(eq(importProfiles.source, source), sql`lower(${importProfiles.name}) = ${name.toLowerCase()}`))
      .get();
    if (existing) {
      tx.update(importProfiles)
        .set({ mapping: canonicalJson(mapping), updatedAt: at })
        .where(eq(importProfiles.id, existing.id))
        .run();
      appendAudit(tx, {
        actor,
        action: "IMPORT_PROFILE_UPDATED",
        entityType: "import_profile",
        entityId: existing.id,
        oldValues: { mapping: JSON.parse(existing.mapping) },
        newValues: { mapping },
        at: now,
      });
      return { id: existing.id };
    }
    const row = tx
      .insert(importProfiles)
      .values({ source, name, mapping: canonicalJson(mapping), createdBy: actor.id, createdAt: at, updatedAt: at })
      .returning()
      .get();
    appendAudit(tx, { actor, action: "IMPORT_PROFILE_CREATED", entityType: "import_profile", entityId: row.id, newValues: { source, name, mapping }, at: now });
    return { id: row.id };
  });
}
