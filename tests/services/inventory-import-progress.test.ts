import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import type { ImportProgress } from "@/lib/services/inventory/plan-import";
import { previewImport } from "@/lib/services/inventory/preview-import";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { updateDevice } from "@/lib/services/inventory/update-device";
import { getImportProgress } from "@/lib/services/inventory/get-import-progress";
import { trackImportProgress } from "@/lib/services/inventory/import-progress";
import { inventoryCounts, inventoryOrg, utf8 } from "./inventory-fixtures";

const HEADER = "Asset Tag,Serial Number,Manufacturer,Model,Site,Department,Status,IP Address";
const csv = (...rows: string[]) => utf8([HEADER, ...rows].join("\r\n") + "\r\n");
/** A file of n devices of two makers and models the inventory does not have yet (the first import creates them). */
const bigFile = (n: number) =>
  csv(
    ...Array.from(
      { length: n },
      (_, i) =>
        `P-${i},SN-${i},${i % 2 ? "Baxter" : "Zoll Medical"},${i % 2 ? "Sigma Spectrum" : "R Series"},${i % 3 ? "LMH" : "NCH"},Unit ${i % 7},In service,${i % 4 ? "" : `10.9.${(i >> 8) & 255}.${i & 255}`}`,
    ),
  );
const fingerprints = (db: Awaited<ReturnType<typeof inventoryOrg>>["db"]) =>
  db.get<{ n: number; fp: number }>(sql`select count(*) as n, count(import_fingerprint) as fp from devices`)!;

describe("import fingerprints: an unchanged row skips the read and the diff, and nothing else can make it lie", () => {
  test("a first import that creates the maker and models stores a fingerprint per device; the same file again is all unchanged and writes nothing", async () => {
    const { db, users } = await inventoryOrg();
    const file = bigFile(300);
    const first = await commitImport(db, users.ceLead, { fileName: "p.csv", bytes: file, source: "Maximo" });
    expect(first).toMatchObject({ manufacturersCreated: 2, modelsCreated: 2 });
    expect(fingerprints(db)).toEqual({ n: 300, fp: 300 });
    const before = inventoryCounts(db);
    const again = await commitImport(db, users.ceLead, { fileName: "p.csv", bytes: file, source: "Maximo" });
    expect(again.importId).toBeNull();
    expect(again.counts).toMatchObject({ rows: 300, new: 0, changed: 0, unchanged: 300 });
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("an edit of the device after the import clears its fingerprint (trigger), so the next import compares it in full and restores the file's value", async () => {
    const { db, sqlite, users } = await inventoryOrg();
    const file = csv("E1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service,10.0.0.1", "E2,S2,Baxter,Sigma Spectrum,LMH,ICU,In service,");
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: file, source: "Maximo" });
    const e1 = db.get<{ id: number }>(sql`select id from devices where asset_tag = 'E1'`)!.id;
    updateDevice(db, users.ceLead, { id: e1, part: "device", location: "PICU" });
    // An update by any other code, even one that does not know fingerprints, clears it too.
    sqlite.exec("update devices set serial_number = 'S2-edited' where asset_tag = 'E2'");
    expect(db.all(sql`select asset_tag, import_fingerprint is null as cleared from devices order by asset_tag`)).toEqual([
      { asset_tag: "E1", cleared: 1 },
      { asset_tag: "E2", cleared: 1 },
    ]);
    const p = await previewImport(db, users.ceLead, { fileName: "1.csv", bytes: file, source: "Maximo" });
    expect(p.counts).toMatchObject({ changed: 2, unchanged: 0 });
    expect(p.changes.map((c) => [c.assetTag, c.fields])).toEqual([
      ["E1", { location: { old: "PICU", new: "ICU" } }],
      ["E2", { serialNumber: { old: "S2-edited", new: "S2" } }],
    ]);
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: file, source: "Maximo" });
    // Re-written by the import: fingerprinted again, and the file is unchanged once more.
    expect(fingerprints(db)).toEqual({ n: 2, fp: 2 });
    expect((await previewImport(db, users.ceLead, { fileName: "1.csv", bytes: file, source: "Maximo" })).counts).toMatchObject({ changed: 0, unchanged: 2 });
  });

  test("the same values from another CMMS, or with a column more, are not taken for unchanged", async () => {
    const { db, users } = await inventoryOrg();
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: csv("F1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service,"), source: "Maximo" });
    const other = await previewImport(db, users.ceLead, { fileName: "1.csv", bytes: csv("F1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service,"), source: "AIMS" });
    expect(other.changes.map((c) => c.fields)).toEqual([{ cmmsSource: { old: "Maximo", new: "AIMS" } }]);
    const withIp = await previewImport(db, users.ceLead, {
      fileName: "1.csv",
      bytes: csv("F1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service,10.0.0.9"),
      source: "Maximo",
    });
    expect(withIp.changes.map((c) => c.fields)).toEqual([{ ipAddress: { old: null, new: "10.0.0.9" }, connected: { old: false, new: true } }]);
    // A retired device loses its fingerprint: a later file listing it again is compared in full.
    await commitImport(db, users.ceLead, {
      fileName: "2.csv",
      bytes: csv("F2,S2,Baxter,Sigma Spectrum,LMH,ICU,In service,"),
      source: "Maximo",
      fullExport: true,
    });
    expect(db.get(sql`select status, import_fingerprint from devices where asset_tag = 'F1'`)).toEqual({ status: "retired", import_fingerprint: null });
  });
});

