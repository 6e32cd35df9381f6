import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { drillCalendar } from "@/lib/services/drills/get-drills";
import { getDb } from "@/lib/server/db";
import { FilterBar } from "@/components/ui/filter-bar";
import { Card, PageHeader } from "@/components/ui/card";
import { shortTypeLabel } from "@/components/drills/drill-labels";
import { clock } from "@/lib/clock";
import { QueryProblems } from "@/components/ui/query-problems";

export const metadata: Metadata = { title: "Drill calendar" };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export default async function DrillCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { query, problems } = parseQuery({ year: q.int("Year", 2000, 2100) }, await searchParams);
  const year = query.year ?? clock.now().getUTCFullYear();
  const cal = drillCalendar(db, actor, year);
  const thisYear = clock.now().getUTCFullYear();
  // A window around this year, always including the year shown.
  const years = [...new Set([...Array.from({ length: 9 }, (_, i) => thisYear - 5 + i), year])].filter((y) => y >= 2000 && y <= 2100).sort((a, b) => a - b);
  const count = cal.sites.reduce((n, s) => n + s.byMonth.reduce((m, ds) => m + ds.length, 0), 0);
  const cell = "border border-slate-200 px-2 py-1.5 align-top";

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/drills">Drills and exercises</Link> / Calendar
      </nav>
      <PageHeader
        title={`Drill calendar ${year}`}
        description="Planned and past drills and real events by site and month (by actual start date once conducted, otherwise the planned date)."
      />
      <QueryProblems problems={problems} />
      <Card>
        <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
          <FilterBar
            label="Choose the year"
            idPrefix="cal"
            submitLabel="Show"
            className="flex items-end gap-2"
            fields={[
              {
                kind: "select",
                name: "year",
                label: "Year",
                value: year,
                all: false,
                className: "w-28",
                options: years.map((y) => ({ value: y, label: String(y) })),
              },
            ]}
          />
          <nav aria-label="Years" className="flex gap-4 text-sm">
            {year > 2000 && <Link href={`/drills/calendar?year=${year - 1}`}>← Previous year ({year - 1})</Link>}
            {year < 2100 && <Link href={`/drills/calendar?year=${year + 1}`}>Next year ({year + 1}) →</Link>}
          </nav>
        </div>
        {count === 0 && <p className="mb-3 text-sm text-slate-600">No drill in {year}.</p>}
        {cal.sites.length === 0 ? (
          <p className="text-sm text-slate-600">No site exists yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <caption className="mb-2 text-left font-semibold">Drills by site and month, {year}</caption>
              <thead>
                <tr>
                  <th scope="col" className={`${cell} bg-slate-50 text-left`}>
                    Site
                  </th>
                  {MONTHS.map((m) => (
                    <th key={m} scope="col" className={`${cell} bg-slate-50 text-left`}>
                      <abbr title={m} className="no-underline">
                        {m.slice(0, 3)}
                      </abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cal.sites.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className={`${cell} min-w-[10rem] text-left font-medium`}>
                      {s.name}
                    </th>
                    {s.byMonth.map((ds, i) => (
                      <td key={cal.months[i]} className={`${cell} min-w-[7rem]`}>
                        {ds.length > 0 && (
                          <ul className="space-y-1.5">
                            {ds.map((d) => (
                              <li key={d.id}>
                                <Link href={`/drills/${d.id}`}>{d.title}</Link>
                                <span className="block text-xs text-slate-600">
                                  {shortTypeLabel(d)} · {d.statusLabel} · <span className="tabular-nums">{d.actualStart ?? d.plannedDate}</span>
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
