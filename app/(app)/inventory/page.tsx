import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getDb } from "@/lib/server/db";
import { clock } from "@/lib/clock";
import { readVersions } from "@/lib/services/versioned-cache";
import { parseDeviceListQuery } from "@/lib/validation/inventory";
import { deviceEditRights } from "@/lib/services/inventory/access";
import { deviceFilterOptions, dropUnknownFilterIds, listDevices } from "@/lib/services/inventory/list-devices";
import { getAccuracy } from "@/lib/services/inventory/get-accuracy";
import { buttonClass } from "@/components/ui/button";
import { QueryProblems } from "@/components/ui/query-problems";
import { Card, PageHeader } from "@/components/ui/card";
import { DeviceFilterBar } from "@/components/inventory/device-filter-bar";
import { DeviceTable } from "@/components/inventory/device-table";
import { AccuracyPanel } from "@/components/inventory/accuracy-panel";

export const metadata: Metadata = { title: "Inventory" };

type Search = Record<string, string | string[] | undefined>;

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const sp = await searchParams;
  const parsed = parseDeviceListQuery(sp);
  const known = dropUnknownFilterIds(db, actor, parsed.filter);
  const filter = known.filter;
  const problems = [...parsed.problems, ...known.problems];
  // The data-version counters once for the page: its list, options and accuracy panel are cut from one snapshot.
  const versions = readVersions(db);
  const today = clock.today();
  const result = listDevices(db, actor, filter, today, versions);
  const options = deviceFilterOptions(db, actor, versions);
  const accuracy = getAccuracy(db, actor, { siteId: filter.site ?? null }, today, versions);
  const rights = deviceEditRights(db, actor);
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([k, v]) => k !== "page" && v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const pageHref = (page: number) => `/inventory?${new URLSearchParams([...query, ["page", String(page)]])}`;
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every clinical device, where it is and whether its maker still supports it (CSF ID.AM-01, ID.AM-02, ID.AM-08). Imported from the CMMS; network facts kept by IT Infrastructure."
        actions={
          <>
            <Link href="/inventory/decisions" className={buttonClass("secondary")}>
              Replace or mitigate
            </Link>
            {rights.import && (
              <Link href="/inventory/import" className={buttonClass("primary")}>
                Import from the CMMS
              </Link>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <AccuracyPanel accuracy={accuracy} siteId={filter.site ?? null} />
        <Card
          title={`Devices (${result.total.toLocaleString("en-US")})`}
          actions={
            <div className="flex gap-3 text-sm">
              <a href={`/api/inventory/export?${new URLSearchParams([...query, ["format", "csv"]])}`}>Export CSV</a>
              <a href={`/api/inventory/export?${new URLSearchParams([...query, ["format", "xlsx"]])}`}>Export XLSX</a>
            </div>
          }
        >
          <QueryProblems problems={problems} />
          <DeviceFilterBar filter={filter} sites={options.sites} classes={options.classTree} manufacturers={options.manufacturers} models={options.models} />
          <DeviceTable rows={result.rows} />
          <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
            {result.page > 1 && <Link href={pageHref(result.page - 1)}>Previous page</Link>}
            <span>
              Page {result.page} of {result.pages}
            </span>
            {result.page < result.pages && <Link href={pageHref(result.page + 1)}>Next page</Link>}
          </nav>
        </Card>
      </div>
    </>
  );
}
