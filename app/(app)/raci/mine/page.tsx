import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { joinNames, LETTER_NAMES } from "@/lib/rules/raci";
import { RESPONSIBILITY_LABELS, listMyResponsibilities, type ResponsibilityStatus } from "@/lib/services/raci/my-responsibilities";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { FilterBar } from "@/components/ui/filter-bar";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { QueryProblems } from "@/components/ui/query-problems";

export const metadata: Metadata = { title: "My responsibilities" };

const TONE: Record<ResponsibilityStatus, "good" | "info" | "warn"> = { effective: "good", pending: "info", unsigned: "warn" };
const STATUSES = Object.keys(RESPONSIBILITY_LABELS) as ResponsibilityStatus[];

export default async function MyResponsibilitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const { hasParty, parties, rows: all } = listMyResponsibilities(await getDb(), actor);
  const { query, problems } = parseQuery({ status: q.enum("Status", STATUSES) }, await searchParams);
  const filter = query.status;
  const rows = filter ? all.filter((r) => r.status === filter) : all;
  const partyNames = joinNames(parties.map((p) => p.name));
  const count = (s: ResponsibilityStatus) => all.filter((r) => r.status === s).length;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/raci">RACI coverage</Link>
      </nav>
      <PageHeader
        title="My responsibilities"
        description={
          hasParty && partyNames
            ? `Every device class and activity where ${partyNames} ${parties.length === 1 ? "is" : "are"} Responsible or Accountable, and whether that is signed.`
            : "Every device class and activity where your party is Responsible or Accountable, and whether that is signed."
        }
      />
      <QueryProblems problems={problems} />
      <Card>
        {!hasParty ? (
          <p className="text-sm text-slate-700">
            Your account does not belong to a party and does not lead one, so no responsibilities are assigned to you. Responsibilities are held by parties
            (Clinical Engineering, IT Infrastructure…): an admin can set your party on the Users page. You can still see who holds each duty on{" "}
            <Link href="/raci/who-owns">Who owns this?</Link>.
          </p>
        ) : all.length === 0 ? (
          <p className="text-sm text-slate-700">{partyNames || "Your party"} holds no Responsible or Accountable letter in any active device class.</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-700">
              {all.length} {all.length === 1 ? "responsibility" : "responsibilities"}: {count("effective")} {RESPONSIBILITY_LABELS.effective.toLowerCase()},{" "}
              {count("pending")} {RESPONSIBILITY_LABELS.pending.toLowerCase()}, {count("unsigned")} {RESPONSIBILITY_LABELS.unsigned.toLowerCase()}.
            </p>
            <FilterBar
              label="Filter my responsibilities"
              action="/raci/mine"
              idPrefix="m"
              clearHref="/raci/mine"
              showClear={Boolean(filter)}
              clearLabel="Clear filter"
              submitLabel="Filter"
              fields={[
                {
                  kind: "select",
                  name: "status",
                  label: "Status",
                  value: filter,
                  all: "All statuses",
                  options: STATUSES.map((s) => ({ value: s, label: `${RESPONSIBILITY_LABELS[s]} (${count(s)})` })),
                },
              ]}
            />
            {filter && (
              <p className="mb-2 text-sm text-slate-600">
                Showing {rows.length} of {all.length} with status “{RESPONSIBILITY_LABELS[filter]}”.
              </p>
            )}
            <Table caption={`Responsibilities of ${partyNames || "my party"} by device class and activity, with sign-off status`}>
              <thead>
                <tr>
                  <Th>Device class</Th>
                  <Th>Activity</Th>
                  <Th>Party</Th>
                  <Th>Letter</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.classId}:${r.activityId}:${r.partyId}`}>
                    <Td>
                      <Link href={`/raci/${r.classId}`}>{r.className}</Link>
                      {r.classPath.length > 1 && <span className="block text-xs text-slate-600">{r.classPath.slice(0, -1).join(" › ")}</span>}
                    </Td>
                    <Td>
                      {r.activityName}
                      {r.csfRefs.length > 0 && <span className="block text-xs text-slate-600">{r.csfRefs.join(", ")}</span>}
                    </Td>
                    <Td>{r.partyName}</Td>
                    <Td>
                      <strong>{r.letter}</strong> {LETTER_NAMES[r.letter]}
                    </Td>
                    <Td>
                      <Badge tone={TONE[r.status]}>{RESPONSIBILITY_LABELS[r.status]}</Badge>
                      {r.versionNo != null && <span className="ml-1 text-xs text-slate-600">version {r.versionNo}</span>}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
      </Card>
    </>
  );
}
