import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { severityOf } from "@/lib/rules/patch-priority";
import { kevCatalogStatus, listAdvisories } from "@/lib/services/advisories/list-advisories";
import { getDb } from "@/lib/server/db";
import { advisoryListQuery } from "@/lib/validation/advisories";
import { parseQuery } from "@/lib/server/route-params";
import { ImportAdvisoriesForm, ImportKevForm } from "@/components/advisories/import-forms";
import { KnownExploitedBadge, SeverityText } from "@/components/advisories/labels";
import { FilterBar } from "@/components/ui/filter-bar";
import { QueryProblems } from "@/components/ui/query-problems";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { importAdvisoriesAction, importKevAction, rematchAllAction } from "./actions";
import { RematchAllForm } from "@/components/advisories/match-forms";
import { inventoryParties } from "@/lib/services/inventory/access";

export const metadata: Metadata = { title: "Advisories" };

export default async function AdvisoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { query, problems } = parseQuery(advisoryListQuery, await searchParams);
  const filtered = Boolean(query.q || query.kev);
  const rows = listAdvisories(db, actor, { q: query.q, knownExploitedOnly: query.kev === true });
  const kev = kevCatalogStatus(db, actor);
  const mayImport = can(actor, "advisory.import");
  const mayRematch = can(actor, "advisory.match", { partyId: inventoryParties(db).clinicalEngineering });
  return (
    <>
      <PageHeader
        title="Advisories"
        actions={<Link href="/advisories/oem-overdue">OEM overdue answers</Link>}
        description="Vulnerability advisories for medical devices (CISA ICSMA in CSAF 2.0) and CISA's catalog of known exploited vulnerabilities. A CVE on the catalog is marked “known exploited” wherever it shows."
      />
      <QueryProblems problems={problems} />
      <div className="space-y-6">
        <Card>
          <FilterBar
            label="Find advisories"
            clearHref="/advisories"
            showClear={filtered}
            submitLabel="Show"
            className="flex flex-wrap items-end gap-3"
            fields={[
              {
                kind: "text",
                name: "q",
                label: "Search",
                value: query.q,
                maxLength: 100,
                placeholder: "Tracking id, title, vendor, product or CVE",
                className: "w-72 max-w-full",
              },
              { kind: "checkbox", name: "kev", label: "Only with known exploited CVEs", checked: query.kev },
            ]}
          />
          <p className="mt-3 text-sm text-slate-600" aria-live="polite">
            {rows.length} {rows.length === 1 ? "advisory" : "advisories"}
            {filtered ? " match" : ""}. KEV catalog:{" "}
            {kev.entries ? `${kev.entries.toLocaleString("en-US")} entries, version ${kev.catalogVersion}` : "not imported yet"}.
          </p>
        </Card>
        <Card>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">
              No advisory {filtered ? "matches" : "yet"}.{mayImport && !query.q ? " Import CSAF files below." : ""}
            </p>
          ) : (
            <Table caption="Advisories, newest first">
              <thead>
                <tr>
                  <Th>Advisory</Th>
                  <Th>Vendor</Th>
                  <Th>Published</Th>
                  <Th>CVEs</Th>
                  <Th>Worst CVSS</Th>
                  <Th>Known exploited</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <Td className="max-w-xl break-words">
                      <Link href={`/advisories/${a.id}`} className="font-medium">
                        {a.trackingId}
                      </Link>
                      <span className="block text-slate-700">{a.title}</span>
                    </Td>
                    <Td className="max-w-xs break-words">{a.vendors}</Td>
                    <Td className="whitespace-nowrap tabular-nums">
                      {a.initialReleaseDate}
                      {a.currentReleaseDate !== a.initialReleaseDate && <span className="block text-xs text-slate-600">updated {a.currentReleaseDate}</span>}
                    </Td>
                    <Td className="tabular-nums">{a.vulnerabilities}</Td>
                    <Td className="whitespace-nowrap">{a.maxCvss === null ? "—" : <SeverityText score={a.maxCvss} severity={severityOf(a.maxCvss)} />}</Td>
                    <Td>{a.knownExploited > 0 ? <KnownExploitedBadge count={a.knownExploited} /> : <span className="text-slate-600">None</span>}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {mayRematch && (
          <Card title="Matching to the inventory">
            <p className="mb-3 text-sm text-slate-700">
              Advisories are matched to devices after every advisory import and CMMS import. Re-match all after correcting a manufacturer alias, a model or a
              version.
            </p>
            <RematchAllForm action={rematchAllAction} />
          </Card>
        )}
        {mayImport && (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Import advisories">
              <ImportAdvisoriesForm action={importAdvisoriesAction} />
            </Card>
            <Card title="Import the KEV catalog">
              <ImportKevForm action={importKevAction} />
            </Card>
          </div>
        )}
      </div>
    </>
  );
}
