import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getDb } from "@/lib/server/db";
import { parseQuery, q } from "@/lib/server/route-params";
import { QueryProblems } from "@/components/ui/query-problems";
import { listAffectedDevices } from "@/lib/services/advisories/list-affected-devices";
import { CONFIDENCE_LABELS } from "@/components/advisories/advisory-matches";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

export const metadata: Metadata = { title: "Devices affected by advisories" };

const affectedQuery = { kev: q.flag(), review: q.flag(), unpatched: q.flag(), site: q.id("Site") };

export default async function AffectedDevicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { query, problems } = parseQuery(affectedQuery, await searchParams);
  const kev = query.kev === true;
  const review = query.review === true;
  const unpatched = query.unpatched === true && !review;
  const { total, devices, rows } = listAffectedDevices(db, actor, { kev, review, unpatched, siteId: query.site ?? null });
  const title = review
    ? "Possible matches awaiting review"
    : `${kev ? "Devices affected by known-exploited vulnerabilities" : "Devices affected by advisories"}${unpatched ? ", not yet patched" : ""}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/advisories">← Advisories</Link>
      </p>
      <PageHeader title={title} description="One row per device and advisory. Open an advisory to review its possible matches or record the OEM's answer." />
      <QueryProblems problems={problems} />
      <Card>
        <p className="mb-3 text-sm text-slate-600" aria-live="polite">
          {devices.toLocaleString("en-US")} {devices === 1 ? "device" : "devices"} in {total.toLocaleString("en-US")} {total === 1 ? "row" : "rows"}
          {total > rows.length ? `, the first ${rows.length} shown` : ""}.
        </p>
        {rows.length > 0 && (
          <Table caption={title}>
            <thead>
              <tr>
                <Th>Device</Th>
                <Th>Site</Th>
                <Th>Model and version</Th>
                <Th>Advisory</Th>
                <Th>Match</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.matchId}>
                  <Td>
                    <Link href={`/inventory/devices/${r.deviceId}`}>{r.assetTag}</Link>
                  </Td>
                  <Td>{r.site}</Td>
                  <Td>
                    {r.model ?? "—"} {r.version ?? "(version unknown)"}
                  </Td>
                  <Td>
                    <Link href={`/advisories/${r.advisoryId}`}>{r.trackingId}</Link> {r.kev && <Badge tone="bad">Known exploited</Badge>}
                  </Td>
                  <Td className="max-w-md break-words text-sm">
                    <span className="font-medium">{CONFIDENCE_LABELS[r.confidence]}</span>: {r.reason}
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
