import crypto from "node:crypto";
import { isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { webhookDeliveries, webhookSubscriptions, type WEBHOOK_EVENTS } from "@/db/schema";

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Puts an event in the outbox for every active subscription to it, inside the caller's transaction: the event exists
 * exactly when the change that raised it committed. Delivery happens later (deliver-due-webhooks.ts).
 */
export function enqueueWebhookEvent(tx: DbOrTx, type: WebhookEvent, data: Record<string, unknown>, now: Date): number {
  const subs = tx.select().from(webhookSubscriptions).where(isNull(webhookSubscriptions.disabledAt)).all();
  const targets = subs.filter((s) => (JSON.parse(s.events) as string[]).includes(type));
  if (targets.length === 0) return 0;
  const eventId = crypto.randomUUID();
  const at = now.toISOString();
  const payload = JSON.stringify({ id: eventId, type, createdAt: at, data });
  tx.insert(webhookDeliveries)
    .values(targets.map((s) => ({ subscriptionId: s.id, eventType: type, eventId, payload, nextAttemptAt: at, createdAt: at })))
    .run();
  return targets.length;
}
