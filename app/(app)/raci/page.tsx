import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { STATUS_LABELS, type RaciStatus } from "@/lib/rules/raci";
import { listRaciCoverage } from "@/lib/services/raci/list-coverage";
import { getDb } from "@/lib/server/db";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { RaciStatusBadge } from "@/components/raci/status-badge";

export const metadata: Metadata = { title: "RACI coverage" };

export default async function RaciCoveragePage({ searchParams }: { searchParams: Promise<{ status?: string; q?: string }> }) {
  const actor = await requirePageActor();
  const { status, q } = await searchParams;
  const all = listRaciCoverage(await getDb(), actor);
  const filter = status && status in STATUS_LABELS ? (status as RaciStatus) : undefined;
  const text = q?.trim().toLowerCase() ?? "";
  const rows = all.filter((r) => (!filter || r.status === filter) && (!text || r.path.join(" ").toLowerCase().includes(text)));
  const count = (s: RaciStatus) => all.filter((r) => r.status === s).length;
  const signed = all.filter((r) => r.effectiveVersionNo != null).length;
  const field = "block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <>
      <PageHeader
        title="RACI coverage"
        description="Every device class, whether its responsibilities are signed, and what stands in the way."
        actions={
          <div className="flex flex-wrap gap-3 text-sm">
            <Link href="/raci/mine">My responsibilities</Link>
            <Link href="/raci/who-owns">Who owns this?</Link>
            <Link href="/raci/template">Organization template</Link>
            <Link href="/raci/activities">Activities</Link>
            <a href="/api/raci/export?format=csv">Download CSV</a>
            <a href="/api/raci/export?format=xlsx">Download XLSX</a>
          </div>
        }
      />
      <div className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {(Object.keys(STATUS_LABELS) as RaciStatus[]).map((s) => (
          <Link key={s} href={`/raci?status=${s}`} className="rounded-lg border border-slate-200 bg-white px-3 py-2 no-underline hover:border-brand-600">
            <span className="block text-2xl font-semibold text-slate-900">{count(s)}</span>
            <span className="text-sm text-slate-700">{STATUS_LABELS[s]}</span>
          </Link>
        ))}
      </div>
      <p className="mb-4 text-sm text-slate-700">
        {signed} of {all.length} device classes have an effective signed matrix.
      </p>
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter coverage">
          <div>
            <label htmlFor="f-status" className="block text-sm font-medium">Status</label>
            <select id="f-status" name="status" defaultValue={filter ?? ""} className={field}>
              <option value="">All statuses</option>
              {(Object.keys(STATUS_LABELS) as RaciStatus[]).map((s) => (
                <option key={s} value={s}>{STATUS_LABELS[s]}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-q" className="block text-sm font-medium">Device class</label>
            <input id="f-q" name="q" defaultValue={q ?? ""} className={field} placeholder="e.g. pumps" />
          </div>
          <button type="submit" className={buttonClass("primary", "sm")}>Filter</button>
          {(filter || text) && <Link href="/raci" className="text-sm">Clear</Link>}
        </form>
        <Table caption="Device classes and their RACI status">
          <thead>
            <tr>
              <Th>Device class</Th>
              <Th>Status</Th>
              <Th>Open violations</Th>
              <Th>Last signed</Th>
              <Th>Effective version</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.classId}>
                <Td>
                  <span style={{ paddingLeft: `${r.depth * 1.25}rem` }} className="inline-block">
                    <Link href={`/raci/${r.classId}`}>{r.name}</Link>
                  </span>
                </Td>
                <Td>
                  <RaciStatusBadge status={r.status} />
                  {r.inReviewVersionNo != null && <span className="ml-1 text-xs text-slate-500">v{r.inReviewVersionNo}</span>}
                </Td>
                <Td>
                  {r.violations.length === 0 ? (
                    <span className="text-slate-500">None</span>
                  ) : (
                    <span className="text-red-800">
                      {r.violations.length}: {r.violations[0]}
                      {r.violations.length > 1 ? " …" : ""}
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap tabular-nums">{r.lastSignedAt ? r.lastSignedAt.slice(0, 10) : "—"}</Td>
                <Td>{r.effectiveVersionNo != null ? `Version ${r.effectiveVersionNo}` : "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {rows.length === 0 && <p className="py-3 text-sm text-slate-600">No device class matches these filters.</p>}
      </Card>
    </>
  );
}
