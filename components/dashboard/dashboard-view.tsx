import type { DashboardData } from "@/lib/services/dashboard/get-dashboard";
import { buttonClass } from "@/components/ui/button";
import { FilterBar } from "@/components/ui/filter-bar";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Table, Td, Th } from "@/components/ui/table";
import { SoftLinks } from "@/components/ui/soft-links";
import { markupOf, type StaticMarkup } from "@/components/ui/static-markup";
import { StaticPart } from "@/components/ui/static-part";
import { BarChart, countScale } from "./bar-chart";
import { MyItemsList } from "./my-items";
import { CADENCE_TONE, cadenceWord, changeText, dateOf, scoreText, siteQuery } from "./labels";

export type { MyDashboardItems } from "./my-items";
import type { MyDashboardItems } from "./my-items";

/** Plain links (static markup under SoftLinks, decisions 0040 and 0045), named so the link rule sees a chosen href. */
const RACI_LIST = "/raci";

const ASSESSMENT_STATUS_WORDS: Record<string, string> = { in_progress: "In progress", in_review: "In review", approved: "Approved" };

/** One dashboard section: a region named by its h2, so the board report, tests and screen readers find it by title. */
export function DashboardSection({ id, title, children, note }: { id: string; title: string; children: React.ReactNode; note?: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-200 px-5 py-3">
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {note && <p className="mt-0.5 text-xs text-slate-600">{note}</p>}
      </header>
      <div className="space-y-4 px-5 py-4">{children}</div>
    </section>
  );
}

/** The leadership dashboard: scope filter, the three figure sections and the signed-in user's own items. */
export function DashboardView({
  data,
  mine,
  sites,
  orgName,
  inventory,
}: {
  data: DashboardData;
  mine: MyDashboardItems;
  sites: { id: number; name: string }[];
  orgName: string;
  /** The inventory, advisory, patch and recall sections' markup (static-markup.ts), when the actor may read the inventory. */
  inventory?: StaticMarkup[];
}) {
  const { scope } = data;
  const q = siteQuery(scope.siteId);
  const siteKey = `${scope.siteId ?? "all"}|${scope.siteName}`;
  // Plain links with one client-side navigation handler (~300 links; components/ui/soft-links.tsx says why).
  return (
    <SoftLinks>
      <PageHeader
        title="Leadership dashboard"
        description={
          <>
            {orgName} · <span className="font-medium text-slate-800">{scope.siteName}</span> · as of <time dateTime={data.today}>{data.today}</time>
          </>
        }
        actions={
          <nav aria-label="Dashboard reports" className="flex flex-wrap items-center gap-3 text-sm">
            <a href={`/dashboard/report${q}`} className={buttonClass("secondary", "sm")}>
              Board report
            </a>
            <a href={`/api/dashboard/export${q}`} download className={buttonClass("secondary", "sm")}>
              Download XLSX
            </a>
          </nav>
        }
      />
      <FilterBar
        label="Dashboard scope"
        idPrefix="dash"
        submitLabel="Apply"
        className="mb-6 flex flex-wrap items-end gap-3"
        fields={[
          {
            kind: "select",
            name: "site",
            label: "Site",
            value: scope.siteId,
            all: scope.locked ? false : "Whole organization",
            options: sites.map((s) => ({ value: s.id, label: s.name })),
          },
        ]}
      >
        {scope.locked && <p className="pb-1.5 text-sm text-slate-600">Your account sees {scope.siteName} only.</p>}
      </FilterBar>
      {/* The sections' figures change only on a write: their markup is kept per cached read model (decision 0045). */}
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <StaticPart
          markup={markupOf(data.responsibilities, siteKey, () => (
            <ResponsibilitiesSection data={data} />
          ))}
        />
        <StaticPart
          markup={markupOf(data.assessments, siteKey, () => (
            <AssessmentsSection data={data} />
          ))}
        />
        {inventory && (
          <div className="space-y-6 xl:col-span-2">
            {inventory.map((m) => (
              <StaticPart key={m.id} markup={m} />
            ))}
          </div>
        )}
        <StaticPart
          className="xl:col-span-2"
          markup={markupOf(data.drills, `${siteKey}|${data.today}`, () => (
            <DrillsSection data={data} />
          ))}
        />
        <StaticPart
          className="xl:col-span-2"
          markup={markupOf(mine, "mine", () => (
            <MyItemsSection mine={mine} />
          ))}
        />
      </div>
    </SoftLinks>
  );
}

