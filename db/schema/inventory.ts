import { sql, type SQL } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { deviceClasses, sites } from "./org";
import { users } from "./auth";

/** Device lifecycle states of issue #12 (CMMS status words map onto these, lib/rules/inventory-import.ts). */
export const DEVICE_STATUSES = ["in_service", "in_storage", "out_for_repair", "retired"] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/**
 * Kinds of entries in a device's history of work. `patch_applied` and `recall_action` are written by the
 * advisories/patches/recalls work that stands on this table; the inventory writes the others.
 */
export const DEVICE_EVENT_KINDS = ["imported", "created", "changed", "retired", "patch_applied", "recall_action", "note"] as const;
export type DeviceEventKind = (typeof DEVICE_EVENT_KINDS)[number];

/** `col` is NULL or a real YYYY-MM-DD calendar date (SQLite's date() rolls 2026-02-30 over to March, so it differs). */
function calendarDate(col: AnySQLiteColumn): SQL {
  return sql`${col} is null or (length(${col}) = 10 and date(${col}) = ${col})`;
}

/**
 * A maker with one canonical name. CMMS exports and CISA advisories spell makers differently; every spelling
 * seen is an alias (manufacturer_aliases) keyed by its normalised form, so an advisory's vendor string and a
 * CMMS "Make" column land on the same row.
 */
export const manufacturers = sqliteTable(
  "manufacturers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("manufacturers_name_unique").on(sql`lower(${t.name})`)],
);

export const manufacturerAliases = sqliteTable(
  "manufacturer_aliases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    manufacturerId: integer("manufacturer_id")
      .notNull()
      .references(() => manufacturers.id),
    /** The spelling as it was seen. */
    alias: text("alias").notNull(),
    /** normaliseManufacturerName(alias): what matching compares. */
    aliasKey: text("alias_key").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("manufacturer_aliases_key_unique").on(t.aliasKey), index("manufacturer_aliases_manufacturer_idx").on(t.manufacturerId)],
);

/** A model of a manufacturer, classified into the device-class tree, with the OEM's support dates (GV.SC-07, ID.AM-08). */
export const deviceModels = sqliteTable(
  "device_models",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    manufacturerId: integer("manufacturer_id")
      .notNull()
      .references(() => manufacturers.id),
    name: text("name").notNull(),
    /** normaliseModelName(name): what import matching compares within the manufacturer. */
    nameKey: text("name_key").notNull(),
    modelNumber: text("model_number"),
    deviceClassId: integer("device_class_id").references(() => deviceClasses.id),
    fdaProductCode: text("fda_product_code"),
    mds2OnFile: integer("mds2_on_file", { mode: "boolean" }).notNull().default(false),
    mds2Date: text("mds2_date"),
    endOfSale: text("end_of_sale"),
    endOfSupport: text("end_of_support"),
    endOfSecurityPatches: text("end_of_security_patches"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("device_models_manufacturer_name_unique").on(t.manufacturerId, t.nameKey),
    index("device_models_class_idx").on(t.deviceClassId),
    check("device_models_mds2_date_check", calendarDate(t.mds2Date)),
    check("device_models_end_of_sale_check", calendarDate(t.endOfSale)),
    check("device_models_end_of_support_check", calendarDate(t.endOfSupport)),
    check("device_models_end_of_security_patches_check", calendarDate(t.endOfSecurityPatches)),
    check("device_models_fda_product_code_check", sql`${t.fdaProductCode} is null or length(${t.fdaProductCode}) = 3`),
  ],
);

/**
 * One physical device (ID.AM-01). Matched on import by (cmms_source, cmms_id) first, else by asset tag, which is
 * unique in the organization. Manufacturer is kept beside the model so that a device whose model string is not yet
 * mapped still counts for its maker (advisory matching goes vendor → product → version).
 */
