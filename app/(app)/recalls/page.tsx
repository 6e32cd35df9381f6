import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getDb } from "@/lib/server/db";
import { canImportRecalls } from "@/lib/services/recalls/import-recalls";
import { listRecalls, recallFilterOptions } from "@/lib/services/recalls/list-recalls";
import { RECALL_LIST_STATUSES, parseRecallListQuery } from "@/lib/validation/recalls";
import { RECALL_CLASSES } from "@/db/schema/recalls";
import { ImportRecallsForm } from "@/components/recalls/recall-forms";
import { RecallClassBadge } from "@/components/recalls/labels";
import { FilterBar } from "@/components/ui/filter-bar";
import { QueryProblems } from "@/components/ui/query-problems";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { importRecallsAction } from "./actions";

export const metadata: Metadata = { title: "Recalls" };

const STATUS_LABELS: Record<(typeof RECALL_LIST_STATUSES)[number], string> = {
  all: "All recalls",
  outstanding: "With outstanding devices",
  actioned: "Every device actioned",
  review: "Matches to review",
};

export default async function RecallsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { query, problems } = parseRecallListQuery(await searchParams);
  const filtered = Boolean(query.recallClass || query.status !== "all" || query.site || query.party);
  const rows = listRecalls(db, actor, query);
  const options = recallFilterOptions(db, actor);
  const mayImport = canImportRecalls(db, actor);
  return (
    <>
      <PageHeader
        title="Recalls"
        description="FDA medical device recalls (openFDA) matched to the inventory's models. A device has an outstanding recall until its action is recorded with a work order; each recall goes to the party the device class's signed RACI makes Responsible for “Handle recalls and field safety notices” (ID.AM-08)."
      />
      <QueryProblems problems={problems} />
      <div className="space-y-6">
        <Card>
          <FilterBar
            label="Filter recalls"
            clearHref="/recalls"
            showClear={filtered}
            submitLabel="Show"
            className="flex flex-wrap items-end gap-3"
            fields={[
              {
                kind: "select",
                name: "class",
                label: "Recall class",
                value: query.recallClass,
                all: "Any class",
                options: [...RECALL_CLASSES.map((c) => ({ value: c as string, label: `Class ${c}` })), { value: "none", label: "Class not stated" }],
              },
              {
                kind: "select",
                name: "status",
                label: "Status",
                value: query.status,
                all: false,
                options: RECALL_LIST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
              },
              {
                kind: "select",
                name: "site",
                label: "Site",
                value: query.site,
                all: actor.siteId == null ? "All sites" : false,
                options: options.sites.map((s) => ({ value: s.id, label: s.name })),
              },
              {
                kind: "select",
                name: "party",
                label: "Routed to",
                value: query.party,
                all: "Any party",
                options: [{ value: "none", label: "No signed owner" }, ...options.parties.map((p) => ({ value: p.id, label: p.name }))],
              },
            ]}
          />
          <p className="mt-3 text-sm text-slate-600" aria-live="polite">
            {rows.length} {rows.length === 1 ? "recall" : "recalls"}; {rows.reduce((n, r) => n + r.outstanding, 0)} outstanding{" "}
            {rows.reduce((n, r) => n + r.outstanding, 0) === 1 ? "device" : "devices"}.
          </p>
        </Card>
        <Card>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">No recall matches these filters.</p>
          ) : (
            <Table caption="Recalls, newest first">
              <thead>
                <tr>
                  <Th>Recall</Th>
                  <Th>Class</Th>
                  <Th>Firm and product</Th>
                  <Th>Initiated</Th>
                  <Th>Devices</Th>
                  <Th>Outstanding</Th>
                  <Th>Routed to</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <Td className="whitespace-nowrap">
                      <Link href={`/recalls/${r.id}`} className="font-medium">
                        {r.recallNumber}
                      </Link>
                      <span className="block text-xs text-slate-600">FDA: {r.status ?? "status not stated"}</span>
                    </Td>
                    <Td>
                      <RecallClassBadge recallClass={r.recallClass} />
                    </Td>
                    <Td className="max-w-md break-words">
                      {r.firm ?? "Firm not stated"} · product code {r.productCode}
                      {r.productDescription && <span className="block text-slate-700">{r.productDescription.split("\n")[0]!.slice(0, 140)}</span>}
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums">{r.initiatedOn ?? "—"}</Td>
                    <Td className="tabular-nums">
                      {r.devices}
                      {r.awaitingReview > 0 && (
                        <span className="block text-xs text-amber-900">
                          {r.awaitingReview} {r.awaitingReview === 1 ? "match" : "matches"} to review
                        </span>
                      )}
                    </Td>
                    <Td className="tabular-nums">{r.outstanding}</Td>
                    <Td>{r.owners.join("; ") || "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {mayImport && (
          <Card title="Import recalls">
            <ImportRecallsForm action={importRecallsAction} />
          </Card>
        )}
      </div>
    </>
  );
}
