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
import { responsibilityRows } from "@/lib/rules/dashboard";
import { clock } from "@/lib/clock";
import { can } from "@/lib/auth/permissions";
import { getInventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { InventoryBoardSection } from "@/components/inventory/inventory-board-section";

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
  const cell = "border border-slate-400 px-1.5 py-1 align-top print:border-black";
  const th = `${cell} text-left font-semibold`;
  const num = `${cell} text-right tabular-nums`;
  const h2 = "mb-1 mt-6 break-after-avoid text-base font-semibold";
  const h3 = "mb-1 mt-3 break-after-avoid text-sm font-semibold";
  const signatures = [
    ...(a.latest?.signature ? [{ key: `a${a.latest.id}`, document: `CSF assessment: ${a.latest.name}`, ...a.latest.signature }] : []),
    ...data.planSignatures.filter((p) => p.signature).map((p) => ({ key: `p${p.versionId}`, document: `Response plan: ${p.title}, version ${p.versionNo}`, ...p.signature! })),
    ...d.recentAars.filter((x) => x.signature).map((x) => ({ key: `d${x.drillId}`, document: `After-action report: ${x.title}`, ...x.signature! })),
  ];

  return (
    <article className="mx-auto max-w-[60rem] bg-white p-6 text-[13px] text-slate-900 print:max-w-none print:p-0 print:text-[10.5px] print:text-black">
      <style>{"@page { size: auto; margin: 15mm; }"}</style>
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
        <div className="overflow-x-auto print:overflow-visible">
        <table className="w-full border-collapse break-inside-avoid">
          <caption className="sr-only">Device classes by RACI status</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>
                Device classes
              </th>
              <th scope="col" className={`${th} w-24 text-right`}>
                Number
              </th>
            </tr>
          </thead>
          <tbody>
            {responsibilityRows(r).map(([label, n]) => (
              <tr key={label}>
                <th scope="row" className={`${cell} text-left font-normal`}>
                  {label}
                </th>
                <td className={num}>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
          </div>
      </section>

      <section aria-labelledby="board-assessments">
        <h2 id="board-assessments" className={h2}>
          Assessments
        </h2>
        {a.latest ? (
          <>
            <p className="mb-1">
              NIST CSF 2.0, {scopeName}: latest approved assessment <strong>{a.latest.name}</strong>, approved {dateOf(a.latest.approvedAt)}
              {a.latest.signature ? ` by ${a.latest.signature.name}` : ""}. Overall current {scoreText(a.latest.overall.current)} against target {scoreText(a.latest.overall.target)} (gap{" "}
              {scoreText(a.latest.overall.gap)}).{" "}
              {a.previous ? `Changes are against ${a.previous.name}, approved ${dateOf(a.previous.approvedAt)}.` : "There is no earlier approved assessment to compare with."}
            </p>
            <div className="break-inside-avoid">
              <FunctionScoreChart id="board-scores" assessments={a} />
            </div>
            <div className="overflow-x-auto print:overflow-visible">
            <table className="mt-2 w-full border-collapse break-inside-avoid">
              <caption className="sr-only">Score per function</caption>
              <thead>
                <tr>
                  <th scope="col" className={th}>
                    Function
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Current
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Target
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Gap
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Change since previous approved
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.functions.map((f) => (
                  <tr key={f.id}>
                    <th scope="row" className={`${cell} text-left font-normal`}>
                      {f.name} ({f.id})
                    </th>
                    <td className={num}>{scoreText(f.current)}</td>
                    <td className={num}>{scoreText(f.target)}</td>
                    <td className={num}>{scoreText(f.gap)}</td>
                    <td className={num}>{changeText(f.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          </>
        ) : (
          <p>No assessment of {scopeName} has been approved yet.</p>
        )}
        <h3 className={h3}>In progress</h3>
        {a.inProgress.length === 0 ? (
          <p>None.</p>
        ) : (
          <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full border-collapse break-inside-avoid">
            <caption className="sr-only">Assessments in progress</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Assessment
                </th>
                <th scope="col" className={th}>
                  Due
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Answered
                </th>
              </tr>
            </thead>
            <tbody>
              {a.inProgress.map((x) => (
                <tr key={x.id}>
                  <td className={cell}>{x.name}</td>
                  <td className={cell}>{x.dueDate ?? "—"}</td>
                  <td className={num}>
                    {x.answered} of {x.total} ({x.pct}%)
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>

      {inventory && <InventoryBoardSection summary={inventory} scopeName={scopeName} classes={{ h2, th, cell, num }} />}

      <section aria-labelledby="board-drills">
        <h2 id="board-drills" className={h2}>
          Drills and exercises
        </h2>
        <p className="mb-1">
          Exercise cadence over the rolling 12 months ending {data.today} (CMS 42 CFR 482.15(d)(2), Joint Commission EM standards, each plan&apos;s own interval). “Due soon”: met today,
          lapsing within 60 days.
        </p>
        <div className="overflow-x-auto print:overflow-visible">
        <table className="w-full border-collapse break-inside-avoid">
          <caption className="sr-only">Exercise cadence by site</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>
                Site
              </th>
              <th scope="col" className={th}>
                CMS
              </th>
              <th scope="col" className={th}>
                Joint Commission
              </th>
              <th scope="col" className={`${th} text-right`}>
                Rules due soon
              </th>
              <th scope="col" className={`${th} text-right`}>
                Rules overdue
              </th>
            </tr>
          </thead>
          <tbody>
            {d.sites.map((s) => (
              <tr key={s.siteId}>
                <th scope="row" className={`${cell} text-left font-normal`}>
                  {s.siteName}
                </th>
                <td className={cell}>{cadenceWord(s.cms)}</td>
                <td className={cell}>{cadenceWord(s.jointCommission)}</td>
                <td className={num}>{s.dueRules}</td>
                <td className={num}>{s.overdueRules}</td>
              </tr>
            ))}
          </tbody>
        </table>
          </div>

        <h3 className={h3}>Response plans ({d.plans.total} in scope)</h3>
        <p>
          Review overdue: {d.plans.reviewOverdue.length === 0 ? "none." : d.plans.reviewOverdue.map((p) => p.title).join("; ") + "."}
          <br />
          Acknowledgements missing:{" "}
          {d.plans.acknowledgementsMissing.length === 0 ? "none." : d.plans.acknowledgementsMissing.map((p) => `${p.title} (${p.missing} missing)`).join("; ") + "."}
        </p>

        <h3 className={h3}>Improvement items by owner party</h3>
        {d.items.byParty.length === 0 ? (
          <p>No open improvement item.</p>
        ) : (
          <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full border-collapse break-inside-avoid">
            <caption className="sr-only">Open and overdue improvement items by owner party</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Owner party
                </th>
                <th scope="col" className={`${th} w-24 text-right`}>
                  Open
                </th>
                <th scope="col" className={`${th} w-24 text-right`}>
                  Overdue
                </th>
              </tr>
            </thead>
            <tbody>
              {d.items.byParty.map((p) => (
                <tr key={p.partyId}>
                  <th scope="row" className={`${cell} text-left font-normal`}>
                    {p.party}
                  </th>
                  <td className={num}>{p.open}</td>
                  <td className={num}>{p.overdue}</td>
                </tr>
              ))}
              <tr>
                <th scope="row" className={`${cell} text-left`}>
                  All parties
                </th>
                <td className={`${num} font-semibold`}>{d.items.open}</td>
                <td className={`${num} font-semibold`}>{d.items.overdue}</td>
              </tr>
            </tbody>
          </table>
          </div>
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
            <div className="overflow-x-auto print:overflow-visible">
            <table className="w-full border-collapse">
              <caption className="sr-only">Signatures of the underlying approved documents</caption>
              <thead>
                <tr>
                  <th scope="col" className={th}>
                    Document
                  </th>
                  <th scope="col" className={th}>
                    Printed name
                  </th>
                  <th scope="col" className={th}>
                    Meaning
                  </th>
                  <th scope="col" className={th}>
                    Date and time (UTC)
                  </th>
                </tr>
              </thead>
              <tbody>
                {signatures.map((s) => (
                  <tr key={s.key} className="break-inside-avoid">
                    <td className={cell}>{s.document}</td>
                    <td className={`${cell} whitespace-nowrap`}>{s.name}</td>
                    <td className={cell}>{s.meaning}</td>
                    <td className={`${cell} whitespace-nowrap`}>
                      <SignedTime iso={s.at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
            <p className="mt-2 text-[11px] text-slate-700 print:text-[9px] print:text-black">
              Electronic signatures under 21 CFR Part 11, recorded in Clearline when each document was approved: the latest approved assessment of the scope, the approved version of
              each response plan in scope, and the most recent approved after-action reports. Each document&apos;s own page shows whether its signature still verifies.
            </p>
          </>
        )}
      </section>
    </article>
  );
}
