import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { responsibilityRows } from "@/lib/rules/dashboard";
import { escapeSpreadsheetText } from "@/lib/rules/spreadsheet";
import { getDashboard, type DashboardData } from "./get-dashboard";
import { getRiskFigures } from "./get-risk-figures";
import { riskExportSheet } from "./risk-export-sheet";
import { clock } from "@/lib/clock";

type Cell = string | number | null;

const CADENCE_WORDS = { met: "Met", due: "Due soon", overdue: "Overdue" } as const;
const cadence = (s: keyof typeof CADENCE_WORDS | null) => (s ? CADENCE_WORDS[s] : "Not applicable");
const ASSESSMENT_STATUS_WORDS: Record<string, string> = { in_progress: "In progress", in_review: "In review", approved: "Approved" };

/** "clearline-dashboard-northshore-community-hospital-2026-11-29.xlsx"; the organization is "organization". */
export function dashboardExportFileName(data: Pick<DashboardData, "scope" | "today">): string {
  const slug =
    data.scope.siteId == null
      ? "organization"
      : data.scope.siteName
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "") || `site-${data.scope.siteId}`;
  return `clearline-dashboard-${slug}-${data.today}.xlsx`;
}

/** The sheets of the export as rows, in the order they appear on the dashboard: scope and date first on each. */
export function dashboardExportSheets(data: DashboardData): { name: string; rows: Cell[][] }[] {
  const head: Cell[][] = [["Scope", data.scope.siteName], ["As of", data.today], []];
  const r = data.responsibilities;
  const a = data.assessments;
  const d = data.drills;
  return [
    {
      name: "Responsibilities",
      rows: [
        ...head,
        ["Note", "RACI matrices are kept per device class for the whole organization: these figures do not depend on the site."],
        [],
        ["Figure", "Device classes"],
        ...responsibilityRows(r).flatMap((row, i) => (i === 0 ? [row, ["Share with an effective signed RACI (%)", r.signedPct] as Cell[]] : [row])),
      ],
    },
    {
      name: "Assessments",
      rows: [
        ...head,
        ["Latest approved assessment", a.latest?.name ?? "None approved"],
        ["Approved on", a.latest?.approvedAt?.slice(0, 10) ?? null],
        ["Signed by", a.latest?.signature?.name ?? null],
        ["Signature meaning", a.latest?.signature?.meaning ?? null],
        ["Signed at (UTC)", a.latest?.signature?.at ?? null],
        ["Previous approved assessment", a.previous?.name ?? "None"],
        ["Previous approved on", a.previous?.approvedAt?.slice(0, 10) ?? null],
        [],
        ["Function", "Current", "Target", "Gap", "Change since previous approved"],
        ...a.functions.map((f): Cell[] => [`${f.name} (${f.id})`, f.current, f.target, f.gap, f.change]),
        ...(a.latest ? [["Overall", a.latest.overall.current, a.latest.overall.target, a.latest.overall.gap, null] as Cell[]] : []),
        [],
        ["Assessments in progress", "Status", "Due date", "Answered", "Of", "Progress (%)"],
        ...a.inProgress.map((x): Cell[] => [x.name, ASSESSMENT_STATUS_WORDS[x.status] ?? x.status, x.dueDate, x.answered, x.total, x.pct]),
      ],
    },
    {
      name: "Drills",
      rows: [
        ...head,
        ["Site", "CMS", "Joint Commission", "Rules due soon", "Rules overdue"],
        ...d.sites.map((s): Cell[] => [s.siteName, cadence(s.cms), cadence(s.jointCommission), s.dueRules, s.overdueRules]),
        [],
        ["Site", "Rule", "Status", "Explanation"],
        ...d.cadence.flatMap((s) => s.results.map((x): Cell[] => [s.siteName, x.ruleName, cadence(x.state), x.sentence])),
      ],
    },
    {
      name: "Items by party",
      rows: [
        ...head,
        ["Owner party", "Open", "Overdue"],
        ...d.items.byParty.map((p): Cell[] => [p.party, p.open, p.overdue]),
        ["All parties", d.items.open, d.items.overdue],
      ],
    },
    {
      name: "Plans",
      rows: [
        ...head,
        ["Response plans in scope", d.plans.total],
        ["With review overdue", d.plans.reviewOverdue.length],
        ["With acknowledgements missing", d.plans.acknowledgementsMissing.length],
        [],
        ["Plan", "Review overdue", "Acknowledgements missing"],
        ...mergePlans(d.plans).map((p): Cell[] => [p.title, p.reviewOverdue ? "Yes" : "No", p.missing]),
        [],
        ["Approved plan version", "Version", "Signed by", "Meaning", "Signed at (UTC)"],
        ...data.planSignatures.map((p): Cell[] => [p.title, p.versionNo, p.signature?.name ?? null, p.signature?.meaning ?? null, p.signature?.at ?? null]),
        [],
        ["Recent approved after-action report", "Approved at (UTC)", "Signed by", "Meaning"],
        ...d.recentAars.map((x): Cell[] => [x.title, x.approvedAt, x.signature?.name ?? null, x.signature?.meaning ?? null]),
      ],
    },
  ];
}

function mergePlans(p: DashboardData["drills"]["plans"]) {
  const byId = new Map<number, { title: string; reviewOverdue: boolean; missing: number }>();
  for (const x of p.reviewOverdue) byId.set(x.id, { title: x.title, reviewOverdue: true, missing: 0 });
  for (const x of p.acknowledgementsMissing) byId.set(x.id, { title: x.title, reviewOverdue: byId.get(x.id)?.reviewOverdue ?? false, missing: x.missing });
  return [...byId.values()];
}

/**
 * Every figure of the leadership dashboard for a scope as an XLSX workbook, one sheet per section. Text is
 * formula-escaped (CWE-1236); numbers stay numbers. A site outside a site-scoped actor's reach is "not found".
 */
export async function exportDashboard(
  db: Db,
  actor: Actor,
  opts: { siteId: number | null },
  now = clock.now(),
): Promise<{ fileName: string; body: Uint8Array<ArrayBuffer> }> {
  assertCan(actor, "dashboard.read");
  let data: DashboardData;
  try {
    data = getDashboard(db, actor, { siteId: opts.siteId }, now);
  } catch (e) {
    // A read outside the actor's scope answers "not found", as for any other record.
    if (e instanceof AppError && e.code === "FORBIDDEN" && opts.siteId != null && actor.siteId != null) throw notFound("site");
    throw e;
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = "Clearline";
  wb.created = now;
  const risk = riskExportSheet(
    [["Scope", data.scope.siteName], ["As of", data.today], []],
    getRiskFigures(db, actor, { siteId: data.scope.siteId }, data.today),
  );
  for (const sheet of [...dashboardExportSheets(data), ...(risk ? [risk] : [])]) {
    const ws = wb.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row.map((c) => (typeof c === "string" ? escapeSpreadsheetText(c) : c)));
    ws.getColumn(1).width = 48;
    for (let i = 2; i <= 6; i++) ws.getColumn(i).width = 20;
    for (const n of [1, 2]) ws.getRow(n).font = { bold: true };
  }
  return { fileName: dashboardExportFileName(data), body: new Uint8Array(await wb.xlsx.writeBuffer()) };
}
