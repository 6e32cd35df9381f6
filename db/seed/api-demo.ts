import crypto from "node:crypto";
import type { Tx } from "../client";
import { apiTokens, webhookDeliveries, webhookSubscriptions } from "../schema";
import { seal } from "@/lib/server/secret-box";
import { appendAudit } from "@/lib/services/audit/append-audit";

/**
 * One service token, as the CMMS integration would have: its secret was shown once at creation and is not known to
 * anyone (a random value, only the digest stored), so the demo lists it without giving API access.
 */
export function seedApiTokenDemo(tx: Tx, admin: { id: number; name: string; email: string }, now: Date): void {
  const prefix = crypto.randomBytes(4).toString("hex");
  const digest = crypto.createHash("sha256").update(crypto.randomBytes(32).toString("base64url")).digest("hex");
  const expiresOn = new Date(now.getTime() + 180 * 86_400_000).toISOString().slice(0, 10);
  const row = tx
    .insert(apiTokens)
    .values({
      name: "Lakeside CMMS nightly sync",
      prefix,
      secretSha256: digest,
      scopes: JSON.stringify(["read", "write:inventory"]),
      siteId: null,
      expiresOn,
      createdBy: admin.id,
      createdAt: now.toISOString(),
    })
    .returning()
    .get();
  appendAudit(tx, {
    actor: admin,
    action: "API_TOKEN_CREATED",
    entityType: "api_token",
    entityId: row.id,
    newValues: { name: row.name, prefix, scopes: ["read", "write:inventory"], siteId: null, expiresOn },
    at: now,
  });
}

/**
 * A webhook subscription as the integration engine had it, now disabled, with the one event it received. Disabled
 * on purpose: a demo server must never send requests to an address outside this machine.
 */
export function seedWebhookDemo(tx: Tx, admin: { id: number; name: string; email: string }, now: Date): void {
  const at = now.toISOString();
  const sub = tx
    .insert(webhookSubscriptions)
    .values({
      name: "Integration engine (retired)",
      url: "https://integration.lakeside.example/clearline",
      secretSealed: seal(`whsec_${crypto.randomBytes(32).toString("base64url")}`),
      events: JSON.stringify(["raci.awaiting_signature"]),
      createdBy: admin.id,
      createdAt: at,
      disabledAt: at,
    })
    .returning()
    .get();
  tx.insert(webhookDeliveries)
    .values({
      subscriptionId: sub.id,
      eventType: "raci.awaiting_signature",
      eventId: crypto.randomUUID(),
      payload: JSON.stringify({ type: "raci.awaiting_signature", data: { deviceClass: { name: "PCA pumps" } } }),
      state: "delivered",
      attempts: 1,
      nextAttemptAt: at,
      lastStatus: 204,
      createdAt: at,
      deliveredAt: at,
    })
    .run();
  appendAudit(tx, {
    actor: admin,
    action: "WEBHOOK_CREATED",
    entityType: "webhook_subscription",
    entityId: sub.id,
    newValues: { name: sub.name, url: sub.url, events: ["raci.awaiting_signature"] },
    at: now,
  });
  appendAudit(tx, { actor: admin, action: "WEBHOOK_DISABLED", entityType: "webhook_subscription", entityId: sub.id, oldValues: { name: sub.name }, at: now });
}
