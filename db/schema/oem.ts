import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { advisories } from "./advisories";
import { deviceModels } from "./inventory";
import { OEM_POSITIONS } from "../../lib/rules/oem-clock";

export { OEM_POSITIONS };

/**
 * Issue #13 item 3, "OEM management": the manufacturer's position on an advisory for one of its models, as the
 * hospital recorded it. FDA expects device patches to be validated by the manufacturer (FDA postmarket guidance,
 * 2016), so "OEM-validated patch available" is what opens a patch item (the patch queue reads it through
 * lib/services/advisories/oem-position.ts `oemPatchAvailable()`).
 *
 * Versioned and append-only: every answer is a new row (who recorded it, when), never updated or deleted (triggers
 * in migration 0013); the current position of an (advisory, model) is its row with the highest id, and no row at
 * all means "not yet answered". The history is the rows in id order, each with its audit entry.
 */
export const oemPositions = sqliteTable(
  "oem_positions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    modelId: integer("model_id")
      .notNull()
      .references(() => deviceModels.id),
    position: text("position", { enum: OEM_POSITIONS }).notNull(),
    /** The OEM's bulletin or service notice: a reference ("BD-2023-07"), a URL, or both (patch available: one required). */
    bulletinRef: text("bulletin_ref"),
    bulletinUrl: text("bulletin_url"),
    /** The software/firmware version the OEM validated as the fix (patch available only). */
    validatedVersion: text("validated_version"),
    /** YYYY-MM-DD, a real calendar date: when the OEM validated the fix (patch available only). */
    validatedOn: text("validated_on"),
    installNotes: text("install_notes"),
    /** What the OEM said, or why this position was recorded. */
    note: text("note"),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    index("oem_positions_advisory_model_idx").on(t.advisoryId, t.modelId, t.id),
    index("oem_positions_model_idx").on(t.modelId),
    check("oem_positions_position_check", inList(t.position, OEM_POSITIONS)),
    check("oem_positions_validated_on_check", sql`${t.validatedOn} is null or (length(${t.validatedOn}) = 10 and date(${t.validatedOn}) = ${t.validatedOn})`),
    check(
      "oem_positions_patch_check",
      sql`(${t.position} = 'patch_available' and (length(trim(coalesce(${t.bulletinRef}, ''))) > 0 or length(trim(coalesce(${t.bulletinUrl}, ''))) > 0) and length(trim(coalesce(${t.validatedVersion}, ''))) > 0 and ${t.validatedOn} is not null) or (${t.position} <> 'patch_available' and ${t.validatedVersion} is null and ${t.validatedOn} is null)`,
    ),
  ],
);

export type OemPositionRow = typeof oemPositions.$inferSelect;
