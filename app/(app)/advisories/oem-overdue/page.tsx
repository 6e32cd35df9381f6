import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getDb } from "@/lib/server/db";
import { parseQuery } from "@/lib/server/route-params";
import { oemOverdueQuery } from "@/lib/validation/advisories";
import { QueryProblems } from "@/components/ui/query-problems";
import { FDA_GUIDANCE } from "@/lib/rules/oem-clock";
import { listOemOverdue } from "@/lib/services/advisories/list-oem-overdue";
import { OemPositionBadge } from "@/components/advisories/advisory-matches";
import { FilterBar } from "@/components/ui/filter-bar";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

export const metadata: Metadata = { title: "OEM overdue answers" };

export default async function OemOverduePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { query, problems } = parseQuery(oemOverdueQuery, await searchParams);
  const mine = query.mine === true;
  const rows = listOemOverdue(db, actor, { mine, siteId: query.site ?? null });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/advisories">← Advisories</Link>
      </p>
      <PageHeader
        title="OEM overdue answers"
        description={`Manufacturers to chase, per advisory and model with affected devices. ${FDA_GUIDANCE}. Chased by the parties the device class's signed RACI names for "OEM contract security terms".`}
      />
      <QueryProblems problems={problems} />
      <Card>
        <FilterBar
          label="Filter OEM overdue answers"
          keep={{ site: query.site }}
          submitLabel="Show"
          className="mb-3 flex flex-wrap items-end gap-3"
          fields={[{ kind: "checkbox", name: "mine", label: "Only those my party chases", checked: mine }]}
        />
        <p className="mb-3 text-sm text-slate-600" aria-live="polite">
          {rows.length} overdue {rows.length === 1 ? "answer" : "answers"}.
        </p>
        {rows.length > 0 && (
          <Table caption="OEM answers overdue under the FDA clocks, oldest first">
            <thead>
              <tr>
                <Th>Advisory</Th>
                <Th>Model</Th>
                <Th>Affected devices</Th>
                <Th>OEM position</Th>
                <Th>Overdue</Th>
                <Th>Chased by</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.advisoryId}-${r.modelId}`}>
                  <Td>
                    <Link href={`/advisories/${r.advisoryId}`}>{r.trackingId}</Link>
                    <span className="block text-xs text-slate-600">published {r.initialReleaseDate}</span>
                  </Td>
                  <Td>
                    {r.manufacturer} {r.model}
                  </Td>
                  <Td className="tabular-nums">{r.affectedDevices}</Td>
                  <Td>
                    <OemPositionBadge position={r.position} />
                  </Td>
                  <Td className="max-w-md break-words text-sm">{r.summary}</Td>
                  <Td className="text-sm">
                    {r.chasers.length ? r.chasers.map((c) => `${c.party} (${c.letter})`).join(", ") : <Badge tone="warn">No signed owner</Badge>}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