function Figure({ href, n, label }: { href: string; n: number; label: string }) {
  return (
    <li>
      <a href={href} className="block rounded-lg border border-slate-200 px-3 py-2 no-underline hover:border-brand-600">
        <span className="block text-2xl font-semibold tabular-nums text-slate-900">{n}</span>
        <span className="text-sm text-slate-700">{label}</span>
      </a>
    </li>
  );
}

export function ResponsibilitiesSection({ data }: { data: DashboardData }) {
  const r = data.responsibilities;
  return (
    <DashboardSection
      id="dash-responsibilities"
      title="Responsibilities"
      note={
        data.scope.siteId != null
          ? "RACI matrices are kept per device class for the whole organization, so these figures are organization-wide even with a site chosen."
          : undefined
      }
    >
      <p className="text-sm text-slate-800">
        <strong className="text-3xl font-semibold tabular-nums text-slate-900">{r.signedPct}%</strong> of device classes have an effective signed RACI (
        <a href={RACI_LIST}>
          {r.signed} of {r.total}
        </a>
        ).
      </p>
      <h3 className="mt-3 text-sm font-semibold text-slate-800">By status: each of the {r.total} classes counted once</h3>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={`Device classes by RACI status, ${r.total} in all`}>
        <Figure href="/raci?status=in_review" n={r.inReview} label="In review" />
        <Figure href="/raci?status=reattestation_due" n={r.reattestationDue} label="Re-attestation due" />
        <Figure href="/raci?status=changes_pending" n={r.changesPending} label="Changes pending" />
        <Figure href="/raci?status=effective" n={r.effective} label="Effective" />
        <Figure href="/raci?status=draft" n={r.draft} label="Draft" />
        <Figure href="/raci?status=no_matrix" n={r.noMatrix} label="No matrix yet" />
        {r.signatureProblem > 0 && <Figure href="/raci?status=signature_problem" n={r.signatureProblem} label="Signature problem" />}
      </ul>
      <p className="mt-3 text-sm text-slate-800">
        <a href={RACI_LIST}>
          {r.withViolations} of the {r.total} classes
        </a>{" "}
        have open rule violations (these are also counted in their status above).
      </p>
      <p className="text-xs text-slate-600">
        “Effective signed” counts every class with a signed version in force, including those due for re-attestation or with changes pending sign-off.
      </p>
    </DashboardSection>
  );
}

/** Current vs target per CSF function as bars (the dashboard and the board report). */
export function FunctionScoreChart({ id, assessments: a }: { id: string; assessments: DashboardData["assessments"] }) {
  return (
    <BarChart
      id={id}
      title={`NIST CSF 2.0 score per function, current against target (scale 0 to 3), ${a.latest?.name ?? ""}`}
      series={[
        { label: "Current", style: "solid" },
        { label: "Target", style: "hatched" },
      ]}
      rows={a.functions.map((f) => ({ label: f.name, values: [f.current, f.target] }))}
      max={3}
      ticks={[0, 1, 2, 3]}
      format={(v) => v.toFixed(2)}
    />
  );
}

/** Current vs target per CSF function as bars, with the same numbers (and the change) in a table. */
export function FunctionScores({ data, chartId }: { data: DashboardData; chartId: string }) {
  const a = data.assessments;
  return (
    <>
      <FunctionScoreChart id={chartId} assessments={a} />
      <Table caption="Score per function: current, target, gap and change since the previous approved assessment">
        <thead>
          <tr>
            <Th>Function</Th>
            <Th className="text-right">Current</Th>
            <Th className="text-right">Target</Th>
            <Th className="text-right">Gap</Th>
            <Th className="text-right">Change since previous approved</Th>
          </tr>
        </thead>
        <tbody>
          {a.functions.map((f) => (
            <tr key={f.id}>
              <Td>
                {f.name} <span className="text-xs text-slate-600">({f.id})</span>
              </Td>
              <Td className="text-right tabular-nums">{scoreText(f.current)}</Td>
              <Td className="text-right tabular-nums">{scoreText(f.target)}</Td>
              <Td className="text-right tabular-nums">{scoreText(f.gap)}</Td>
              <Td className="text-right tabular-nums">{changeText(f.change)}</Td>
            </tr>
          ))}
          {a.latest && (
            <tr>
              <Td className="font-semibold">Overall</Td>
              <Td className="text-right font-semibold tabular-nums">{scoreText(a.latest.overall.current)}</Td>
              <Td className="text-right font-semibold tabular-nums">{scoreText(a.latest.overall.target)}</Td>
              <Td className="text-right font-semibold tabular-nums">{scoreText(a.latest.overall.gap)}</Td>
              <Td className="text-right">—</Td>
            </tr>
          )}
        </tbody>
      </Table>
    </>
  );
}

