import type { Metadata } from "next";
import { parseQuery } from "@/lib/server/route-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { getOrganization } from "@/lib/services/admin/list-org";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { dashboardQuery } from "@/lib/validation/dashboard";
import { QueryProblems } from "@/components/ui/query-problems";
import { getDb } from "@/lib/server/db";
import { PrintButton } from "@/components/raci/print-button";
import { formatUtc } from "@/components/signatures/signature-list";
import { siteQuery } from "@/components/dashboard/labels";
import { AssessmentsBoardSection, DrillsBoardSection, SignaturesBoardSection } from "@/components/dashboard/board-sections";
import { PrintCell, PrintRowHeader, PrintSheet, PrintTable, printClasses } from "@/components/ui/print-table";
import { responsibilityRows } from "@/lib/rules/dashboard";
import { clock } from "@/lib/clock";
import { can } from "@/lib/auth/permissions";
import { getInventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { InventoryBoardSection } from "@/components/inventory/inventory-board-section";
import { RiskBoardSection } from "@/components/dashboard/risk-board-section";
import { getRiskFigures } from "@/lib/services/dashboard/get-risk-figures";

export const metadata: Metadata = { title: "Board report — print" };

/**
 * The board report: the dashboard's figures for one scope as tables, with the signatures of the approved
 * documents behind them (21 CFR 11.50: printed name, date and time, meaning). Laid out for A4 and Letter:
 * `@page` leaves the paper size to the printer and 15 mm margins, and nothing is wider than 180 mm.
 */
export default async function BoardReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const { query, problems } = parseQuery(dashboardQuery, await searchParams);
  const requested = query.site ?? null;
  const db = await getDb();
  let data;
  try {
    data = getDashboard(db, actor, { siteId: requested });
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
  const orgName = getOrganization(db, actor)?.name ?? "Your organization";
  const inventory = can(actor, "inventory.read") ? getInventorySummary(db, actor, { siteId: data.scope.siteId }, data.today) : null;
  const { scope, responsibilities: r, assessments: a, drills: d } = data;
  const scopeName = scope.siteId == null ? "the whole organization" : scope.siteName;
  const { cell, th, num, h2, h3 } = printClasses;
  const signatures = [
    ...(a.latest?.signature ? [{ key: `a${a.latest.id}`, document: `CSF assessment: ${a.latest.name}`, ...a.latest.signature }] : []),
    ...data.planSignatures
      .filter((p) => p.signature)
      .map((p) => ({ key: `p${p.versionId}`, document: `Response plan: ${p.title}, version ${p.versionNo}`, ...p.signature! })),
    ...d.recentAars.filter((x) => x.signature).map((x) => ({ key: `d${x.drillId}`, document: `After-action report: ${x.title}`, ...x.signature! })),
  ];

  return (
    <PrintSheet className="print:text-[10.5px]">
      <div className="no-print mb-4 flex items-center justify-between gap-3 print:hidden">
        <Link href={`/dashboard${siteQuery(scope.siteId)}`} className="text-sm">
          Back to the dashboard
        </Link>
        <PrintButton />
      </div>
      <div className="print:hidden">
        <QueryProblems problems={problems} />
      </div>

      <header className="mb-2 border-b border-slate-300 pb-3 print:border-black">
        <p className="text-xs uppercase tracking-wide text-slate-600 print:text-black">Medical device cybersecurity governance</p>
        <h1 className="text-xl font-semibold">Board report — {orgName}</h1>
        <p>
          Scope: <strong>{scope.siteName}</strong> · As of <time dateTime={data.today}>{data.today}</time> · Printed {formatUtc(clock.now().toISOString())}
        </p>
      </header>

      <section aria-labelledby="board-responsibilities">
        <h2 id="board-responsibilities" className={h2}>
          Responsibilities
        </h2>
        <p className="mb-1">
          <strong>{r.signedPct}%</strong> of device classes have an effective signed RACI ({r.signed} of {r.total}).
          {scope.siteId != null && " RACI matrices are kept for the whole organization, so these figures are organization-wide."}
        </p>
        <PrintTable caption="Device classes by RACI status" keepTogether columns={["Device classes", { label: "Number", align: "right", className: "w-24" }]}>
          {responsibilityRows(r).map(([label, n]) => (
            <tr key={label}>
              <PrintRowHeader>{label}</PrintRowHeader>
              <PrintCell align="right">{n}</PrintCell>
            </tr>
          ))}
        </PrintTable>
      </section>

      <AssessmentsBoardSection assessments={a} scopeName={scopeName} />

      {inventory && <InventoryBoardSection summary={inventory} scopeName={scopeName} classes={{ h2, th, cell, num }} />}
      <RiskBoardSection figures={getRiskFigures(db, actor, { siteId: scope.siteId }, data.today)} scopeName={scopeName} classes={{ h2, h3, th, cell, num }} />

      <DrillsBoardSection drills={d} today={data.today} />

      <SignaturesBoardSection signatures={signatures} />
    </PrintSheet>
  );
}
