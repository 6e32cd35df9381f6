import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/server/route-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { listParties, listSites } from "@/lib/services/admin/list-org";
import { itemsByParty } from "@/lib/services/action-items/items-by-party";
import { listActionItems } from "@/lib/services/action-items/list-action-items";
import { type ItemFilter } from "@/lib/services/action-items/action-item-records";
import { getDb } from "@/lib/server/db";
import { FilterBar } from "@/components/ui/filter-bar";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ActionItemTable } from "@/components/action-items/action-item-table";
import { ACTION_ITEM_STATUS_LABELS } from "@/lib/rules/action-items";
import { updateItemStatusAction } from "../_shared/action-items/actions";
import { QueryProblems } from "@/components/ui/query-problems";

export const metadata: Metadata = { title: "Action items" };

type Search = Record<string, string | string[] | undefined>;

const STATUS_FILTERS = { ...ACTION_ITEM_STATUS_LABELS, not_closed: "Not closed" } as const;
const SOURCE_FILTERS = { drill: "Drill", assessment_gap: "Assessment gap" } as const;

/** Filters from the query string; a malformed one is ignored and named above the list. */
const itemQuery = {
  party: q.id("Party"),
  status: q.enum("Status", Object.keys(STATUS_FILTERS) as (keyof typeof STATUS_FILTERS)[]),
  overdue: q.flag(),
  source: q.enum("Source", Object.keys(SOURCE_FILTERS) as (keyof typeof SOURCE_FILTERS)[]),
  mine: q.flag(),
  site: q.id("Site"),
};
function parseFilter(sp: Search): { filter: ItemFilter; problems: string[] } {
  const { query, problems } = parseQuery(itemQuery, sp);
  return {
    filter: { partyId: query.party, status: query.status, overdue: query.overdue, source: query.source, mine: query.mine, siteId: query.site },
    problems,
  };
}

export default async function ActionItemsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { filter, problems } = parseFilter(await searchParams);
  let rows, summary;
  try {
    rows = listActionItems(db, actor, filter);
    summary = itemsByParty(db, actor);
  } catch (e) {
    if (e instanceof AppError && e.code === "FORBIDDEN") notFound();
    throw e;
  }
  const parties = listParties(db, actor).filter((p) => !p.archivedAt);
  const sites = listSites(db, actor).filter((s) => !s.archivedAt);
  const filtered = Boolean(filter.partyId || filter.status || filter.overdue || filter.source || filter.mine || filter.siteId);

  return (
    <>
      <PageHeader
        title="Action items"
        description="Every improvement item from drills and every gap item from CSF assessments, with its owner party, person, due date and status. Closing an item needs closure evidence (CSF ID.IM-02, ID.IM-04)."
      />
      <QueryProblems problems={problems} />
      <div className="space-y-6">
        <Card title="Open items by party">
          {summary.length === 0 ? (
            <p className="text-sm text-slate-600">No open action item.</p>
          ) : (
            <Table caption="Open items by party">
              <thead>
                <tr>
                  <Th>Owner party</Th>
                  <Th>Open</Th>
                  <Th>Overdue</Th>
                </tr>
              </thead>
              <tbody>
                {summary.map((s) => (
                  <tr key={s.partyId}>
                    <Td>{s.party}</Td>
                    <Td className="tabular-nums">
                      <Link href={`/actions?party=${s.partyId}&status=not_closed`}>
                        {s.open}
                        <span className="sr-only"> open items of {s.party}</span>
                      </Link>
                    </Td>
                    <Td className="tabular-nums">
                      {s.overdue === 0 ? (
                        <>
                          0<span className="sr-only"> overdue items of {s.party}</span>
                        </>
                      ) : (
                        <Link href={`/actions?party=${s.partyId}&status=not_closed&overdue=1`} className="font-semibold text-red-800">
                          {s.overdue}
                          <span className="sr-only"> overdue items of {s.party}</span>
                        </Link>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        <Card title="All action items">
          <FilterBar
            label="Filter action items"
            clearHref="/actions"
            showClear={filtered}
            className="mb-4 grid gap-3 md:grid-cols-4 xl:grid-cols-7"
            fields={[
              {
                kind: "select",
                name: "party",
                label: "Owner party",
                value: filter.partyId,
                all: "All parties",
                options: parties.map((p) => ({ value: p.id, label: p.name })),
              },
              {
                kind: "select",
                name: "site",
                label: "Site",
                value: filter.siteId,
                all: "All sites",
                options: sites.map((s) => ({ value: s.id, label: s.name })),
              },
              {
                kind: "select",
                name: "status",
                label: "Status",
                value: filter.status,
                all: "All statuses",
                options: Object.entries(STATUS_FILTERS).map(([value, label]) => ({ value, label })),
              },
              {
                kind: "select",
                name: "source",
                label: "Source",
                value: filter.source,
                all: "All sources",
                options: Object.entries(SOURCE_FILTERS).map(([value, label]) => ({ value, label })),
              },
              { kind: "checkbox", name: "overdue", label: "Overdue only", checked: filter.overdue },
              { kind: "checkbox", name: "mine", label: "Mine only (assigned to me or a party I lead)", checked: filter.mine },
            ]}
          />
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">{filtered ? "No action item matches these filters." : "No action item yet."}</p>
          ) : (
            <ActionItemTable
              caption="Action items"
              columns={["source", "capability", "party", "person", "due"]}
              rows={rows.map((i) => ({ ...i, source: { label: i.source, href: i.sourceHref } }))}
              updateAction={updateItemStatusAction}
            />
          )}
        </Card>
      </div>
    </>
  );
}
