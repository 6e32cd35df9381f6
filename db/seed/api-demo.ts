import crypto from "node:crypto";
import type { Tx } from "../client";
import { apiTokens } from "../schema";
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
    .values({ name: "Lakeside CMMS nightly sync", prefix, secretSha256: digest, scopes: JSON.stringify(["read", "write:inventory"]), siteId: null, expiresOn, createdBy: admin.id, createdAt: now.toISOString() })
    .returning()
    .get();
  appendAudit(tx, { actor: admin, action: "API_TOKEN_CREATED", entityType: "api_token", entityId: row.id, newValues: { name: row.name, prefix, scopes: ["read", "write:inventory"], siteId: null, expiresOn }, at: now });
}
