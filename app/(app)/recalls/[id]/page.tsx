import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { clock } from "@/lib/clock";
import { getDb } from "@/lib/server/db";
import { loadOr404, pathId } from "@/lib/server/route-params";
import { getRecall } from "@/lib/services/recalls/get-recall";
import { OwnerList, RecallClassBadge } from "@/components/recalls/labels";
import { RecordRecallActionForm, ReviewMatchForm } from "@/components/recalls/recall-forms";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { FactList } from "@/components/ui/fact-list";
import { Table, Td, Th } from "@/components/ui/table";
import { recordRecallActionAction, reviewRecallMatchAction } from "../actions";

export const metadata: Metadata = { title: "Recall" };

const CONFIDENCE = { matched: "Matched: code, maker and model agree", confirm: "Possible match — confirm" } as const;
const ACTION = { done: "Corrective action done", not_affected: "Checked: not affected" } as const;

export default async function RecallPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const v = loadOr404(() => getRecall(db, actor, id));
  const r = v.recall;
  const today = clock.today();
  const facts: [string, React.ReactNode][] = [
    ["Recall number", r.recallNumber],
    ["Class", <RecallClassBadge key="c" recallClass={r.recallClass} />],
    ["Recalling firm", r.firm ?? "Not stated"],
    ["Product code", r.productCode],
    ["Initiated", r.initiatedOn ?? "—"],
    ["Posted", r.postedOn ?? "—"],
    ["Terminated by FDA", r.terminatedOn ?? "—"],
    ["FDA status", r.status ?? "—"],
  ];
  const outstanding = v.devices.filter((d) => !d.actionId);
  return (
    <>
      <PageHeader title={`Recall ${r.recallNumber}`} description={r.firm ?? undefined} actions={<Link href="/recalls">Back to recalls</Link>} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="What FDA says">
          <FactList facts={facts} />
          {r.productDescription && (
            <p className="mt-3 whitespace-pre-line text-sm">
              <strong>Product:</strong> {r.productDescription}
            </p>
          )}
          {r.reason && (
            <p className="mt-2 whitespace-pre-line text-sm">
              <strong>Reason:</strong> {r.reason}
            </p>
          )}
          <p className="mt-3 text-xs text-slate-600">
            Imported {v.history.length} {v.history.length === 1 ? "time with new content" : "times with new content"}:{" "}
            {v.history.map((h) => `${h.importedAt.slice(0, 10)} (${h.source}, ${h.fileName})`).join("; ")}.
          </p>
        </Card>
        <Card title="Matched models">
          {v.matches.length === 0 ? (
            <p className="text-sm text-slate-600">No model in the inventory matches this recall&apos;s product code, firm or description.</p>
          ) : (
            <ul className="space-y-4 text-sm">
              {v.matches.map((m) => (
                <li key={m.id} className="border-l-2 border-slate-300 pl-3">
                  <p>
                    <Link href={`/inventory/models/${m.modelId}`} className="font-medium">
                      {m.manufacturer} {m.model}
                    </Link>{" "}
                    <Badge
                      tone={m.reviewDecision === "dismissed" ? "neutral" : m.confidence === "matched" || m.reviewDecision === "confirmed" ? "bad" : "warn"}
                    >
                      {m.reviewDecision === "confirmed" ? "Confirmed" : m.reviewDecision === "dismissed" ? "Dismissed" : CONFIDENCE[m.confidence]}
                    </Badge>
                  </p>
                  <p className="text-slate-700">Why: {m.reason}.</p>
                  {m.reviewDecision && (
                    <p className="text-slate-700">
                      {m.reviewDecision === "confirmed" ? "Confirmed" : "Dismissed"} by {m.reviewer} on {m.reviewedAt!.slice(0, 10)}: {m.reviewReason}
                    </p>
                  )}
                  {!m.reviewDecision && v.mayReview && (
                    <ReviewMatchForm action={reviewRecallMatchAction} matchId={m.id} model={`${m.manufacturer} ${m.model}`} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Devices (${v.devices.length}, ${outstanding.length} outstanding)`} className="lg:col-span-2">
          {v.devices.length === 0 ? (
            <p className="text-sm text-slate-600">No device in service{actor.siteId != null ? " at your site" : ""} is of a model this recall applies to.</p>
          ) : (
            <Table caption="Devices this recall applies to">
              <thead>
                <tr>
                  <Th>Device</Th>
                  <Th>Site</Th>
                  <Th>Routed to</Th>
                  <Th>Action</Th>
                </tr>
              </thead>
              <tbody>
                {v.devices.map((d) => (
                  <tr key={d.deviceId}>
                    <Td className="whitespace-nowrap">
                      <Link href={`/inventory/devices/${d.deviceId}`} className="font-medium">
                        {d.assetTag}
                      </Link>
                      <span className="block text-xs text-slate-600">
                        {d.model}
                        {d.deviceClass ? ` · ${d.deviceClass}` : " · not classified"}
                      </span>
                    </Td>
                    <Td>{d.site}</Td>
                    <Td>
                      <OwnerList owners={d.owners} />
                    </Td>
                    <Td className="min-w-72">
                      {d.actionId ? (
                        <span>
                          <Badge tone="good">{ACTION[d.actionState!]}</Badge> {d.actionOn} · work order {d.workOrder}
                        </span>
                      ) : d.mayRecord ? (
                        <details>
                          <summary className="cursor-pointer">
                            <Badge tone="bad">Outstanding</Badge> Record the action
                          </summary>
                          <RecordRecallActionForm action={recordRecallActionAction} recallId={r.id} deviceId={d.deviceId} assetTag={d.assetTag} today={today} />
                        </details>
                      ) : (
                        <Badge tone="bad">Outstanding</Badge>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