describe("progress of a large preview and commit", () => {
  test("reports rows checked, matched and written, each phase ending at its total, and lets other work run between slices of the plan", async () => {
    const { db, users } = await inventoryOrg();
    const reports: ImportProgress[] = [];
    let ticks = 0;
    let seenMidPlan = 0;
    // Another request, standing in: a timer that can only run when the plan hands the event loop back.
    const timer = setInterval(() => {
      ticks++;
      const last = reports.at(-1);
      if (last && last.phase !== "commit" && last.done > 0 && last.done < last.total) seenMidPlan++;
    }, 0);
    try {
      const r = await commitImport(
        db,
        users.ceLead,
        { fileName: "p.csv", bytes: bigFile(9000), source: "Maximo" },
        { onProgress: (p) => reports.push({ ...p }) },
      );
      expect(r.counts.new).toBe(9000);
    } finally {
      clearInterval(timer);
    }
    const phases = [...new Set(reports.map((p) => p.phase))];
    expect(phases).toEqual(["check", "match", "commit"]);
    for (const phase of phases) {
      const of = reports.filter((p) => p.phase === phase);
      expect(of.map((p) => p.done)).toEqual([...of.map((p) => p.done)].sort((a, b) => a - b));
      expect(of.every((p) => p.done <= p.total)).toBe(true);
      expect(of.at(-1)).toEqual({ phase, done: 9000, total: 9000 });
      // Matching runs beside the check, a slice behind it (decision 0046): its phase is reported once, at its end.
      expect(of.length).toBeGreaterThan(phase === "match" ? 0 : 3);
    }
    expect(ticks).toBeGreaterThan(0);
    expect(seenMidPlan).toBeGreaterThan(0);
  });

  test("the page reads its own job's progress; another person reads nothing; who may not import is refused; a malformed job id is a sentence", async () => {
    const { db, users } = await inventoryOrg();
    const jobId = "7f9c2ba4-e88f-4f2a-9b1c-0123456789ab";
    const tracker = trackImportProgress(users.ceLead.id, jobId);
    await previewImport(db, users.ceLead, { fileName: "p.csv", bytes: bigFile(2500), source: "Maximo" }, tracker.report);
    expect(getImportProgress(db, users.ceLead, jobId)).toEqual({ phase: "match", done: 2500, total: 2500, finished: false, rows: 2500 });
    tracker.finish();
    expect(getImportProgress(db, users.ceLead, jobId)).toMatchObject({ finished: true, rows: 2500 });
    expect(getImportProgress(db, users.admin, jobId)).toBeNull();
    expect(() => getImportProgress(db, users.auditor, jobId)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => getImportProgress(db, users.ceLead, "../../etc")).toThrow(
      expect.objectContaining({ code: "VALIDATION", message: "The import job id is not valid." }),
    );
  });
});
