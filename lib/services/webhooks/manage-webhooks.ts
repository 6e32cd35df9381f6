import crypto from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { webhookDeliveries, webhookSubscriptions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { seal } from "@/lib/server/secret-box";
import type { CreateWebhookInput } from "@/lib/validation/webhooks";
import { appendAudit } from "../audit/append-audit";

export const WEBHOOK_EVENT_LABELS = {
  "raci.awaiting_signature": "A RACI version waits for signatures",
  "kev.known_exploited_match":
    "A known-exploited CVE (CISA KEV) concerns us: a stored advisory's CVE joins KEV, or devices are newly matched to an advisory with one",
  "patch.past_due": "A patch item is past its due date",
} as const;

/** Creates a subscription; Clearline generates the signing secret and returns it once. Admin only. */
export function createWebhook(db: Db, actor: Actor, input: CreateWebhookInput, now = clock.now()): { id: number; secret: string } {
  assertCan(actor, "webhook.manage");
  const secret = `whsec_${crypto.randomBytes(32).toString("base64url")}`;
  const events = [...new Set(input.events)].sort();
  return writeTx(db, (tx) => {
    const row = tx
      .insert(webhookSubscriptions)
      .values({
        name: input.name,
        url: input.url,
        secretSealed: seal(secret),
        events: JSON.stringify(events),
        createdBy: actor.id,
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    appendAudit(tx, {
      actor,
      action: "WEBHOOK_CREATED",
      entityType: "webhook_subscription",
      entityId: row.id,
      newValues: { name: input.name, url: input.url, events },
      at: now,
    });
    return { id: row.id, secret };
  });
}

/** Stops a subscription: nothing more is queued for it, and what was queued fails with a reason. Admin only. */
export function disableWebhook(db: Db, actor: Actor, id: number, now = clock.now()): void {
  assertCan(actor, "webhook.manage");
  writeTx(db, (tx) => {
    const s = tx.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).get();
    if (!s) throw notFound("webhook subscription");
    if (s.disabledAt) throw new AppError("INVALID_STATE", `“${s.name}” is already disabled.`);
    tx.update(webhookSubscriptions)
      .set({ disabledAt: now.toISOString() })
      .where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.disabledAt)))
      .run();
    appendAudit(tx, { actor, action: "WEBHOOK_DISABLED", entityType: "webhook_subscription", entityId: id, oldValues: { name: s.name, url: s.url }, at: now });
  });
}

/** Subscriptions with their delivery counts, and the latest deliveries (the log admins read). Admin only. */
export function listWebhooks(db: Db, actor: Actor, opts: { log?: number } = {}) {
  assertCan(actor, "webhook.manage");
  const subscriptions = db
    .select({
      id: webhookSubscriptions.id,
      name: webhookSubscriptions.name,
      url: webhookSubscriptions.url,
      events: webhookSubscriptions.events,
      createdAt: webhookSubscriptions.createdAt,
      disabledAt: webhookSubscriptions.disabledAt,
      delivered: sql<number>`(select count(*) from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.state = 'delivered')`,
      pending: sql<number>`(select count(*) from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.state = 'pending')`,
      failed: sql<number>`(select count(*) from webhook_deliveries d where d.subscription_id = webhook_subscriptions.id and d.state = 'failed')`,
    })
    .from(webhookSubscriptions)
    .orderBy(desc(webhookSubscriptions.id))
    .all()
    .map((s) => ({ ...s, events: JSON.parse(s.events) as string[] }));
  const log = db
    .select({
      id: webhookDeliveries.id,
      subscription: webhookSubscriptions.name,
      eventType: webhookDeliveries.eventType,
      eventId: webhookDeliveries.eventId,
      state: webhookDeliveries.state,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(opts.log ?? 50)
    .all();
  return { subscriptions, log };
}
