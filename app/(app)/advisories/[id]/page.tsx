import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { loadOr404, pathId } from "@/lib/server/route-params";
import { getAdvisory } from "@/lib/services/advisories/get-advisory";
import { getDb } from "@/lib/server/db";
import { KnownExploitedBadge, REMEDIATION_LABELS, SeverityText } from "@/components/advisories/labels";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { formatUtc } from "@/components/signatures/signature-list";
import { AdvisoryMatches } from "@/components/advisories/advisory-matches";
import { listAdvisoryMatches } from "@/lib/services/advisories/list-advisory-matches";
import { clock } from "@/lib/clock";
import { recordOemPositionAction, reviewMatchAction } from "../actions";

export const metadata: Metadata = { title: "Advisory" };

export default async function AdvisoryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const r = loadOr404(() => getAdvisory(db, actor, id));
  const { advisory: a, products, vulnerabilities, imports } = r;
  const exploited = vulnerabilities.filter((v) => v.kev);
  const matches = listAdvisoryMatches(db, actor, id);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/advisories">← Advisories</Link>
      </p>
      <PageHeader
        title={a.trackingId}
        description={
          <>
            <span className="block break-words text-base text-slate-800">{a.title}</span>
            Published by {a.publisher} on {a.initialReleaseDate}
            {a.currentReleaseDate !== a.initialReleaseDate ? `, revision ${a.version} of ${a.currentReleaseDate}` : ""}.
          </>
        }
      />
      <div className="space-y-6">
        {exploited.length > 0 && (
          <p className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
            <strong>Known exploited:</strong> {exploited.map((v) => v.cve).join(", ")} {exploited.length === 1 ? "is" : "are"} on CISA&apos;s Known Exploited
            Vulnerabilities catalog.
          </p>
        )}
        <AdvisoryMatches view={matches} reviewAction={reviewMatchAction} oemAction={recordOemPositionAction} today={clock.today()} />
        <Card title={`Products (${products.length})`}>
          <Table caption="Products the advisory names, with how Clearline reads their version text">
            <thead>
              <tr>
                <Th>Vendor</Th>
                <Th>Product</Th>
                <Th>Versions</Th>
                <Th>Reading</Th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id}>
                  <Td className="break-words">{p.vendor}</Td>
                  <Td className="max-w-md break-words">
                    {p.productName}
                    {p.removedInVersion && <span className="block text-xs text-slate-600">No longer listed since revision {p.removedInVersion}</span>}
                  </Td>
                  <Td className="max-w-xs break-words font-mono text-xs">{p.versionText ?? "—"}</Td>
                  <Td>
                    {p.exact ? (
                      <span className="text-slate-700">{p.reading}</span>
                    ) : (
                      <Badge tone="warn">Possible match — {p.reading.replace(/^read by a person: /, "")}</Badge>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card title={`Vulnerabilities (${vulnerabilities.length})`}>
          <ol className="space-y-5">
            {vulnerabilities.map((v) => (
              <li key={v.id} className="border-b border-slate-100 pb-4 last:border-0">
                <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                  {v.cve ?? `Vulnerability ${v.ordinal}`}
                  {v.cvssScore !== null && v.severity && <SeverityText score={v.cvssScore} severity={v.severity} />}
                  {v.kev && <KnownExploitedBadge dateAdded={v.kev.dateAdded} />}
                </h3>
                <p className="text-sm text-slate-700">
                  {v.cweId ? `${v.cweId}${v.cweName ? ` ${v.cweName}` : ""}` : "No CWE given"}
                  {v.cvssVector && <span className="block break-all font-mono text-xs text-slate-600">{v.cvssVector}</span>}
                  {v.cvssComputed !== null && v.cvssScore !== null && v.cvssComputed !== v.cvssScore && (
                    <span className="block text-amber-900">
                      The published score {v.cvssScore} does not match its vector ({v.cvssComputed}).
                    </span>
                  )}
                </p>
                {v.summary && <p className="mt-1 max-w-4xl break-words text-sm">{v.summary}</p>}
                <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
                  <dt className="font-medium">Affected</dt>
                  <dd className="break-words">{v.affected.length ? v.affected.join("; ") : "—"}</dd>
                  {v.fixed.length > 0 && (
                    <>
                      <dt className="font-medium">Fixed</dt>
                      <dd className="break-words">{v.fixed.join("; ")}</dd>
                    </>
                  )}
                  {v.notAffected.length > 0 && (
                    <>
                      <dt className="font-medium">Not affected</dt>
                      <dd className="break-words">{v.notAffected.join("; ")}</dd>
                    </>
                  )}
                </dl>
                {v.remediations.length > 0 && (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer font-medium">Remediations ({v.remediations.length})</summary>
                    <ul className="mt-1 list-disc space-y-1 pl-5">
                      {v.remediations.map((rem, i) => (
                        <li key={i} className="break-words">
                          <strong>{REMEDIATION_LABELS[rem.category] ?? rem.category}:</strong> {rem.details}{" "}
                          {rem.url && (
                            <a href={rem.url} rel="noopener noreferrer nofollow" target="_blank" className="break-all">
                              {rem.url}
                            </a>
                          )}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ol>
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Revision history (publisher)">
            <ul className="space-y-1 text-sm">
              {a.revisions.map((rev) => (
                <li key={rev.number} className="break-words">
                  <span className="tabular-nums">{rev.date}</span> · revision {rev.number}: {rev.summary}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Imports into Clearline">
            <ul className="space-y-1 text-sm">
              {imports.map((i, k) => (
                <li key={k} className="break-words">
                  {formatUtc(i.at)} · {i.by} · revision {i.version} · {i.outcome} · {i.fileName}
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
