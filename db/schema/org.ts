import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { CONNECTIVITY, CRITICALITY, FDA_CLASSES, PARTY_KINDS, REGULATED, inList } from "./enums";
import { users } from "./auth";

/** One row: the health system this installation serves. */
export const organization = sqliteTable("organization", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: text("created_at").notNull(),
});

export const sites = sqliteTable(
  "sites",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    code: text("code").notNull(),
    kind: text("kind", { enum: ["hospital", "clinic", "campus", "other"] })
      .notNull()
      .default("hospital"),
    archivedAt: text("archived_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("sites_name_unique").on(sql`lower(${t.name})`),
    uniqueIndex("sites_code_unique").on(sql`lower(${t.code})`),
    check("sites_kind_check", inList(t.kind, ["hospital", "clinic", "campus", "other"])),
  ],
);

export const parties = sqliteTable(
  "parties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: PARTY_KINDS }).notNull().default("internal"),
    description: text("description").notNull().default(""),
    leadUserId: integer("lead_user_id").references((): AnySQLiteColumn => users.id),
    sortOrder: integer("sort_order").notNull().default(0),
    archivedAt: text("archived_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("parties_name_unique").on(sql`lower(${t.name})`), check("parties_kind_check", inList(t.kind, PARTY_KINDS))],
);

export const deviceClasses = sqliteTable(
  "device_classes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => deviceClasses.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    regulated: text("regulated", { enum: REGULATED }).notNull().default("yes"),
    fdaClass: text("fda_class", { enum: FDA_CLASSES }),
    connectivity: text("connectivity", { enum: CONNECTIVITY }).notNull().default("wired"),
    remoteVendorAccess: integer("remote_vendor_access", { mode: "boolean" }).notNull().default(false),
    storesPhi: integer("stores_phi", { mode: "boolean" }).notNull().default(false),
    lifeSustaining: integer("life_sustaining", { mode: "boolean" }).notNull().default(false),
    criticality: text("criticality", { enum: CRITICALITY }).notNull().default("moderate"),
    archivedAt: text("archived_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("device_classes_parent_idx").on(t.parentId),
    check("device_classes_regulated_check", inList(t.regulated, REGULATED)),
    check("device_classes_fda_class_check", sql`${t.fdaClass} is null or ${inList(t.fdaClass, FDA_CLASSES)}`),
    check("device_classes_connectivity_check", inList(t.connectivity, CONNECTIVITY)),
    check("device_classes_criticality_check", inList(t.criticality, CRITICALITY)),
    check("device_classes_not_own_parent", sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/** Admin-tunable settings (session idle timeout, re-attestation interval...). Values are JSON. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * One counter per domain, bumped by triggers on every insert, update or delete of the domain's tables
 * (migration 0006). Cached aggregates (the leadership dashboard) record the counters they were computed
 * at and are recomputed when any of them moved, so a figure is never stale after a committed change,
 * whichever process made it.
 */
export const dataVersions = sqliteTable("data_versions", {
  domain: text("domain").primaryKey(),
  version: integer("version").notNull().default(0),
});
