import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeEventChanges } from "@/lib/rules/device-history";
import { previewImport } from "@/lib/services/inventory/preview-import";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { saveImportProfile } from "@/lib/services/inventory/save-import-profile";
import { listDeviceHistory } from "@/lib/services/inventory/list-device-history";
import { getDevice } from "@/lib/services/inventory/get-device";
import { updateDevice } from "@/lib/services/inventory/update-device";
import { cp1252, inventoryCounts, inventoryOrg, utf8 } from "./inventory-fixtures";

const EWH = fs.readFileSync(path.resolve(process.cwd(), "../shared/data/device-inventory/ewh_TestCustomHospitalInventory.csv"));
const EWH_MAPPING = {
  Location: "location",
  Code: "assetTag",
  "Serial Number": "serialNumber",
  "Equipment Type": "description",
  Model: "model",
  Status: "status",
  Manufacturer: "manufacturer",
} as const;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("importing the EWH hospital inventory (real public test data)", () => {
  test("preview proposes a mapping, says the asset-tag column is missing, and writes nothing", async () => {
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    const p = await previewImport(db, users.ceLead, { fileName: "ewh.csv", bytes: EWH, source: "EWH CMMS", defaultSiteId: 1 });
    expect(p.file).toMatchObject({ kind: "csv", encoding: "utf-8", delimiter: ",", headerRow: 1, sizeBytes: EWH.length });
    expect(p.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.headers).toEqual(["Location", "Code", "Serial Number", "Equipment Type", "Model", "Status", "Manufacturer"]);
    expect(p.mapping.Code).toBeNull();
    expect(p.mappingProblems).toEqual(["No column is mapped to Asset tag: choose the column that holds each device's asset tag."]);
    await expect(commitImport(db, users.ceLead, { fileName: "ewh.csv", bytes: EWH, source: "EWH CMMS", defaultSiteId: 1 })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("with Code mapped to Asset tag: 15 new devices, 8 rows without a tag; commit writes them with one audit entry; the same file again writes nothing", async () => {
    const { db, users } = await inventoryOrg();
    const opts = { fileName: "ewh.csv", bytes: EWH, source: "EWH CMMS", defaultSiteId: 1, mapping: EWH_MAPPING };
    const p = await previewImport(db, users.ceLead, opts);
    expect(p.mappingProblems).toEqual([]);
    expect(p.counts).toEqual({ rows: 23, new: 15, changed: 0, unchanged: 0, missing: 0, errors: 8 });
    expect(p.errors.every((e) => e.column === "Code" && e.message === "The asset tag is missing: every device needs one.")).toBe(true);
    expect(p.errors.map((e) => e.row)).toEqual([2, 7, 12, 13, 15, 19, 23, 24]);
    expect(p.unknownManufacturers.map((m) => m.name)).toContain("Philips");
    expect(inventoryCounts(db).devices).toBe(0);

    const before = inventoryCounts(db);
    const version = () => db.get<{ v: number }>(sql`select version as v from data_versions where domain = 'inventory'`)!.v;
    const triggers = () =>
      db.all<{ name: string; sql: string }>(sql`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'devices' order by name`);
    const [versionBefore, triggersBefore] = [version(), triggers()];
    const r = await commitImport(db, users.ceLead, { ...opts, expectedSha256: p.file.sha256 });
    expect(r.importId).not.toBeNull();
    // The commit sets the per-row data-version triggers aside and bumps the counter once: cached views see the change,
    // and the triggers are back exactly as they were for every other writer.
    expect(version()).toBeGreaterThan(versionBefore);
    expect(triggers()).toEqual(triggersBefore);
    expect(triggersBefore.map((t) => t.name)).toEqual(expect.arrayContaining(["devices_dv_insert", "devices_dv_update"]));
    const after = inventoryCounts(db);
    expect(after.devices).toBe(15);
    expect(after.device_events).toBe(15);
    expect(after.imports).toBe(1);
    expect(after.audit_log - before.audit_log).toBe(1);
    const audit = db.get<{ action: string; new_values: string }>(sql`select action, new_values from audit_log order by seq desc limit 1`)!;
    expect(audit.action).toBe("INVENTORY_IMPORTED");
    expect(JSON.parse(audit.new_values)).toMatchObject({ fileName: "ewh.csv", sha256: p.file.sha256, counts: { new: 15, errors: 8 } });
    const d = db.get<{ asset_tag: string; serial_number: string; status: string; location: string; maker: string; model: string }>(sql`
      select d.asset_tag, d.serial_number, d.status, d.location, m.name as maker, dm.name as model from devices d
      join manufacturers m on m.id = d.manufacturer_id join device_models dm on dm.id = d.model_id where d.asset_tag = '1817'`)!;
    expect(d).toEqual({ asset_tag: "1817", serial_number: "FARX O1093", status: "out_for_repair", location: "Surgery", maker: "Ohmeda", model: "5250 RGM" });
    const history = db.get<{ device_id: number; kind: string; changes: string | null; import_id: number }>(
      sql`select device_id, kind, changes, import_id from device_events e join devices d on d.id = e.device_id where d.asset_tag = '1817'`,
    )!;
    expect(history).toMatchObject({ kind: "imported", import_id: expect.any(Number) });
    // Stored without values (decision 0048): read as the device's values with later changes undone, as { old: null, new }.
    expect(history.changes).toBeNull();
    const read = () => listDeviceHistory(db, users.auditor, history.device_id, { before: null, limit: 1 }).items;
    expect(read()[0]!.changes).toMatchObject({
      assetTag: { old: null, new: "1817" },
      serialNumber: { old: null, new: "FARX O1093" },
      location: { old: null, new: "Surgery" },
    });
    // Entries of the earlier forms still read as pairs.
    expect(decodeEventChanges("imported", JSON.stringify({ serialNumber: "X1" }))).toEqual({ serialNumber: { old: null, new: "X1" } });
    const imp = db.get<{ sha256: string; created_count: number; error_count: number; changes: string }>(
      sql`select sha256, created_count, error_count, changes from imports`,
    )!;
    expect(imp).toMatchObject({ sha256: p.file.sha256, created_count: 15, error_count: 8 });
    expect(JSON.parse(imp.changes)).toHaveLength(15);

    // Idempotent: the same file again reports 0 changes and writes nothing.
    const again = await previewImport(db, users.ceLead, opts);
    expect(again.counts).toEqual({ rows: 23, new: 0, changed: 0, unchanged: 15, missing: 0, errors: 8 });
    expect(again.unknownManufacturers).toEqual([]);
    const snapshot = inventoryCounts(db);
    const r2 = await commitImport(db, users.ceLead, opts);
    expect(r2.importId).toBeNull();
    expect(inventoryCounts(db)).toEqual(snapshot);

    // After an edit the imported entry still reads what the import wrote (here on the history's second page).
    updateDevice(db, users.ceLead, { id: history.device_id, part: "device", serialNumber: "FARX O1094", location: "ICU" });
    const page = listDeviceHistory(db, users.auditor, history.device_id, { before: null, limit: 1 });
    expect(page.items[0]!.changes).toEqual({ serialNumber: { old: "FARX O1093", new: "FARX O1094" }, location: { old: "Surgery", new: "ICU" } });
    const imported = listDeviceHistory(db, users.auditor, history.device_id, { before: page.last, limit: 1 }).items[0]!;
    expect(imported.kind).toBe("imported");
    expect(imported.changes).toMatchObject({ serialNumber: { old: null, new: "FARX O1093" }, location: { old: null, new: "Surgery" } });
    expect(getDevice(db, users.auditor, history.device_id).history.find((h) => h.kind === "imported")!.changes).toEqual(imported.changes);
  });

  test("a previewed file swapped for another before commit is refused", async () => {
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    const e = await refusal(
      commitImport(db, users.ceLead, {
        fileName: "ewh.csv",
        bytes: EWH,
        source: "EWH CMMS",
        defaultSiteId: 1,
        mapping: EWH_MAPPING,
        expectedSha256: "0".repeat(64),
      }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(inventoryCounts(db)).toEqual(before);
  });
});

describe("who may import", () => {
  test.each(["itLead", "secLead", "contributor", "auditor", "leadership"] as const)("%s is refused and nothing is written", async (who) => {
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    const opts = { fileName: "ewh.csv", bytes: EWH, source: "EWH CMMS", defaultSiteId: 1, mapping: EWH_MAPPING };
    expect((await refusal(previewImport(db, users[who], opts))).code).toBe("FORBIDDEN");
    expect((await refusal(commitImport(db, users[who], opts))).code).toBe("FORBIDDEN");
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("an admin may import", async () => {
    const { db, users } = await inventoryOrg();
    const r = await commitImport(db, users.admin, { fileName: "ewh.csv", bytes: EWH, source: "EWH CMMS", defaultSiteId: 1, mapping: EWH_MAPPING });
    expect(r.counts.new).toBe(15);
  });
});

const HEADER = "Asset Tag,Serial Number,Manufacturer,Model,Site,Department,Status,IP Address,MAC,Hostname,Last Inventory Date";
const csv = (...rows: string[]) => utf8([HEADER, ...rows].join("\r\n") + "\r\n");

describe("file quirks are read as the same inventory", () => {
  const rows = [
    "LMH-1,SN1,Dräger,Fabius GS,LMH,OR 3,In service,10.1.0.5,00:1a:2b:3c:4d:5e,or3-fabius,2026-03-01",
    "NCH-1,SN2,Baxter,Sigma Spectrum,NCH,ICU,Out for repair,,,,3/15/2026",
  ];
  const expected = [
    {
      asset_tag: "LMH-1",
      maker: "Dräger",
      site_id: 1,
      location: "OR 3",
      status: "in_service",
      ip_address: "10.1.0.5",
      mac_address: "00:1A:2B:3C:4D:5E",
      connected: 1,
      last_inventoried_on: "2026-03-01",
    },
    {
      asset_tag: "NCH-1",
      maker: "Baxter",
      site_id: 2,
      location: "ICU",
      status: "out_for_repair",
      ip_address: null,
      mac_address: null,
      connected: 0,
      last_inventoried_on: "2026-03-15",
    },
  ];
  const variants: [string, string, Uint8Array][] = [
    ["UTF-8", "a.csv", utf8([HEADER, ...rows].join("\n"))],
    ["UTF-8 with BOM", "a.csv", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8([HEADER, ...rows].join("\r\n"))])],
    ["Windows-1252", "a.csv", cp1252([HEADER, ...rows].join("\r\n"))],
    [
      "semicolons after title lines",
      "a.csv",
      utf8(["Lakeside CMMS export", "Printed 3/1/2026", "", HEADER.replaceAll(",", ";"), ...rows.map((r) => r.replaceAll(",", ";"))].join("\r\n")),
    ],
    ["tabs", "a.txt", utf8([HEADER, ...rows].map((l) => l.replaceAll(",", "\t")).join("\n"))],
    [
      "UTF-16 with BOM",
      "a.csv",
      new Uint8Array([0xff, 0xfe, ...[...[HEADER, ...rows].join("\r\n")].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]),
    ],
  ];
  test.each(variants)("%s", async (_label, fileName, bytes) => {
    const { db, users } = await inventoryOrg();
    const p = await previewImport(db, users.ceLead, { fileName, bytes, source: "Maximo" });
    expect(p.mappingProblems).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(p.counts.new).toBe(2);
    await commitImport(db, users.ceLead, { fileName, bytes, source: "Maximo" });
    expect(
      db.all(
        sql`select d.asset_tag, m.name as maker, d.site_id, d.location, d.status, d.ip_address, d.mac_address, d.connected, d.last_inventoried_on from devices d join manufacturers m on m.id = d.manufacturer_id order by d.asset_tag`,
      ),
    ).toEqual(expected);
  });

  test("an XLSX workbook with a title row, dates as dates, reads the same and re-imports with 0 changes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Equipment");
    ws.addRow(["Lakeside CMMS equipment export"]);
    ws.addRow(HEADER.split(","));
    for (const r of rows) {
      const cells: (string | Date)[] = r.split(",");
      cells[10] = new Date(`${cells[10] === "3/15/2026" ? "2026-03-15" : cells[10]}T00:00:00Z`);
      ws.addRow(cells);
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { db, users } = await inventoryOrg();
    const p = await previewImport(db, users.ceLead, { fileName: "a.xlsx", bytes, source: "Maximo" });
    expect(p.file).toMatchObject({ kind: "xlsx", headerRow: 2 });
    expect(p.errors).toEqual([]);
    await commitImport(db, users.ceLead, { fileName: "a.xlsx", bytes, source: "Maximo" });
    expect(
      db.all(
        sql`select d.asset_tag, m.name as maker, d.site_id, d.location, d.status, d.ip_address, d.mac_address, d.connected, d.last_inventoried_on from devices d join manufacturers m on m.id = d.manufacturer_id order by d.asset_tag`,
      ),
    ).toEqual(expected);
    const snapshot = inventoryCounts(db);
    expect((await commitImport(db, users.ceLead, { fileName: "a.xlsx", bytes, source: "Maximo" })).importId).toBeNull();
    expect(inventoryCounts(db)).toEqual(snapshot);
  });
});

describe("bad input gets a sentence and writes nothing", () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x00, 0xff, 0xd8]);
  const junk = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251));
  const wide = utf8(`Asset Tag,Site,${Array.from({ length: 9998 }, (_, i) => `C${i}`).join(",")}\r\nA1,LMH\r\n`);
  const wideRow = utf8(`Asset Tag,Site\r\nA1,LMH\r\nA2,LMH,${"x,".repeat(9997)}x\r\n`);
  const fakeXlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("not really a zip")]);
  test.each([
    [
      "a PDF named .csv",
      "inventory.csv",
      pdf,
      "This file is not a CSV or XLSX export (its content is binary). Export the equipment list as CSV or Excel (.xlsx).",
    ],
    ["binary junk", "inventory.csv", junk, "This file is not a CSV or XLSX export (its content is binary). Export the equipment list as CSV or Excel (.xlsx)."],
    ["an empty file", "inventory.csv", new Uint8Array(), "The file is empty: export the equipment list again."],
    ["only blank lines", "inventory.csv", utf8("\r\n\r\n  \r\n"), "The file is empty: export the equipment list again."],
    [
      "one column",
      "inventory.csv",
      utf8("Equipment\nA\nB\n"),
      "No table was found in this file: it needs a header row and at least two columns separated by commas, semicolons or tabs.",
    ],
    ["a header row without rows", "inventory.csv", utf8("Asset Tag,Site\r\n"), "The file has a header row but no devices under it."],
    ["a 10,000-column header", "wide.csv", wide, "Row 1 has 10,000 columns; a CMMS export has at most 1000. Export only the equipment columns."],
    ["a 10,000-column row", "wide.csv", wideRow, "Line 3 has 10,000 columns; a CMMS export has at most 1000. Nothing was imported."],
    ["a damaged workbook", "inventory.xlsx", fakeXlsx, "This file looks like an Excel workbook but could not be opened. Save it again as .xlsx or export CSV."],
  ])("%s", async (_label, fileName, bytes, message) => {
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    const e1 = await refusal(previewImport(db, users.ceLead, { fileName, bytes, source: "Maximo" }));
    expect(e1).toMatchObject({ code: "VALIDATION", message });
    const e2 = await refusal(commitImport(db, users.ceLead, { fileName, bytes, source: "Maximo" }));
    expect(e2.message).toBe(message);
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("an XLSX row with one value in column 16,000 is refused like a 10,000-column CSV line (found by a probe); nothing is written", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Equipment");
    ws.addRow(["Asset Tag", "Site"]);
    ws.addRow(["A1", "LMH"]);
    ws.getCell(3, 1).value = "A2";
    ws.getCell(3, 16_000).value = "x";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    const e = await refusal(previewImport(db, users.ceLead, { fileName: "wide.xlsx", bytes, source: "Maximo" }));
    expect(e).toMatchObject({
      code: "VALIDATION",
      message: "Row 3 has a value in column 16,000; a CMMS export has at most 1000 columns. Nothing was imported.",
    });
    expect((await refusal(commitImport(db, users.ceLead, { fileName: "wide.xlsx", bytes, source: "Maximo" }))).message).toBe(e.message);
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("a file over the size limit (IMPORT_MAX_MB) is refused before it is read", async () => {
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    process.env.IMPORT_MAX_MB = "0.001";
    try {
      const e = await refusal(
        commitImport(db, users.ceLead, {
          fileName: "big.csv",
          bytes: csv(...Array.from({ length: 100 }, (_, i) => `T${i},S,GE,X,LMH,ER,In service,,,,`)),
          source: "Maximo",
        }),
      );
      expect(e.message).toMatch(/^The file is 0\.0 MB; the limit is 0 MB\. Split the export by site\.$/);
    } finally {
      delete process.env.IMPORT_MAX_MB;
    }
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("no source name, an unknown default site, a profile that does not fit", async () => {
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    expect((await refusal(previewImport(db, users.ceLead, { fileName: "a.csv", bytes: csv("A,S,GE,X,LMH,,,,,,"), source: "  " }))).message).toMatch(
      /Name the CMMS/,
    );
    expect(
      (await refusal(previewImport(db, users.ceLead, { fileName: "a.csv", bytes: csv("A,S,GE,X,LMH,,,,,,"), source: "M", defaultSiteId: 99 }))).message,
    ).toBe("The chosen site does not exist.");
    expect(
      (await refusal(previewImport(db, users.ceLead, { fileName: "a.csv", bytes: csv("A,S,GE,X,LMH,,,,,,"), source: "M", profileId: 42 }))).message,
    ).toMatch(/does not fit/);
    expect(inventoryCounts(db)).toEqual(before);
  });

  test("row errors name row, column and problem; formulas are refused; commit writes only the good rows", async () => {
    const { db, users } = await inventoryOrg();
    const bytes = csv(
      "A1,S1,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,10.0.0.300,,,",
      ",S2,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,,,,",
      "A3,S3,GE Healthcare,CARESCAPE B650,Westfield,ICU,In service,,,,",
      "A4,S4,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,,,,2026-02-30",
      "A5,S5,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,,12:34,,",
      "A6,S6,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,,,,",
      "A6,S7,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,,,,",
      'A8,"=HYPERLINK(""http://evil.example"",""click"")",GE Healthcare,CARESCAPE B650,LMH,ICU,In service,,,,',
      "A9,S9,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,10.0.0.9,,,",
    );
    const p = await previewImport(db, users.ceLead, { fileName: "a.csv", bytes, source: "Maximo" });
    expect(p.errors).toEqual([
      { row: 2, column: "IP Address", message: '"10.0.0.300" is not an IP address.' },
      { row: 3, column: "Asset Tag", message: "The asset tag is missing: every device needs one." },
      { row: 4, column: "Site", message: '"Westfield" is not a site of this organization: use a site\'s name or code.' },
      { row: 5, column: "Last Inventory Date", message: '"2026-02-30" is not a date (use YYYY-MM-DD or M/D/YYYY).' },
      { row: 6, column: "MAC", message: '"12:34" is not a MAC address (six pairs of hex digits).' },
      { row: 7, column: "Asset Tag", message: "Asset tag A6 appears 2 times in the file (rows 7, 8): keep one row per device." },
      { row: 8, column: "Asset Tag", message: "Asset tag A6 appears 2 times in the file (rows 7, 8): keep one row per device." },
      {
        row: 9,
        column: "Serial Number",
        message: 'The cell holds a spreadsheet formula (=HYPERLINK("http://evil.example","click"); export the value instead of the formula.',
      },
    ]);
    expect(p.counts).toMatchObject({ rows: 9, new: 1, errors: 8 });
    expect(p.errorRows).toBe(8);
    await commitImport(db, users.ceLead, { fileName: "a.csv", bytes, source: "Maximo" });
    expect(db.all(sql`select asset_tag, ip_address, connected from devices`)).toEqual([{ asset_tag: "A9", ip_address: "10.0.0.9", connected: 1 }]);
  });
});

describe("re-imports: changes with old and new values, full exports, manufacturers and models", () => {
  test("a full export retires no device whose row it lists, even a row with errors this time (found in review); the good rows still commit", async () => {
    const { db, users } = await inventoryOrg();
    const first = csv(
      "A1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service,10.0.0.1,,,",
      "A2,S2,Baxter,Sigma Spectrum,LMH,ICU,In service,,,,",
      "A3,S3,Baxter,Sigma Spectrum,NCH,ER,In service,,,,",
    );
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: first, source: "Maximo" });
    // A2's row now fails a check (an IP that is not one), A3 is gone from the file.
    const second = csv("A1,S1,Baxter,Sigma Spectrum,LMH,PICU,In service,10.0.0.1,,,", "A2,S2,Baxter,Sigma Spectrum,LMH,ICU,In service,999.1.1.1,,,");
    const full = await previewImport(db, users.ceLead, { fileName: "2.csv", bytes: second, source: "Maximo", fullExport: true });
    expect(full.counts).toMatchObject({ changed: 1, missing: 1, errors: 1 });
    expect(full.changes.filter((c) => c.kind === "retire").map((c) => c.assetTag)).toEqual(["A3"]);
    await commitImport(db, users.ceLead, { fileName: "2.csv", bytes: second, source: "Maximo", fullExport: true });
    expect(db.all(sql`select asset_tag, location, status from devices order by asset_tag`)).toEqual([
      { asset_tag: "A1", location: "PICU", status: "in_service" },
      { asset_tag: "A2", location: "ICU", status: "in_service" },
      { asset_tag: "A3", location: "ER", status: "retired" },
    ]);
  });

  test("a changed field is one change with its old and new value in the device's history; a partial export retires nothing; a full export retires what it no longer lists", async () => {
    const { db, sqlite, users } = await inventoryOrg();
    const first = csv(
      "A1,S1,Baxter,Sigma Spectrum,LMH,ICU,In service,10.0.0.1,,,",
      "A2,S2,Baxter,Sigma Spectrum,LMH,ICU,In service,,,,",
      "A3,S3,Baxter,Sigma Spectrum,NCH,ER,In service,,,,",
    );
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: first, source: "Maximo" });
    const second = csv("A1,S1,Baxter,Sigma Spectrum,LMH,PICU,In service,10.0.0.2,,,", "A2,S2,Baxter,Sigma Spectrum,LMH,ICU,In service,,,,");
    const p = await previewImport(db, users.ceLead, { fileName: "2.csv", bytes: second, source: "Maximo" });
    expect(p.counts).toMatchObject({ new: 0, changed: 1, unchanged: 1, missing: 0 });
    expect(p.changes[0]).toMatchObject({
      assetTag: "A1",
      kind: "changed",
      fields: { location: { old: "ICU", new: "PICU" }, ipAddress: { old: "10.0.0.1", new: "10.0.0.2" } },
    });
    const full = await previewImport(db, users.ceLead, { fileName: "2.csv", bytes: second, source: "Maximo", fullExport: true });
    expect(full.counts).toMatchObject({ changed: 1, missing: 1 });
    const r = await commitImport(db, users.ceLead, { fileName: "2.csv", bytes: second, source: "Maximo", fullExport: true });
    expect(r.counts).toMatchObject({ changed: 1, missing: 1 });
    expect(db.all(sql`select asset_tag, location, ip_address, status from devices order by asset_tag`)).toEqual([
      { asset_tag: "A1", location: "PICU", ip_address: "10.0.0.2", status: "in_service" },
      { asset_tag: "A2", location: "ICU", ip_address: null, status: "in_service" },
      { asset_tag: "A3", location: "ER", ip_address: null, status: "retired" },
    ]);
    const events = db.all<{ kind: string; changes: string }>(
      sql`select e.kind, e.changes from device_events e join devices d on d.id = e.device_id where d.asset_tag in ('A1', 'A3') and e.import_id = ${r.importId} order by d.asset_tag`,
    );
    expect(events.map((e) => [e.kind, JSON.parse(e.changes)])).toEqual([
      ["changed", { location: { old: "ICU", new: "PICU" }, ipAddress: { old: "10.0.0.1", new: "10.0.0.2" } }],
      ["retired", { status: { old: "in_service", new: "retired" } }],
    ]);
    // The history of work is append-only.
    expect(() => sqlite.exec("update device_events set kind = 'note'")).toThrow(/append-only/);
    expect(() => sqlite.exec("delete from device_events")).toThrow(/append-only/);
    expect(() => sqlite.exec("delete from devices")).toThrow(/retired, not deleted/);
    expect(() => sqlite.exec("update imports set created_count = 0")).toThrow(/append-only/);
  });

  test("devices are matched by (source, CMMS id) before asset tag: a re-tagged device keeps its history", async () => {
    const { db, users } = await inventoryOrg();
    const h = "Equipment ID,CMMS ID,Site,Model,Manufacturer";
    await commitImport(db, users.ceLead, { fileName: "1.csv", bytes: utf8(`${h}\nOLD-1,900,LMH,X1,Baxter\n`), source: "Maximo" });
    const id = db.get<{ id: number }>(sql`select id from devices where asset_tag = 'OLD-1'`)!.id;
    const p = await previewImport(db, users.ceLead, { fileName: "2.csv", bytes: utf8(`${h}\nNEW-1,900,LMH,X1,Baxter\n`), source: "Maximo" });
    expect(p.counts).toMatchObject({ new: 0, changed: 1 });
    expect(p.changes[0]!.fields).toEqual({ assetTag: { old: "OLD-1", new: "NEW-1" } });
    await commitImport(db, users.ceLead, { fileName: "2.csv", bytes: utf8(`${h}\nNEW-1,900,LMH,X1,Baxter\n`), source: "Maximo" });
    expect(db.get<{ id: number }>(sql`select id from devices where asset_tag = 'NEW-1'`)!.id).toBe(id);
    // The same CMMS id from another CMMS is another device, matched by asset tag only.
    const other = await previewImport(db, users.ceLead, { fileName: "3.csv", bytes: utf8(`${h}\nZ-1,900,LMH,X1,Baxter\n`), source: "AIMS" });
    expect(other.counts).toMatchObject({ new: 1 });
  });

  test("manufacturer spellings: aliases match, a typo is proposed, the person's choice becomes an alias; new models are listed to classify", async () => {
    const { db, users } = await inventoryOrg();
    await commitImport(db, users.ceLead, {
      fileName: "1.csv",
      bytes: csv("A1,S1,Philips,IntelliVue MX450,LMH,ICU,In service,,,,", "A2,S2,GE Healthcare,CARESCAPE B650,LMH,ICU,In service,,,,"),
      source: "Maximo",
    });
    const file = csv(
      "B1,S1,Philips Medical Systems,IntelliVue MX450,LMH,ICU,In service,,,,",
      "B2,S2,PHILIPS ,intellivue  mx450,LMH,ICU,In service,,,,",
      "B3,S3,Phillips,IntelliVue MX450,LMH,ICU,In service,,,,",
      "B4,S4,General Electric (GE),CARESCAPE B650,LMH,ICU,In service,,,,",
      "B5,S5,Stryker,LIFEPAK 15,LMH,ER,In service,,,,",
    );
    const p = await previewImport(db, users.ceLead, { fileName: "2.csv", bytes: file, source: "Maximo" });
    expect(p.unknownManufacturers).toEqual([
      { name: "Phillips", rows: 1, proposal: { id: 1, name: "Philips", level: "similar" }, choice: 1 },
      { name: "Stryker", rows: 1, proposal: null, choice: "new" },
    ]);
    expect(p.modelsToClassify).toEqual([
      expect.objectContaining({ manufacturer: "Philips", model: "IntelliVue MX450", isNew: false, rows: 3 }),
      expect.objectContaining({ manufacturer: "GE Healthcare", model: "CARESCAPE B650", isNew: false, rows: 1 }),
      expect.objectContaining({ manufacturer: "Stryker", model: "LIFEPAK 15", isNew: true, rows: 1 }),
    ]);
    const lifepak = p.modelsToClassify.find((m) => m.model === "LIFEPAK 15")!;
    const r = await commitImport(db, users.ceLead, {
      fileName: "2.csv",
      bytes: file,
      source: "Maximo",
      manufacturerChoices: { Phillips: 1 },
      modelClassChoices: { [lifepak.key]: null },
    });
    expect(r).toMatchObject({ manufacturersCreated: 1, modelsCreated: 1 });
    expect(
      db.all(sql`select d.asset_tag, m.name from devices d join manufacturers m on m.id = d.manufacturer_id where d.asset_tag like 'B%' order by 1`),
    ).toEqual([
      { asset_tag: "B1", name: "Philips" },
      { asset_tag: "B2", name: "Philips" },
      { asset_tag: "B3", name: "Philips" },
      { asset_tag: "B4", name: "GE Healthcare" },
      { asset_tag: "B5", name: "Stryker" },
    ]);
    expect(db.all<{ alias: string }>(sql`select alias from manufacturer_aliases where manufacturer_id = 1 order by alias`).map((a) => a.alias)).toEqual([
      "Philips",
      "Philips Medical Systems",
      "Phillips",
    ]);
    // B1–B4 share one model row per manufacturer (names compared normalised).
    expect(db.get<{ n: number }>(sql`select count(*) as n from device_models`)!.n).toBe(3);
    // Next time "Phillips" is an alias: nothing left to decide.
    expect((await previewImport(db, users.ceLead, { fileName: "2.csv", bytes: file, source: "Maximo" })).unknownManufacturers).toEqual([]);
  });

  test("a mapping saved as a named profile for a source is offered for the next file with the same columns", async () => {
    const { db, users } = await inventoryOrg();
    const before = inventoryCounts(db);
    saveImportProfile(db, users.ceLead, { source: "EWH CMMS", name: "EWH equipment list", mapping: EWH_MAPPING });
    expect(inventoryCounts(db).audit_log - before.audit_log).toBe(1);
    const p = await previewImport(db, users.ceLead, { fileName: "ewh.csv", bytes: EWH, source: "EWH CMMS", defaultSiteId: 1 });
    expect(p.profiles.map((x) => x.name)).toEqual(["EWH equipment list"]);
    expect(p.mapping.Code).toBe("assetTag");
    expect(p.mappingProblems).toEqual([]);
    expect((await previewImport(db, users.ceLead, { fileName: "ewh.csv", bytes: EWH, source: "Other CMMS", defaultSiteId: 1 })).profiles).toEqual([]);
    expect(() => saveImportProfile(db, users.itLead, { source: "EWH CMMS", name: "x", mapping: EWH_MAPPING })).toThrow(AppError);
    expect(() => saveImportProfile(db, users.ceLead, { source: "EWH CMMS", name: "x", mapping: { Code: "password" as never } })).toThrow(/not a field/);
  });
});
