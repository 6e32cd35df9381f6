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
import { FunctionScoreChart } from "@/components/dashboard/dashboard-view";
import { cadenceWord, changeText, dateOf, scoreText, siteQuery } from "@/components/dashboard/labels";
import { SignedTime } from "@/components/ui/signed-time";
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

      <section aria-labelledby="board-assessments">
        <h2 id="board-assessments" className={h2}>
          Assessments
        </h2>
        {a.latest ? (
          <>
            <p className="mb-1">
              NIST CSF 2.0, {scopeName}: latest approved assessment <strong>{a.latest.name}</strong>, approved {dateOf(a.latest.approvedAt)}
              {a.latest.signature ? ` by ${a.latest.signature.name}` : ""}. Overall current {scoreText(a.latest.overall.current)} against target{" "}
              {scoreText(a.latest.overall.target)} (gap {scoreText(a.latest.overall.gap)}).{" "}
              {a.previous
                ? `Changes are against ${a.previous.name}, approved ${dateOf(a.previous.approvedAt)}.`
                : "There is no earlier approved assessment to compare with."}
            </p>
            <div className="break-inside-avoid">
              <FunctionScoreChart id="board-scores" assessments={a} />
            </div>
            <PrintTable
              caption="Score per function"
              keepTogether
              className="mt-2"
              columns={["Function", ...["Current", "Target", "Gap", "Change since previous approved"].map((label) => ({ label, align: "right" as const }))]}
            >
              {a.functions.map((f) => (
                <tr key={f.id}>
                  <PrintRowHeader>
                    {f.name} ({f.id})
                  </PrintRowHeader>
                  <PrintCell align="right">{scoreText(f.current)}</PrintCell>
                  <PrintCell align="right">{scoreText(f.target)}</PrintCell>
                  <PrintCell align="right">{scoreText(f.gap)}</PrintCell>
                  <PrintCell align="right">{changeText(f.change)}</PrintCell>
                </tr>
              ))}
            </PrintTable>
          </>
        ) : (
          <p>No assessment of {scopeName} has been approved yet.</p>
        )}
        <h3 className={h3}>In progress</h3>
        {a.inProgress.length === 0 ? (
          <p>None.</p>
        ) : (
          <PrintTable caption="Assessments in progress" keepTogether columns={["Assessment", "Due", { label: "Answered", align: "right" }]}>
            {a.inProgress.map((x) => (
              <tr key={x.id}>
                <PrintCell>{x.name}</PrintCell>
                <PrintCell>{x.dueDate ?? "—"}</PrintCell>
                <PrintCell align="right">
                  {x.answered} of {x.total} ({x.pct}%)
                </PrintCell>
              </tr>
            ))}
          </PrintTable>
        )}
      </section>

      {inventory && <InventoryBoardSection summary={inventory} scopeName={scopeName} classes={{ h2, th, cell, num }} />}
      <RiskBoardSection figures={getRiskFigures(db, actor, { siteId: scope.siteId }, data.today)} scopeName={scopeName} classes={{ h2, h3, th, cell, num }} />

      <section aria-labelledby="board-drills">
        <h2 id="board-drills" className={h2}>
          Drills and exercises
        </h2>
        <p className="mb-1">
          Exercise cadence over the rolling 12 months ending {data.today} (CMS 42 CFR 482.15(d)(2), Joint Commission EM standards, each plan&apos;s own
          interval). “Due soon”: met today, lapsing within 60 days.
        </p>
        <PrintTable
          caption="Exercise cadence by site"
          keepTogether
          columns={["Site", "CMS", "Joint Commission", { label: "Rules due soon", align: "right" }, { label: "Rules overdue", align: "right" }]}
        >
          {d.sites.map((s) => (
            <tr key={s.siteId}>
              <PrintRowHeader>{s.siteName}</PrintRowHeader>
              <PrintCell>{cadenceWord(s.cms)}</PrintCell>
              <PrintCell>{cadenceWord(s.jointCommission)}</PrintCell>
              <PrintCell align="right">{s.dueRules}</PrintCell>
              <PrintCell align="right">{s.overdueRules}</PrintCell>
            </tr>
          ))}
        </PrintTable>

        <h3 className={h3}>Response plans ({d.plans.total} in scope)</h3>
        <p>
          Review overdue: {d.plans.reviewOverdue.length === 0 ? "none." : d.plans.reviewOverdue.map((p) => p.title).join("; ") + "."}
          <br />
          Acknowledgements missing:{" "}
          {d.plans.acknowledgementsMissing.length === 0
            ? "none."
            : d.plans.acknowledgementsMissing.map((p) => `${p.title} (${p.missing} missing)`).join("; ") + "."}
        </p>

        <h3 className={h3}>Improvement items by owner party</h3>
        {d.items.byParty.length === 0 ? (
          <p>No open improvement item.</p>
        ) : (
          <PrintTable
            caption="Open and overdue improvement items by owner party"
            keepTogether
            columns={["Owner party", { label: "Open", align: "right", className: "w-24" }, { label: "Overdue", align: "right", className: "w-24" }]}
          >
            {d.items.byParty.map((p) => (
              <tr key={p.partyId}>
                <PrintRowHeader>{p.party}</PrintRowHeader>
                <PrintCell align="right">{p.open}</PrintCell>
                <PrintCell align="right">{p.overdue}</PrintCell>
              </tr>
            ))}
            <tr>
              <PrintRowHeader strong>All parties</PrintRowHeader>
              <PrintCell align="right" className="font-semibold">
                {d.items.open}
              </PrintCell>
              <PrintCell align="right" className="font-semibold">
                {d.items.overdue}
              </PrintCell>
            </tr>
          </PrintTable>
        )}
      </section>

      <section aria-labelledby="board-signatures">
        <h2 id="board-signatures" className={h2}>
          Signatures of the underlying approved documents
        </h2>
        {signatures.length === 0 ? (
          <p>No approved document in this scope carries a signature yet.</p>
        ) : (
          <>
            <PrintTable caption="Signatures of the underlying approved documents" columns={["Document", "Printed name", "Meaning", "Date and time (UTC)"]}>
              {signatures.map((s) => (
                <tr key={s.key}>
                  <PrintCell>{s.document}</PrintCell>
                  <PrintCell className="whitespace-nowrap">{s.name}</PrintCell>
                  <PrintCell>{s.meaning}</PrintCell>
                  <PrintCell className="whitespace-nowrap">
                    <SignedTime iso={s.at} />
                  </PrintCell>
                </tr>
              ))}
            </PrintTable>
            <p className="mt-2 text-[11px] text-slate-700 print:text-[9px] print:text-black">
              Electronic signatures under 21 CFR Part 11, recorded in Clearline when each document was approved: the latest approved assessment of the scope,
              the approved version of each response plan in scope, and the most recent approved after-action reports. Each document&apos;s own page shows
              whether its signature still verifies.
            </p>
          </>
        )}
      </section>
    </PrintSheet>
  );
}