export function AssessmentsSection({ data }: { data: DashboardData }) {
  const a = data.assessments;
  const scopeName = data.scope.siteId == null ? "the whole organization" : data.scope.siteName;
  return (
    <DashboardSection id="dash-assessments" title="Assessments" note={`NIST CSF 2.0 assessments of ${scopeName}.`}>
      {a.latest ? (
        <>
          <p className="text-sm text-slate-800">
            Latest approved: <a href={`/assessments/${a.latest.id}/results`}>{a.latest.name}</a>, approved {dateOf(a.latest.approvedAt)}
            {a.latest.signature ? ` by ${a.latest.signature.name}` : ""}.{" "}
            {a.previous
              ? `Changes are against ${a.previous.name}, approved ${dateOf(a.previous.approvedAt)}.`
              : "No earlier approved assessment to compare with."}
          </p>
          <FunctionScores data={data} chartId="dash-scores" />
        </>
      ) : (
        <p className="text-sm text-slate-700">No assessment of {scopeName} has been approved yet.</p>
      )}
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">In progress</h3>
        {a.inProgress.length === 0 ? (
          <p className="text-sm text-slate-600">No assessment of {scopeName} is in progress.</p>
        ) : (
          <ul className="space-y-3">
            {a.inProgress.map((x) => (
              <li key={x.id} className="text-sm">
                <a href={`/assessments/${x.id}`} className="font-medium">
                  {x.name}
                </a>{" "}
                <span className="text-slate-600">
                  — {ASSESSMENT_STATUS_WORDS[x.status] ?? x.status}
                  {x.dueDate ? `, due ${x.dueDate}` : ""}
                </span>
                <Progress value={x.answered} max={x.total} label="Answered" ariaLabel={`${x.name} progress`} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </DashboardSection>
  );
}

export function DrillsSection({ data }: { data: DashboardData }) {
  const d = data.drills;
  const sq = siteQuery(data.scope.siteId, "&");
  const items = d.items;
  const itemScale = countScale(Math.max(0, ...items.byParty.map((p) => p.open)));
  return (
    <DashboardSection
      id="dash-drills"
      title="Drills and exercises"
      note={`Exercise cadence over the rolling 12 months ending ${data.today}: CMS 42 CFR 482.15(d)(2), Joint Commission EM standards and each plan's own interval. “Due soon” means met today but lapsing within 60 days.`}
    >
      {d.sites.length === 0 ? (
        <p className="text-sm text-slate-600">No site exists yet.</p>
      ) : (
        <Table caption="Exercise cadence by site">
          <thead>
            <tr>
              <Th>Site</Th>
              <Th>CMS</Th>
              <Th>Joint Commission</Th>
              <Th className="text-right">Rules due soon</Th>
              <Th className="text-right">Rules overdue</Th>
            </tr>
          </thead>
          <tbody>
            {d.sites.map((s) => (
              <tr key={s.siteId}>
                <Td className="font-medium">{s.siteName}</Td>
                <Td>{s.cms ? <Badge tone={CADENCE_TONE[s.cms]}>{cadenceWord(s.cms)}</Badge> : cadenceWord(null)}</Td>
                <Td>{s.jointCommission ? <Badge tone={CADENCE_TONE[s.jointCommission]}>{cadenceWord(s.jointCommission)}</Badge> : cadenceWord(null)}</Td>
                <Td className="text-right tabular-nums">{s.dueRules}</Td>
                <Td className="text-right tabular-nums">
                  {/* Always a link, also at 0, so the site's drills and cadence are one click away. */}
                  <a href={`/drills?site=${s.siteId}`} className={s.overdueRules > 0 ? "font-semibold text-red-800" : undefined}>
                    {s.overdueRules} overdue<span className="sr-only"> at {s.siteName}</span>
                  </a>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Response plans ({d.plans.total} in scope)</h3>
          <p className="text-sm text-slate-800">
            <strong>{d.plans.reviewOverdue.length}</strong> with review overdue
            {d.plans.reviewOverdue.length > 0 ? ":" : "."}
          </p>
          {d.plans.reviewOverdue.length > 0 && (
            <ul className="mb-2 list-disc pl-5 text-sm" aria-label="Plans with review overdue">
              {d.plans.reviewOverdue.map((p) => (
                <li key={p.id}>
                  <a href={`/plans/${p.id}`}>{p.title}</a>
                </li>
              ))}
            </ul>
          )}
          <p className="text-sm text-slate-800">
            <strong>{d.plans.acknowledgementsMissing.length}</strong> with acknowledgements missing
            {d.plans.acknowledgementsMissing.length > 0 ? ":" : "."}
          </p>
          {d.plans.acknowledgementsMissing.length > 0 && (
            <ul className="list-disc pl-5 text-sm" aria-label="Plans with acknowledgements missing">
              {d.plans.acknowledgementsMissing.map((p) => (
                <li key={p.id}>
                  <a href={`/plans/${p.id}`}>{p.title}</a> — {p.missing} acknowledgement{p.missing === 1 ? "" : "s"} missing
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Improvement items by owner party</h3>
          {items.byParty.length === 0 ? (
            <p className="text-sm text-slate-600">No open improvement item.</p>
          ) : (
            <>
              <Table caption="Open and overdue improvement items by owner party">
                <thead>
                  <tr>
                    <Th>Owner party</Th>
                    <Th className="text-right">Open</Th>
                    <Th className="text-right">Overdue</Th>
                  </tr>
                </thead>
                <tbody>
                  {items.byParty.map((p) => (
                    <tr key={p.partyId}>
                      <Td>{p.party}</Td>
                      <Td className="text-right tabular-nums">
                        <a href={`/actions?party=${p.partyId}&status=not_closed${sq}`}>
                          {p.open}
                          <span className="sr-only"> open items of {p.party}</span>
                        </a>
                      </Td>
                      <Td className="text-right tabular-nums">
                        <a
                          href={`/actions?party=${p.partyId}&status=not_closed&overdue=1${sq}`}
                          className={p.overdue > 0 ? "font-semibold text-red-800" : undefined}
                        >
                          {p.overdue}
                          <span className="sr-only"> overdue items of {p.party}</span>
                        </a>
                      </Td>
                    </tr>
                  ))}
                  <tr>
                    <Td className="font-semibold">All parties</Td>
                    <Td className="text-right font-semibold tabular-nums">
                      <a href={`/actions?status=not_closed${sq}`}>
                        {items.open}
                        <span className="sr-only"> open items in all</span>
                      </a>
                    </Td>
                    <Td className="text-right font-semibold tabular-nums">
                      <a href={`/actions?status=not_closed&overdue=1${sq}`}>
                        {items.overdue}
                        <span className="sr-only"> overdue items in all</span>
                      </a>
                    </Td>
                  </tr>
                </tbody>
              </Table>
              <div className="mt-3">
                <BarChart
                  id="dash-items"
                  title="Open and overdue improvement items by owner party"
                  series={[
                    { label: "Open", style: "solid" },
                    { label: "Overdue", style: "hatched" },
                  ]}
                  rows={items.byParty.map((p) => ({ label: p.party, values: [p.open, p.overdue] }))}
                  max={itemScale.max}
                  ticks={itemScale.ticks}
                />
              </div>
            </>
          )}
        </div>
      </div>
    </DashboardSection>
  );
}

export function MyItemsSection({ mine }: { mine: MyDashboardItems }) {
  return (
    <DashboardSection id="dash-mine" title="My items" note="What you must sign, re-attest, acknowledge, answer or close.">
      <MyItemsList mine={mine} />
    </DashboardSection>
  );
}
