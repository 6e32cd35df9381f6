import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { STATUS_LABELS, type RaciStatus } from "@/lib/rules/raci";
import { listRaciCoverage } from "@/lib/services/raci/list-coverage";
import { getDb } from "@/lib/server/db";
import { FilterBar } from "@/components/ui/filter-bar";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { QueryProblems } from "@/components/ui/query-problems";
import { RaciStatusBadge } from "@/components/raci/status-badge";

export const metadata: Metadata = { title: "RACI coverage" };

const STATUSES = Object.keys(STATUS_LABELS) as RaciStatus[];

export default async function RaciCoveragePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const { query, problems } = parseQuery({ status: q.enum("Status", STATUSES), q: q.text(200) }, await searchParams);
  const all = listRaciCoverage(await getDb(), actor);
  const filter = query.status;
  const text = query.q ?? "";
  const needle = text.toLowerCase();
  const rows = all.filter((r) => (!filter || r.status === filter) && (!needle || r.path.join(" ").toLowerCase().includes(needle)));
  const count = (s: RaciStatus) => all.filter((r) => r.status === s).length;
  const signed = all.filter((r) => r.effectiveVersionNo != null).length;
  const withViolations = all.filter((r) => r.violationCount > 0).length;
  return (
    <>
      <PageHeader
        title="RACI coverage"
        description="Every device class, whether its responsibilities are signed, and what stands in the way."
        actions={
          <nav aria-label="RACI pages" className="flex flex-wrap gap-3 text-sm">
            <Link href="/raci/mine">My responsibilities</Link>
            <Link href="/raci/who-owns">Who owns this?</Link>
            <Link href="/raci/template">Organization template</Link>
            <Link href="/raci/activities">Activities</Link>
            <a href="/api/raci/export?format=csv" download>
              Download CSV
            </a>
            <a href="/api/raci/export?format=xlsx" download>
              Download XLSX
            </a>
          </nav>
        }
      />
      <QueryProblems problems={problems} />
      <section aria-labelledby="coverage-summary" className="mb-4">
        <h2 id="coverage-summary" className="sr-only">
          Summary
        </h2>
        <p className="mb-3 text-sm text-slate-800">
          <strong>
            {signed} of {all.length}
          </strong>{" "}
          {all.length === 1 ? "class has" : "classes have"} an effective signed matrix.{" "}
          {withViolations === 0
            ? "No class has open rule violations."
            : `${withViolations} ${withViolations === 1 ? "class has" : "classes have"} open rule violations.`}
        </p>
        <ul className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Classes by status">
          {STATUSES.map((s) => (
            <li key={s}>
              <Link
                href={`/raci?status=${s}`}
                aria-current={filter === s ? "true" : undefined}
                className="block rounded-lg border border-slate-200 bg-white px-3 py-2 no-underline hover:border-brand-600 aria-[current=true]:border-brand-600 aria-[current=true]:ring-1 aria-[current=true]:ring-brand-600"
              >
                <span className="block text-2xl font-semibold text-slate-900">{count(s)}</span>
                <span className="text-sm text-slate-700">{STATUS_LABELS[s]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <Card>
        <FilterBar
          label="Filter coverage"
          action="/raci"
          clearHref="/raci"
          showClear={Boolean(filter || text)}
          clearLabel="Clear filters"
          submitLabel="Filter"
          fields={[
            {
              kind: "select",
              name: "status",
              label: "Status",
              value: filter,
              all: "All statuses",
              options: STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
            },
            { kind: "text", name: "q", label: "Class name contains", value: text, type: "search", placeholder: "e.g. pumps" },
          ]}
        />
        <p className="mb-2 text-sm text-slate-600">
          {filter || text ? `Showing ${rows.length} of ${all.length} classes` : `Showing all ${all.length} classes`}
          {filter ? ` with status “${STATUS_LABELS[filter]}”` : ""}
          {text ? ` matching “${text}”` : ""}.
        </p>
        <Table caption="Device classes with their RACI sign-off status, open rule violations, last signature date and effective version">
          <thead>
            <tr>
              <Th>Device class</Th>
              <Th>Status</Th>
              <Th>Open violations</Th>
              <Th>Last signed (UTC)</Th>
              <Th>Effective version</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.classId}>
                <Td>
                  <span style={{ paddingLeft: `${r.depth * 1.25}rem` }} className="inline-block">
                    <Link href={`/raci/${r.classId}`}>{r.name}</Link>
                    {r.path.length > 1 && <span className="sr-only">{`, under ${r.path.slice(0, -1).join(" › ")}`}</span>}
                  </span>
                </Td>
                <Td>
                  <RaciStatusBadge status={r.status} />
                  {r.inReviewVersionNo != null && <span className="ml-1 text-xs text-slate-600">version {r.inReviewVersionNo} in review</span>}
                </Td>
                <Td>
                  {r.violationCount === 0 ? (
                    <span className="text-slate-600">None</span>
                  ) : (
                    <span className="text-red-800" title={r.violations.join("\n")}>
                      <strong>{r.violationCount}</strong>: {r.violations[0]}
                      {r.violationCount > 1 ? ` (and ${r.violationCount - 1} more)` : ""}
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap tabular-nums">
                  {r.lastSignedAt ? <time dateTime={r.lastSignedAt}>{r.lastSignedAt.slice(0, 10)}</time> : "Never"}
                </Td>
                <Td>{r.effectiveVersionNo != null ? `Version ${r.effectiveVersionNo}` : "None"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {rows.length === 0 && <p className="py-3 text-sm text-slate-600">No device class matches these filters.</p>}
      </Card>
    </>
  );
}
