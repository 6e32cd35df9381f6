import type Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { deviceClasses, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { STATUS_LABELS } from "@/lib/rules/raci";
import { archiveDeviceClass } from "@/lib/services/admin/archive-device-class";
import { createDeviceClass } from "@/lib/services/admin/create-device-class";
import { loadActor } from "@/lib/services/auth/load-actor";
import { testDb } from "@/tests/test-db";
import { MATRIX_HEADER, SIGNATURE_HEADER, buildRaciExport, exportFileName, toCsv, toXlsx } from "./export-raci";
import { raciExportResponse } from "./export-response";
import { getRaciClass } from "./get-raci-class";
import { loadActivities, loadParties } from "./raci-records";
import { setRaciCell } from "./set-raci-cell";

let db: Db;
let sqlite: Database.Database;
let auditor: Actor;
let admin: Actor;
const EVIL = '=HYPERLINK("http://evil.example/steal","Click me")';
const EVIL_CHILD = "+cmd|' /C calc'!A0";

const actorFor = (email: string): Actor => {
  const id = db.select().from(users).where(eq(users.email, email)).get()!.id;
  const { active: _a, ...actor } = loadActor(db, id)!;
  return actor;
};
const classId = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;
const col = (name: (typeof MATRIX_HEADER)[number]) => MATRIX_HEADER.indexOf(name);
const sigCol = (name: (typeof SIGNATURE_HEADER)[number]) => SIGNATURE_HEADER.indexOf(name);

/** Statements executed on the better-sqlite3 handle while `fn` runs. */
function countExecuted<T>(fn: () => T): number {
  const original = sqlite.prepare;
  let executed = 0;
  sqlite.prepare = function (this: Database.Database, source: string) {
    const stmt = original.call(this, source) as Database.Statement;
    for (const m of ["run", "get", "all", "iterate", "values"] as const) {
      const f = (stmt as unknown as Record<string, unknown>)[m];
      if (typeof f !== "function") continue;
      (stmt as unknown as Record<string, unknown>)[m] = function (this: unknown, ...args: unknown[]) {
        executed++;
        return (f as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
    return stmt;
  } as typeof sqlite.prepare;
  try {
    fn();
    return executed;
  } finally {
    sqlite.prepare = original;
  }
}

beforeAll(async () => {
  ({ db, sqlite } = testDb());
  await seedDemoIfEmpty(db);
  auditor = actorFor("auditor@lakeside.example");
  admin = actorFor("admin@lakeside.example");
});

describe("RACI export on the demo organization", () => {
  test("the CSV starts with the matrix header and has a signatures section with its own header", () => {
    const csv = toCsv(buildRaciExport(db, auditor));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("Device class,Activity,CSF 2.0,Party,Letter,Meaning,Source,Class status");
    const at = lines.indexOf("Signatures");
    expect(at).toBeGreaterThan(1);
    expect(lines[at - 1]).toBe("");
    expect(lines[at + 1]).toBe("Device class,Version,Version status,Signer (printed name),Meaning,Kind,Signed at (UTC),Verification");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  test("PACS servers: the security office's override is marked 'overridden here'; other letters say where they come from", () => {
    const { matrix } = buildRaciExport(db, auditor);
    const pacs = matrix.filter((r) => r[col("Device class")] === "PACS servers");
    const monitoring = pacs.find((r) => r[col("Activity")]!.startsWith("Monitor device traffic") && r[col("Party")] === "Information Security");
    expect(monitoring).toEqual([
      "PACS servers",
      "Monitor device traffic for anomalies",
      "DE.CM-01 DE.CM-09",
      "Information Security",
      "A",
      "Accountable",
      "overridden here",
      STATUS_LABELS.effective,
    ]);
    expect(pacs.some((r) => r[col("Source")] === "inherited from template")).toBe(true);
    // A child class sees its parent's override as inherited from that parent, not from the template.
    const ct = matrix.find(
      (r) => r[col("Device class")] === "CT scanners" && r[col("Activity")]!.startsWith("Device credentials") && r[col("Party")] === "OEM (Manufacturer)",
    );
    expect(ct?.[col("Letter")]).toBe("R");
    expect(ct?.[col("Source")]).toBe("inherited from Imaging modalities");
    expect(ct?.[col("Class status")]).toBe(STATUS_LABELS.changes_pending);
  });

  test("each class's status in the export is the one its RACI page shows", () => {
    const { matrix } = buildRaciExport(db, auditor);
    const byClass = new Map(matrix.map((r) => [r[col("Device class")]!, r[col("Class status")]!]));
    expect(byClass.size).toBeGreaterThan(10);
    for (const [name, status] of byClass) expect(status, name).toBe(STATUS_LABELS[getRaciClass(db, auditor, classId(name)).status]);
  });

  test("Ventilators alone: its letters and its signatures (each lead, then the leadership approval), all valid", () => {
    const e = buildRaciExport(db, auditor, { classId: classId("Ventilators") });
    expect(e.scopeName).toBe("Ventilators");
    expect(new Set(e.matrix.map((r) => r[col("Device class")]))).toEqual(new Set(["Ventilators"]));
    expect(e.signatures.length).toBeGreaterThanOrEqual(3);
    for (const s of e.signatures) {
      expect(s[sigCol("Device class")]).toBe("Ventilators");
      expect(s[sigCol("Version")]).toBe("1");
      expect(s[sigCol("Version status")]).toBe("effective");
      expect(s[sigCol("Verification")]).toBe("valid");
      expect(s[sigCol("Signed at (UTC)")]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(e.signatures.map((s) => s[sigCol("Meaning")])).toContain("Accepts accountability");
    expect(e.signatures.find((s) => s[sigCol("Meaning")] === "Approved")?.[sigCol("Signer (printed name)")]).toBe("Dana Whitfield");
    expect(toCsv(e)).toContain("Dana Whitfield,Approved,signature");
    // PCA pumps is in review with one signature so far: listed with its version's status.
    const pca = buildRaciExport(db, auditor, { classId: classId("PCA pumps") });
    expect(pca.signatures).toHaveLength(1);
    expect(pca.signatures[0]![sigCol("Version status")]).toBe("in review");
  });

  test("the whole organization costs the same number of queries with more classes", () => {
    const before = countExecuted(() => buildRaciExport(db, auditor));
    createDeviceClass(db, admin, {
      name: "Query-count probe",
      description: "",
      regulated: "yes",
      fdaClass: null,
      connectivity: "wired",
      remoteVendorAccess: false,
      storesPhi: false,
      lifeSustaining: false,
      criticality: "low",
      parentId: classId("Ventilators"),
    });
    const after = countExecuted(() => buildRaciExport(db, auditor));
    expect(after).toBe(before);
    expect(before).toBeLessThanOrEqual(10);
  });
});

describe("formula injection", () => {
  let evilId: number;
  beforeAll(() => {
    const base = {
      description: "",
      regulated: "yes" as const,
      fdaClass: null,
      connectivity: "wired" as const,
      remoteVendorAccess: false,
      storesPhi: false,
      lifeSustaining: false,
      criticality: "low" as const,
    };
    evilId = createDeviceClass(db, admin, { ...base, name: EVIL, parentId: null }).id;
    createDeviceClass(db, admin, { ...base, name: EVIL_CHILD, parentId: evilId });
    // An override on the parent, so the child's row names it as the source of an inherited letter.
    const recalls = loadActivities(db).find((a) => a.name.startsWith("Handle recalls"))!.id;
    const oem = loadParties(db).find((p) => p.name === "OEM (Manufacturer)")!.id;
    setRaciCell(db, admin, { scope: evilId, activityId: recalls, partyId: oem, letter: "R", expectedRevision: 0 });
  });

  test("CSV: a class name a spreadsheet would run gets a leading apostrophe, then RFC 4180 quoting", () => {
    const csv = toCsv(buildRaciExport(db, auditor));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/steal"",""Click me"")",`);
    expect(csv).toContain("'+cmd|' /C calc'!A0,");
    // Inherited rows name the parent class: escaped too, even mid-cell it stays inert text.
    expect(csv).toContain(`"inherited from =HYPERLINK(""http://evil.example/steal"",""Click me"")"`);
    for (const line of csv.split("\r\n")) expect(line).not.toMatch(/^"?[=+\-@\t\r]/);
  });

  test("XLSX: two sheets, Matrix and Signatures; the same names are stored as text with the apostrophe, never as formulas", async () => {
    const wb = new ExcelJS.Workbook();
    const file = await toXlsx(buildRaciExport(db, auditor, { classId: evilId }));
    await wb.xlsx.load(file as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Matrix", "Signatures"]);
    const matrix = wb.getWorksheet("Matrix")!;
    expect(matrix.getRow(1).values).toEqual([undefined, ...MATRIX_HEADER]);
    const first = matrix.getRow(2).getCell(1);
    expect(first.type).toBe(ExcelJS.ValueType.String);
    expect(first.value).toBe(`'${EVIL}`);
    expect(wb.getWorksheet("Signatures")!.getRow(1).values).toEqual([undefined, ...SIGNATURE_HEADER]);
  });
});

describe("scope, errors and files", () => {
  test("an unknown class is not found; an archived class leaves the organization export but can still be exported alone", () => {
    expect(() => buildRaciExport(db, auditor, { classId: 999_999 })).toThrowError(expect.objectContaining({ code: "NOT_FOUND" }));
    const base = {
      description: "",
      regulated: "yes" as const,
      fdaClass: null,
      connectivity: "wired" as const,
      remoteVendorAccess: false,
      storesPhi: false,
      lifeSustaining: false,
      criticality: "low" as const,
    };
    const id = createDeviceClass(db, admin, { ...base, name: "Retired nurse-call bridges", parentId: null }).id;
    archiveDeviceClass(db, admin, { id, archived: true });
    expect(buildRaciExport(db, auditor).matrix.some((r) => r[0] === "Retired nurse-call bridges")).toBe(false);
    expect(buildRaciExport(db, auditor, { classId: id }).matrix.length).toBeGreaterThan(0);
  });

  test("a user without a role that reads RACI is refused", () => {
    const nobody: Actor = { ...auditor, roles: [] };
    expect(() => buildRaciExport(db, nobody)).toThrowError(AppError);
    expect(() => buildRaciExport(db, nobody)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  test("the response: attachment named after the class and the UTC date, never cached; an unknown format is refused in a sentence", async () => {
    const now = new Date("2026-03-04T23:30:00Z");
    const res = await raciExportResponse(db, auditor, "csv", { classId: classId("PACS servers") }, now);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="clearline-raci-pacs-servers-2026-03-04.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await res.text()).split("\r\n")[0]).toBe(MATRIX_HEADER.join(","));
    const xlsx = await raciExportResponse(db, auditor, "xlsx", {}, now);
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="clearline-raci-organization-2026-03-04.xlsx"');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    await expect(raciExportResponse(db, auditor, "pdf")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/format=csv.*format=xlsx/),
    });
    await expect(raciExportResponse(db, auditor, null)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  test.each([
    ["PACS servers", "clearline-raci-pacs-servers-2026-01-02.csv"],
    ["Infusion pumps — large-volume", "clearline-raci-infusion-pumps-large-volume-2026-01-02.csv"],
    ["Pompes à perfusion", "clearline-raci-pompes-a-perfusion-2026-01-02.csv"],
    [EVIL, "clearline-raci-hyperlink-http-evil-example-steal-click-me-2026-01-02.csv"],
    ["***", "clearline-raci-export-2026-01-02.csv"],
  ])("file name for %j", (scope, name) => expect(exportFileName(scope, "csv", new Date("2026-01-02T12:00:00Z"))).toBe(name));
});
