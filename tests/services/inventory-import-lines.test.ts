import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { previewImport } from "@/lib/services/inventory/preview-import";
import { inventoryCounts, inventoryOrg, utf8 } from "./inventory-fixtures";

// Decision 0039: a file line whose hash and resolved manufacturer and model equal its device's stored line key is
// unchanged without its row checks; anything else about it goes through the checks and the diff as before.
const HEADER = "Asset Tag,Serial Number,Manufacturer,Model,Site,Department,Status";
const csv = (...rows: string[]) => utf8([HEADER, ...rows].join("\r\n") + "\r\n");
const FILE = csv(
  "A1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service",
  "A2,S2,Stryker,LIFEPAK 15,NCH,ER,In service",
  "A3,S3,Baxter,Sigma Spectrum,LMH,PICU,In service",
);

const keys = (db: Awaited<ReturnType<typeof inventoryOrg>>["db"]) =>
  db.all<{ tag: string; fp: string | null; maker: number | null; model: number | null }>(
    sql`select asset_tag as tag, import_fingerprint as fp, manufacturer_id as maker, model_id as model from devices order by asset_tag`,
  );

describe("unchanged lines of a re-import (decision 0039)", () => {
  test("each written device keeps its line's key with its manufacturer and model; the same file again is all unchanged and writes nothing", async () => {
    const { db, users } = await inventoryOrg();
    const first = await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    expect(first.counts).toMatchObject({ new: 3, errors: 0 });
    for (const k of keys(db)) expect(k.fp).toBe(`${k.fp!.slice(0, k.fp!.indexOf(":"))}:${k.maker}:${k.model}`);
    expect(keys(db).every((k) => /^L[A-Za-z0-9+/=]{28}:\d+:\d+$/.test(k.fp!))).toBe(true);
    const before = inventoryCounts(db);
    const again = await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    expect(again.importId).toBeNull();
    expect(again.counts).toMatchObject({ rows: 3, new: 0, changed: 0, unchanged: 3, errors: 0 });
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("a line whose model now resolves to another model is checked and diffed, not taken as unchanged", async () => {
    const { db, sqlite, users } = await inventoryOrg();
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    // Someone renames the stored model: "LIFEPAK 15" no longer names it, so the same line means a new model.
    sqlite.exec("update device_models set name = 'LIFEPAK 15 (old)', name_key = 'lifepak 15 old' where name = 'LIFEPAK 15'");
    const p = await previewImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    expect(p.counts).toMatchObject({ new: 0, changed: 1, unchanged: 2, errors: 0 });
    expect(p.changes[0]).toMatchObject({ assetTag: "A2", kind: "changed" });
    expect(Object.keys(p.changes[0]!.fields)).toEqual(["modelId"]);
    expect(p.modelsToClassify).toEqual(expect.arrayContaining([expect.objectContaining({ model: "LIFEPAK 15", isNew: true, rows: 1 })]));
  });

  test("an edit after the import clears the key: the same file shows the edit as a change; a renamed site makes every line checked again", async () => {
    const { db, sqlite, users } = await inventoryOrg();
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    sqlite.exec("update devices set location = 'Cath lab' where asset_tag = 'A1'");
    expect(keys(db).find((k) => k.tag === "A1")!.fp).toBeNull();
    const p = await previewImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    expect(p.counts).toMatchObject({ changed: 1, unchanged: 2 });
    expect(p.changes[0]).toMatchObject({ assetTag: "A1", fields: { location: { old: "Cath lab", new: "ICU" } } });
    // The sites a site cell resolves against are part of every line's hash: after a rename no line matches its key,
    // each is checked and compared in full, and still nothing is reported changed but the edit.
    sqlite.exec("update sites set name = 'Lakeside Medical Center' where code = 'LMH'");
    const renamed = await previewImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    expect(renamed.counts).toMatchObject({ changed: 1, unchanged: 2, errors: 0 });
  });

  test("an unchanged line given twice is an error on both rows, not two unchanged devices", async () => {
    const { db, users } = await inventoryOrg();
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    const twice = csv("A1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service", "A1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service");
    const p = await previewImport(db, users.ceLead, { fileName: "2.csv", bytes: twice, source: "Maximo" });
    expect(p.counts).toMatchObject({ unchanged: 0, changed: 0, new: 0, errors: 2 });
    expect(p.errors.map((e) => e.row)).toEqual([2, 3]);
  });

  test("a line that differs only in a cell's spacing or an unmapped column's value is compared in full and found unchanged", async () => {
    const { db, users } = await inventoryOrg();
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: FILE, source: "Maximo" });
    const spaced = csv(
      "A1, S1 ,Baxter,Sigma  Spectrum,LMH,ICU,In service",
      "A2,S2,Stryker,LIFEPAK 15,NCH,ER,In service",
      "A3,S3,Baxter,Sigma Spectrum,LMH,PICU,In service",
    );
    const r = await commitImport(db, users.ceLead, { fileName: "2.csv", bytes: spaced, source: "Maximo" });
    expect(r.importId).toBeNull();
    expect(r.counts).toMatchObject({ changed: 0, unchanged: 3 });
  });
});
