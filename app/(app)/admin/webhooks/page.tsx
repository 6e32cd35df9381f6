import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { WEBHOOK_EVENT_LABELS, listWebhooks } from "@/lib/services/webhooks/manage-webhooks";
import { getDb } from "@/lib/server/db";
import { CreateWebhookForm, DisableWebhookForm } from "@/components/admin/webhook-forms";
import { formatUtc } from "@/components/signatures/signature-list";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { createWebhookAction, disableWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const STATE = { delivered: ["good", "Delivered"], pending: ["warn", "Waiting to retry"], failed: ["bad", "Failed"] } as const;

export default async function WebhooksPage() {
  const actor = await requirePageActor();
  if (!can(actor, "webhook.manage")) notFound();
  const db = await getDb();
  const { subscriptions, log } = listWebhooks(db, actor);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Clearline tells the hospital's other systems (an integration engine, a mail relay, a ticketing system) when people must act. Each request is signed: Clearline-Signature: t=<unix time>,v1=<HMAC-SHA256 of “t.body” with the subscription's secret>. Failed deliveries are retried after 1, 5, 30, 120 and 720 minutes."
      />
      <div className="space-y-6">
        <Card title="Subscriptions">
          {subscriptions.length === 0 ? (
            <p className="text-sm text-slate-600">No subscription yet.</p>
          ) : (
            <Table caption="Webhook subscriptions">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Receiver</Th>
                  <Th>Events</Th>
                  <Th>Deliveries</Th>
                  <Th>State</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {subscriptions.map((s) => (
                  <tr key={s.id}>
                    <Td className="break-words">{s.name}</Td>
                    <Td className="max-w-xs break-all font-mono text-xs">{s.url}</Td>
                    <Td>{s.events.join(", ")}</Td>
                    <Td className="whitespace-nowrap tabular-nums">
                      {s.delivered} delivered · {s.pending} waiting · {s.failed} failed
                    </Td>
                    <Td>{s.disabledAt ? <Badge tone="neutral">Disabled</Badge> : <Badge tone="good">Active</Badge>}</Td>
                    <Td>{!s.disabledAt && <DisableWebhookForm action={disableWebhookAction} id={s.id} name={s.name} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title="Delivery log (latest 50)">
          {log.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing sent yet.</p>
          ) : (
            <Table caption="Webhook deliveries">
              <thead>
                <tr>
                  <Th>Queued</Th>
                  <Th>Subscription</Th>
                  <Th>Event</Th>
                  <Th>Attempts</Th>
                  <Th>Outcome</Th>
                </tr>
              </thead>
              <tbody>
                {log.map((d) => (
                  <tr key={d.id}>
                    <Td className="whitespace-nowrap">{formatUtc(d.createdAt)}</Td>
                    <Td>{d.subscription}</Td>
                    <Td className="font-mono text-xs">{d.eventType}</Td>
                    <Td className="tabular-nums">{d.attempts}</Td>
                    <Td className="break-words">
                      <Badge tone={STATE[d.state][0]}>{STATE[d.state][1]}</Badge>
                      {d.state === "delivered" && d.deliveredAt && <span className="block text-xs text-slate-600">{formatUtc(d.deliveredAt)}</span>}
                      {d.state !== "delivered" && d.lastError && <span className="block text-xs text-slate-700">{d.lastError}</span>}
                      {d.state === "pending" && <span className="block text-xs text-slate-600">next try {formatUtc(d.nextAttemptAt)}</span>}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title="New subscription">
          <CreateWebhookForm
            action={createWebhookAction}
            events={Object.entries(WEBHOOK_EVENT_LABELS).map(([value, label]) => ({ value, label: `${value} — ${label}` }))}
          />
        </Card>
      </div>
    </>
  );
}
