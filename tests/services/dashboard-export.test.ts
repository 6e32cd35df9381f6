import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { assessments, parties, sites, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { exportDashboard } from "@/lib/services/dashboard/export-dashboard";
import { listActionItems } from "@/lib/services/action-items/list-action-items";
import { parseDashboardSite } from "@/lib/validation/dashboard";
import { demoDb } from "../test-db";
import { clock } from "@/lib/clock";

let db: Db;
const who: Record<string, Actor> = {};
const now = clock.now();
const today = now.toISOString().slice(0, 10);

const siteId = (name: string) => db.select().from(sites).where(eq(sites.name, name)).get()!.id;

async function read(body: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(body) as unknown as ArrayBuffer);
  return wb;
}
/** A sheet's rows as plain arrays of cell values (1-based columns dropped). */
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

describe("the dashboard XLSX export", () => {
  beforeEach(async () => {
    db = (await demoDb(now)).db;
    for (const u of db.select().from(users).all()) {
      const { active: _a, ...actor } = loadActor(db, u.id)!;
      who[u.email.split("@")[0]!] = actor;
    }
  });

  test("has one sheet per section, scope and date first, and the dashboard's figures", async () => {
    const { fileName, body } = await exportDashboard(db, who["cio"]!, { siteId: null }, now);
    expect(fileName).toBe(`clearline-dashboard-organization-${today}.xlsx`);
    expect(Buffer.from(body.subarray(0, 2)).toString("latin1")).toBe("PK");
    const wb = await read(body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Responsibilities", "Assessments", "Drills", "Items by party", "Plans", "Vulnerabilities and patches"]);
    for (const ws of wb.worksheets) {
      expect(rowsOf(ws).slice(0, 2)).toEqual([
        ["Scope", "Whole organization"],
        ["As of", today],
      ]);
    }
    const d = getDashboard(db, who["cio"]!, {}, now);
    const resp = rowsOf(wb.getWorksheet("Responsibilities")!);
    expect(resp).toContainEqual(["With an effective signed RACI", d.responsibilities.signed]);
    expect(resp).toContainEqual(["In review", d.responsibilities.inReview]);
    expect(resp).toContainEqual(["All device classes", d.responsibilities.total]);
    const drills = rowsOf(wb.getWorksheet("Drills")!);
    for (const s of d.drills.sites)
      expect(drills).toContainEqual([
        s.siteName,
        expect.stringMatching(/^(Met|Due soon|Overdue|Not applicable)$/),
        expect.any(String),
        s.dueRules,
        s.overdueRules,
      ]);
    const items = rowsOf(wb.getWorksheet("Items by party")!);
    expect(items).toContainEqual(["All parties", d.drills.items.open, d.drills.items.overdue]);
    const scores = rowsOf(wb.getWorksheet("Assessments")!);
    const govern = d.assessments.functions.find((f) => f.id === "GV")!;
    // The change is empty without a previous approved assessment (ExcelJS drops trailing empty cells).
    expect(scores.find((r) => r[0] === "Govern (GV)")).toEqual(["Govern (GV)", govern.current, govern.target, govern.gap]);
    // The demo's dates are relative to the day it is seeded: the expected due date is read from the seeded row.
    const fy2027 = db.select().from(assessments).where(eq(assessments.name, "FY2027 medical device CSF assessment")).get()!;
    // 20 of 106 is 19% here as on the dashboard and the board report (one rounding rule, lib/rules/percent.ts).
    expect(scores).toContainEqual(["FY2027 medical device CSF assessment", "In progress", fy2027.dueDate, 20, 106, 19]);
  });

  test("text that a spreadsheet would run as a formula is escaped; numbers stay numbers", async () => {
    const it = db.select().from(parties).where(eq(parties.name, "IT Infrastructure")).get()!;
    db.update(parties).set({ name: '=HYPERLINK("http://x.example","IT")' }).where(eq(parties.id, it.id)).run();
    const wb = await read((await exportDashboard(db, who["cio"]!, { siteId: null }, now)).body);
    const row = rowsOf(wb.getWorksheet("Items by party")!).find((r) => String(r[0]).includes("HYPERLINK"))!;
    expect(row[0]).toBe('\'=HYPERLINK("http://x.example","IT")');
    expect(typeof row[1]).toBe("number");
  });

  test("one site: its name in the file name and on every sheet; items counted as the /actions?site= list counts them", async () => {
    const ns = siteId("Northshore Community Hospital");
    const { fileName, body } = await exportDashboard(db, who["cio"]!, { siteId: ns }, now);
    expect(fileName).toBe(`clearline-dashboard-northshore-community-hospital-${today}.xlsx`);
    const wb = await read(body);
    expect(rowsOf(wb.getWorksheet("Plans")!)[0]).toEqual(["Scope", "Northshore Community Hospital"]);
    const d = getDashboard(db, who["cio"]!, { siteId: ns }, now);
    const listed = listActionItems(db, who["cio"]!, { siteId: ns, status: "not_closed" }, now);
    expect(listed.length).toBe(d.drills.items.open);
    expect(listed.filter((i) => i.overdue).length).toBe(d.drills.items.overdue);
    for (const p of d.drills.items.byParty)
      expect(listActionItems(db, who["cio"]!, { siteId: ns, partyId: p.partyId, status: "not_closed" }, now).length).toBe(p.open);
  });

  test("a site-scoped leader exports their own site only; another site is not found, and nothing else changes", async () => {
    const ns = siteId("Northshore Community Hospital");
    const nora: Actor = { ...who["cio"]!, siteId: ns };
    expect((await exportDashboard(db, nora, { siteId: null }, now)).fileName).toContain("northshore-community-hospital");
    expect((await exportDashboard(db, nora, { siteId: ns }, now)).fileName).toContain("northshore-community-hospital");
    await expect(exportDashboard(db, nora, { siteId: siteId("Lakeside Main Hospital") }, now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportDashboard(db, who["cio"]!, { siteId: 99999 }, now)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("every role may export; an account without a role may not", async () => {
    for (const k of ["admin", "auditor", "assessor", "it.lead"])
      await expect(exportDashboard(db, who[k]!, { siteId: null }, now)).resolves.toHaveProperty("fileName");
    await expect(exportDashboard(db, { ...who["auditor"]!, roles: [] }, { siteId: null }, now)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the dashboard's site parameter", () => {
  test.each([
    [undefined, { siteId: null }],
    ["", { siteId: null }],
    ["2", { siteId: 2 }],
    [["3", "4"], { siteId: 3 }],
  ])("%j → %j", (raw, expected) => {
    expect(parseDashboardSite(raw)).toEqual(expected);
  });
  // Read as the dashboard and the board report read it (found by a probe: "0x1" exported site 1, "abc" was "not found").
  test.each(["0", "-1", "2.5", "abc", "99999999999", "0x1", "1e0"])("%j is refused with the pages' sentence", (raw) => {
    expect(parseDashboardSite(raw)).toEqual({
      problem: expect.stringMatching(/^Site ".+" is not a valid choice\. Nothing was exported: correct the filter and export again\.$/),
    });
  });
});