export const devices = sqliteTable(
  "devices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assetTag: text("asset_tag").notNull(),
    serialNumber: text("serial_number"),
    manufacturerId: integer("manufacturer_id").references(() => manufacturers.id),
    modelId: integer("model_id").references(() => deviceModels.id),
    description: text("description"),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id),
    location: text("location"),
    status: text("status", { enum: DEVICE_STATUSES }).notNull().default("in_service"),
    connected: integer("connected", { mode: "boolean" }).notNull().default(false),
    hostname: text("hostname"),
    ipAddress: text("ip_address"),
    macAddress: text("mac_address"),
    osName: text("os_name"),
    osVersion: text("os_version"),
    softwareVersion: text("software_version"),
    storesPhi: integer("stores_phi", { mode: "boolean" }).notNull().default(false),
    cmmsSource: text("cmms_source"),
    cmmsId: text("cmms_id"),
    lastInventoriedOn: text("last_inventoried_on"),
    lastSeenOn: text("last_seen_on"),
    /**
     * Hash of the mapped values of the CMMS row the last import wrote (decision 0024): the next import skips the
     * read and diff of a row whose hash is unchanged. Cleared by a trigger on any other update of the device.
     */
    importFingerprint: text("import_fingerprint"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("devices_asset_tag_unique").on(t.assetTag),
    uniqueIndex("devices_cmms_unique")
      .on(t.cmmsSource, t.cmmsId)
      .where(sql`${t.cmmsId} is not null`),
    // Model and asset tag too, so the inventory list's count and page for a site (and a class's models) are read from the
    // index alone: 160 ms → 1–5 ms for one site of the 200,000-device database (issue #15).
    index("devices_site_status_idx").on(t.siteId, t.status, t.modelId, t.assetTag),
    index("devices_model_idx").on(t.modelId),
    index("devices_manufacturer_idx").on(t.manufacturerId),
    index("devices_serial_idx").on(t.serialNumber),
    index("devices_hostname_idx").on(t.hostname),
    index("devices_ip_idx").on(t.ipAddress),
    check("devices_status_check", inList(t.status, DEVICE_STATUSES)),
    check("devices_asset_tag_check", sql`length(trim(${t.assetTag})) > 0`),
    check("devices_last_inventoried_check", calendarDate(t.lastInventoriedOn)),
    check("devices_last_seen_check", calendarDate(t.lastSeenOn)),
  ],
);

/** Named column mappings, per CMMS source, offered again on the next import from that source. */
export const importProfiles = sqliteTable(
  "import_profiles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    source: text("source").notNull(),
    name: text("name").notNull(),
    /** JSON: { [header]: field }. */
    mapping: text("mapping").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("import_profiles_source_name_unique").on(t.source, sql`lower(${t.name})`)],
);

/** One committed CMMS import: who, when, which file (SHA-256), how it was read, and what it changed. */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    actorLabel: text("actor_label").notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    source: text("source").notNull(),
    profileId: integer("profile_id").references(() => importProfiles.id),
    /** JSON: the mapping used ({ [header]: field }). */
    mapping: text("mapping").notNull(),
    fullExport: integer("full_export", { mode: "boolean" }).notNull().default(false),
    rowsTotal: integer("rows_total").notNull(),
    createdCount: integer("created_count").notNull(),
    changedCount: integer("changed_count").notNull(),
    unchangedCount: integer("unchanged_count").notNull(),
    retiredCount: integer("retired_count").notNull(),
    errorCount: integer("error_count").notNull(),
    /** JSON: [{ assetTag, kind, fields }] — the list of what changed (bounded; the per-device history holds every value). */
    changes: text("changes").notNull(),
  },
  (t) => [
    index("imports_at_idx").on(t.at),
    check("imports_sha256_check", sql`length(${t.sha256}) = 64`),
    check(
      "imports_counts_check",
      sql`${t.rowsTotal} >= 0 and ${t.createdCount} >= 0 and ${t.changedCount} >= 0 and ${t.unchangedCount} >= 0 and ${t.retiredCount} >= 0 and ${t.errorCount} >= 0`,
    ),
  ],
);

/**
 * A device's history of work: append-only (triggers refuse UPDATE and DELETE, migration 0010), so what was done to
 * a device — imported, changed with old and new values, patched, recall actions — cannot be rewritten afterwards.
 */
export const deviceEvents = sqliteTable(
  "device_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deviceId: integer("device_id")
      .notNull()
      .references(() => devices.id),
    at: text("at").notNull(),
    actorId: integer("actor_id"),
    actorLabel: text("actor_label").notNull(),
    kind: text("kind", { enum: DEVICE_EVENT_KINDS }).notNull(),
    /** JSON: { field: { old, new } }. */
    changes: text("changes"),
    workOrder: text("work_order"),
    importId: integer("import_id").references(() => imports.id),
    note: text("note"),
  },
  (t) => [
    index("device_events_device_idx").on(t.deviceId, t.id),
    index("device_events_import_idx").on(t.importId),
    check("device_events_kind_check", inList(t.kind, DEVICE_EVENT_KINDS)),
  ],
);
