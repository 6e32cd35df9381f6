import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getDb } from "@/lib/server/db";
import { canImportRecalls } from "@/lib/services/recalls/import-recalls";
import { listRecalls, recallFilterOptions } from "@/lib/services/recalls/list-recalls";
import { parseRecallListQuery } from "@/lib/validation/recalls";
import { QueryProblems } from "@/components/ui/query-problems";
import { ImportRecallsForm } from "@/components/recalls/recall-forms";
import { RecallClassBadge } from "@/components/recalls/labels";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { importRecallsAction } from "./actions";

export const metadata: Metadata = { title: "Recalls" };

const select = "block rounded-md border border-slate-300 px-3 py-2 text-sm";

export default async function RecallsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const { query, problems } = parseRecallListQuery(await searchParams);
  const rows = listRecalls(db, actor, query);
  const options = recallFilterOptions(db, actor);
  const mayImport = canImportRecalls(db, actor);
  return (
    <>
      <PageHeader
        title="Recalls"
        description="FDA medical device recalls (openFDA) matched to the inventory's models. A device has an outstanding recall until its action is recorded with a work order; each recall goes to the party the device class's signed RACI makes Responsible for “Handle recalls and field safety notices” (ID.AM-08)."
      />
      <div className="space-y-6">
        <QueryProblems problems={problems} />
        <Card>
          <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter recalls">
            <div className="space-y-1">
              <label htmlFor="recall-class" className="block text-sm font-medium text-slate-800">Recall class</label>
              <select id="recall-class" name="class" defaultValue={query.recallClass ?? ""} className={select}>
                <option value="">Any class</option>
                <option value="I">Class I</option>
                <option value="II">Class II</option>
                <option value="III">Class III</option>
                <option value="none">Class not stated</option>
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor="recall-status" className="block text-sm font-medium text-slate-800">Status</label>
              <select id="recall-status" name="status" defaultValue={query.status} className={select}>
                <option value="all">All recalls</option>
                <option value="outstanding">With outstanding devices</option>
                <option value="actioned">Every device actioned</option>
                <option value="review">Matches to review</option>
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor="recall-site" className="block text-sm font-medium text-slate-800">Site</label>
              <select id="recall-site" name="site" defaultValue={query.site ?? ""} className={select}>
                {actor.siteId == null && <option value="">All sites</option>}
                {options.sites.map((s) => (
                  <option key={s.id} value={s.id}>{s.name}</option>
                ))}
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor="recall-party" className="block text-sm font-medium text-slate-800">Routed to</label>
              <select id="recall-party" name="party" defaultValue={query.party === undefined ? "" : String(query.party)} className={select}>
                <option value="">Any party</option>
                <option value="none">No signed owner</option>
                {options.parties.map((p) => (
                  <option key={p.id} value={p.id}>{p.name}</option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>Show</button>
          </form>
          <p className="mt-3 text-sm text-slate-600" aria-live="polite">
            {rows.length} {rows.length === 1 ? "recall" : "recalls"}; {rows.reduce((n, r) => n + r.outstanding, 0)} outstanding {rows.reduce((n, r) => n + r.outstanding, 0) === 1 ? "device" : "devices"}.
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
                      <Link href={`/recalls/${r.id}`} className="font-medium">{r.recallNumber}</Link>
                      <span className="block text-xs text-slate-600">FDA: {r.status ?? "status not stated"}</span>
                    </Td>
                    <Td><RecallClassBadge recallClass={r.recallClass} /></Td>
                    <Td className="max-w-md break-words">
                      {r.firm ?? "Firm not stated"} · product code {r.productCode}
                      {r.productDescription && <span className="block text-slate-700">{r.productDescription.split("\n")[0]!.slice(0, 140)}</span>}
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums">{r.initiatedOn ?? "—"}</Td>
                    <Td className="tabular-nums">
                      {r.devices}
                      {r.awaitingReview > 0 && <span className="block text-xs text-amber-900">{r.awaitingReview} {r.awaitingReview === 1 ? "match" : "matches"} to review</span>}
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
