import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { deviceClasses, parties } from "./org";

// The RACI letters are declared once, in lib/rules/raci.ts (pure), and the CHECKs built from them.
import { LETTERS } from "../../lib/rules/raci";

/** A governance duty: one row of the RACI matrix, anchored to CSF 2.0 subcategories. */
export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** JSON array of CSF 2.0 subcategory ids, e.g. ["PR.PS-02"]. */
    csfRefs: text("csf_refs").notNull().default("[]"),
    sortOrder: integer("sort_order").notNull(),
    retiredAt: text("retired_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("activities_name_unique").on(sql`lower(${t.name})`), index("activities_sort_idx").on(t.sortOrder)],
);

/** The organization-wide template: default letter per activity and party. */
export const raciTemplateCells = sqliteTable(
  "raci_template_cells",
  {
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    partyId: integer("party_id")
      .notNull()
      .references(() => parties.id),
    letter: text("letter", { enum: LETTERS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.partyId] }), check("raci_template_letter_check", inList(t.letter, LETTERS))],
);

/**
 * A class's override of one cell. letter NULL means "overridden to nothing" (the inherited letter is
 * removed); no row means "inherited".
 */
export const raciOverrides = sqliteTable(
  "raci_overrides",
  {
    deviceClassId: integer("device_class_id")
      .notNull()
      .references(() => deviceClasses.id),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    partyId: integer("party_id")
      .notNull()
      .references(() => parties.id),
    letter: text("letter", { enum: LETTERS }),
  },
  (t) => [
    primaryKey({ columns: [t.deviceClassId, t.activityId, t.partyId] }),
    check("raci_override_letter_check", sql`${t.letter} is null or ${inList(t.letter, LETTERS)}`),
  ],
);

/**
 * Optimistic concurrency for editing: one row per matrix (the template is device_class_id 0 is not
 * possible with a FK, so the template uses scope 'template'). revision increments on every cell change.
 */
export const raciRevisions = sqliteTable("raci_revisions", {
  scope: text("scope").primaryKey(),
  revision: integer("revision").notNull().default(0),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: text("updated_at"),
});

export const RACI_VERSION_STATUSES = ["in_review", "returned", "effective", "superseded"] as const;
export type RaciVersionStatus = (typeof RACI_VERSION_STATUSES)[number];

/**
 * A submitted version of a class's resolved matrix. `content` is the canonical snapshot that signers
 * sign (activities, parties, letters, and where each letter came from). Never deleted.
 */
export const raciVersions = sqliteTable(
  "raci_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deviceClassId: integer("device_class_id")
      .notNull()
      .references(() => deviceClasses.id),
    versionNo: integer("version_no").notNull(),
    status: text("status", { enum: RACI_VERSION_STATUSES }).notNull(),
    content: text("content").notNull(),
    /** JSON: [{ userId, name, partyIds, meaning }] plus the leadership approval slot. */
    requiredSigners: text("required_signers").notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: text("submitted_at").notNull(),
    effectiveAt: text("effective_at"),
    lastAttestedAt: text("last_attested_at"),
    supersededAt: text("superseded_at"),
    returnedBy: integer("returned_by").references(() => users.id),
    returnedAt: text("returned_at"),
    returnComment: text("return_comment"),
  },
  (t) => [
    uniqueIndex("raci_versions_class_no_unique").on(t.deviceClassId, t.versionNo),
    index("raci_versions_class_status_idx").on(t.deviceClassId, t.status),
    check("raci_versions_status_check", inList(t.status, RACI_VERSION_STATUSES)),
  ],
);
