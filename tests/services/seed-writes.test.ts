import fs from "node:fs";
import path from "node:path";
import { eq, getTableColumns } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { bulkInserter } from "@/db/seed/bulk-insert";
import { deviceClassRow, siteRow } from "@/db/seed/rows";
import { testDb } from "../test-db";

const SEED_DIR = path.join(process.cwd(), "db", "seed");
const seedFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === "data" ? [] : seedFiles(path.join(dir, e.name))) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));

describe("seeds write through the schema (issue #11 item 7)", () => {
  test("no seed file holds a hand-written INSERT or UPDATE: rows are typed by the drizzle tables", () => {
    // bulk-insert.ts is the exception that proves it: it builds its INSERT from the drizzle table's columns.
    const files = seedFiles(SEED_DIR).filter((f) => path.basename(f) !== "bulk-insert.ts");
    expect(files.some((f) => f.includes(`${path.sep}large${path.sep}`))).toBe(true);
    const offenders = files.filter((f) => /\b(insert\s+into|update\s+[a-z_"`]+\s+set)\b/i.test(fs.readFileSync(f, "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")));
    expect(offenders.map((f) => path.relative(process.cwd(), f))).toEqual([]);
  });

  test("bulkInserter: column names and value mapping from the schema, omitted columns take their defaults", () => {
    const { db } = testDb();
    const at = "2026-01-05T00:00:00.000Z";
    const insertSite = bulkInserter(db, schema.sites);
    const id = insertSite(siteRow({ name: "North Campus", code: "NC", kind: "campus" }, at));
    expect(db.select().from(schema.sites).where(eq(schema.sites.id, id)).get()).toEqual({
      id,
      name: "North Campus",
      code: "NC",
      kind: "campus",
      archivedAt: null,
      createdAt: at,
      updatedAt: at,
    });

    // Booleans go through drizzle's mapping (stored 1/0, read back as booleans); unset columns get the schema's defaults.
    const insertClass = bulkInserter(db, schema.deviceClasses);
    const classId = insertClass(deviceClassRow({ name: "Ventilators", storesPhi: true, lifeSustaining: true }, null, at, 7));
    expect(classId).toBe(7);
    const row = db.select().from(schema.deviceClasses).where(eq(schema.deviceClasses.id, 7)).get()!;
    expect(row).toMatchObject({
      name: "Ventilators",
      storesPhi: true,
      lifeSustaining: true,
      remoteVendorAccess: false,
      regulated: "yes",
      connectivity: "wired",
      criticality: "moderate",
      fdaClass: null,
      description: "",
    });

    // A key the table does not have is refused, not silently dropped; the database's own checks still apply.
    expect(() => insertSite({ ...siteRow({ name: "South", code: "S", kind: "clinic" }, at), colour: "blue" } as never)).toThrow(/sites has no column colour/);
    expect(() => insertSite(siteRow({ name: "Odd", code: "O", kind: "barn" as never }, at))).toThrow(/CHECK constraint/);
    expect(db.select().from(schema.sites).all()).toHaveLength(1);
  });

  test("every NOT NULL column without a default of the tables the shared builders fill is set by them", () => {
    // tsc already refuses a builder that leaves one out ($inferInsert); this catches a builder widened with a cast.
    const at = "2026-01-05T00:00:00.000Z";
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [getTableColumns(schema.sites), siteRow({ name: "A", code: "A", kind: "hospital" }, at)],
      [getTableColumns(schema.deviceClasses), deviceClassRow({ name: "A" }, null, at)],
    ];
    for (const [columns, row] of cases) {
      for (const [key, column] of Object.entries(columns) as [string, { notNull: boolean; hasDefault: boolean; primary: boolean }][]) {
        if (column.notNull && !column.hasDefault && !column.primary) expect(row[key], key).not.toBeUndefined();
      }
    }
  });
});
