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
import { FilterBar } from "@/components/ui/filter-bar";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { RecordRealEventForm, ScheduleDrillForm } from "@/components/drills/drill-forms";
import { DrillStatusBadge } from "@/components/drills/drill-labels";
import { CadenceBySiteCard } from "@/components/drills/cadence-by-site";
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
  const years = [...new Set([now.getUTCFullYear(), now.getUTCFullYear() + 1, ...all.map((d) => Number((d.actualStart ?? d.plannedDate).slice(0, 4)))])].sort(
    (a, b) => b - a,
  );
  const options = drillFormOptions(db, actor);
  const mayManage = can(actor, "drill.manage");
  const mayAdmin = can(actor, "settings.manage");
  const opt = (xs: { id: number; name: string }[]) => xs.map((x) => ({ value: String(x.id), label: x.name }));
  const filtered = Boolean(filter.siteId || filter.status || filter.year);

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
        <CadenceBySiteCard compliance={compliance} siteId={filter.siteId} today={today} rulesAction={mayAdmin ? setSiteRulesAction : undefined} />

        <Card title="Drills">
          <FilterBar
            label="Filter drills"
            clearHref="/drills"
            showClear={filtered}
            className="mb-4 grid gap-3 md:grid-cols-4"
            fields={[
              { kind: "select", name: "site", label: "Site", value: filter.siteId, all: "All sites", options: opt(options.sites) },
              {
                kind: "select",
                name: "status",
                label: "Status",
                value: filter.status,
                all: "All statuses",
                options: Object.entries(DRILL_STATUS_LABELS).map(([value, label]) => ({ value, label })),
              },
              {
                kind: "select",
                name: "year",
                label: "Year",
                value: filter.year,
                all: "All years",
                options: years.map((y) => ({ value: y, label: String(y) })),
              },
            ]}
          />
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
                An actual incident that activated a response plan counts as an exercise. Under CMS 42 CFR 482.15(d)(2) it exempts the site from its next
                full-scale or functional exercise for 12 months.
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
