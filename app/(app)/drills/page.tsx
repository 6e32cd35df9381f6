import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/server/route-params";
import { QueryProblems } from "@/components/ui/query-problems";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { EXERCISE_TYPES, EXERCISE_TYPE_LABELS } from "@/lib/rules/cadence";
import { DRILL_STATUSES, DRILL_STATUS_LABELS } from "@/lib/rules/drills";
import { listSiteCompliance } from "@/lib/services/drills/compliance";
import { drillFormOptions, listDrills, type DrillFilter } from "@/lib/services/drills/get-drills";
import { getDb } from "@/lib/server/db";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { RecordRealEventForm, ScheduleDrillForm } from "@/components/drills/drill-forms";
import { DrillStatusBadge } from "@/components/drills/drill-labels";
import { SiteCadence } from "@/components/drills/site-cadence";
import { recordRealEventAction, scheduleDrillAction, setSiteRulesAction } from "./actions";
import { clock } from "@/lib/clock";

export const metadata: Metadata = { title: "Drills and exercises" };

type Search = Record<string, string | string[] | undefined>;

/** Filters from the query string; a malformed one is ignored and named above the list. */
const drillQuery = { site: q.id("Site"), status: q.enum("Status", DRILL_STATUSES), year: q.int("Year", 2000, 2100) };
function parseFilter(sp: Search): { filter: DrillFilter; problems: string[] } {
  const { query, problems } = parseQuery(drillQuery, sp);
  return { filter: { siteId: query.site, status: query.status, year: query.year }, problems };
}

export default async function DrillsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const { filter, problems } = parseFilter(await searchParams);
  const compliance = listSiteCompliance(db, actor, now);
  const all = listDrills(db, actor);
  const rows = filter.siteId || filter.status || filter.year ? listDrills(db, actor, filter) : all;
  const years = [...new Set([now.getUTCFullYear(), now.getUTCFullYear() + 1, ...all.map((d) => Number((d.actualStart ?? d.plannedDate).slice(0, 4)))])].sort((a, b) => b - a);
  const options = drillFormOptions(db, actor);
  const mayManage = can(actor, "drill.manage");
  const mayAdmin = can(actor, "settings.manage");
  const opt = (xs: { id: number; name: string }[]) => xs.map((x) => ({ value: String(x.id), label: x.name }));
  const field = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const filtered = Boolean(filter.siteId || filter.status || filter.year);
  // With a site chosen (e.g. from the dashboard's "N overdue at <site>"), its cadence is the one that matters.
  const siteCadence = filter.siteId ? compliance.filter((c) => c.siteId === filter.siteId) : [];
  const cadenceShown = siteCadence.length ? siteCadence : compliance;

  return (
    <>
      <PageHeader
        title="Drills and exercises"
        description="HSEEP exercises and real events that activated a response plan, by site: objectives rated P/S/M/U, an after-action report signed by leadership, and an improvement plan followed to closure."
        actions={
          <Link href="/drills/calendar" className="text-sm">
            Calendar
          </Link>
        }
      />
      <QueryProblems problems={problems} />
      <div className="space-y-6">
        <Card title="Exercise cadence by site">
          <p className="mb-3 text-sm text-slate-600">
            Over the rolling 12 months ending {today}. “Due” means the requirement is met today but lapses within 60 days; “Overdue” means it is not met today.
          </p>
          {filter.siteId && cadenceShown.length > 0 && (
            <p className="mb-3 text-sm text-slate-700">
              Showing {cadenceShown.map((s) => s.siteName).join(", ")} only, as the site filter below asks. <Link href="/drills">Show every site</Link>
            </p>
          )}
          {cadenceShown.length === 0 ? (
            <p className="text-sm text-slate-600">No site exists yet.</p>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              {cadenceShown.map((s) => (
                <SiteCadence key={s.siteId} site={s} rulesAction={mayAdmin ? setSiteRulesAction : undefined} />
              ))}
            </div>
          )}
        </Card>

        <Card title="Drills">
          <form method="get" className="mb-4 grid gap-3 md:grid-cols-4" aria-label="Filter drills">
            <div>
              <label htmlFor="f-site" className="text-sm font-medium">
                Site
              </label>
              <select id="f-site" name="site" defaultValue={filter.siteId ? String(filter.siteId) : ""} className={field}>
                <option value="">All sites</option>
                {options.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="f-status" className="text-sm font-medium">
                Status
              </label>
              <select id="f-status" name="status" defaultValue={filter.status ?? ""} className={field}>
                <option value="">All statuses</option>
                {Object.entries(DRILL_STATUS_LABELS).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="f-year" className="text-sm font-medium">
                Year
              </label>
              <select id="f-year" name="year" defaultValue={filter.year ? String(filter.year) : ""} className={field}>
                <option value="">All years</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex items-end gap-3">
              <button type="submit" className={buttonClass("primary", "sm")}>
                Apply filters
              </button>
              {filtered && (
                <Link href="/drills" className="text-sm">
                  Clear
                </Link>
              )}
            </div>
          </form>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">{filtered ? "No drill matches these filters." : `No drill yet.${mayManage ? " Schedule one below." : ""}`}</p>
          ) : (
            <Table caption="Drills">
              <thead>
                <tr>
                  <Th>Title</Th>
                  <Th>Type</Th>
                  <Th>Site</Th>
                  <Th>Planned date</Th>
                  <Th>Actual date</Th>
                  <Th>Status</Th>
                  <Th>Open improvement items</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id}>
                    <Td>
                      <Link href={`/drills/${d.id}`} className="font-medium">
                        {d.title}
                      </Link>
                    </Td>
                    <Td>
                      {d.typeLabel}
                      <span className="block text-xs text-slate-600">{d.group}</span>
                    </Td>
                    <Td>{d.site}</Td>
                    <Td className="whitespace-nowrap tabular-nums">{d.kind === "real_event" ? "—" : d.plannedDate}</Td>
                    <Td className="whitespace-nowrap tabular-nums">{d.actualStart ?? (d.status === "cancelled" ? "—" : "Not yet")}</Td>
                    <Td>
                      <DrillStatusBadge status={d.status} />
                    </Td>
                    <Td className="tabular-nums">{d.itemsTotal === 0 ? "None" : `${d.itemsOpen} open of ${d.itemsTotal}`}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        {mayManage && (
          <>
            <Card title="Schedule a drill">
              <ScheduleDrillForm
                action={scheduleDrillAction}
                types={EXERCISE_TYPES.map((t) => ({ value: t, label: EXERCISE_TYPE_LABELS[t] }))}
                sites={opt(options.sites)}
                plans={options.plans.map((p) => ({ value: String(p.id), label: p.title }))}
                classes={opt(options.classes)}
                users={opt(options.users)}
                parties={opt(options.parties)}
              />
            </Card>
            <Card title="Record a real event">
              <p className="mb-3 text-sm text-slate-600">
                An actual incident that activated a response plan counts as an exercise. Under CMS 42 CFR 482.15(d)(2) it exempts the site from its next full-scale or functional exercise for 12 months.
              </p>
              <RecordRealEventForm
                action={recordRealEventAction}
                sites={opt(options.sites)}
                plans={options.plans.map((p) => ({ value: String(p.id), label: p.title }))}
                classes={opt(options.classes)}
                today={today}
              />
            </Card>
          </>
        )}
      </div>
    </>
  );
}
