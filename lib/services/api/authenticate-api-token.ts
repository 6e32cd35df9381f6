import crypto from "node:crypto";
import { unlessBusy } from "@/lib/errors";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { isExpired, parseApiToken, rateDecision, type ApiScope } from "@/lib/rules/api-token";
import { sha256 } from "./create-api-token";

/** Who calls the API: the token, and the Actor that services see for it. */
export interface ApiCaller {
  tokenId: number;
  tokenName: string;
  scopes: readonly ApiScope[];
  siteId: number | null;
  /**
   * Reads run as an auditor limited to the token's site: every service's own permission and site checks apply,
   * and nothing a token does is beyond what an auditor of that site may see. Audit entries name the token.
   */
  actor: Actor;
}

export type ApiAuth = { ok: true; caller: ApiCaller } | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked" | "expired" | "creator_inactive" };

/** last_used_at is written at most once a minute per token, so reads do not each take the write lock. */
const LAST_USED_EVERY_MS = 60_000;

export function authenticateApiToken(db: Db, presented: string | null, now = clock.now()): ApiAuth {
  if (!presented) return { ok: false, reason: "missing" };
  const parsed = parseApiToken(presented);
  if (!parsed) return { ok: false, reason: "malformed" };
  const t = db.select().from(apiTokens).where(eq(apiTokens.prefix, parsed.prefix)).get();
  // Compare digests in constant time even when the prefix is unknown, so timing does not tell which prefixes exist.
  const expected = Buffer.from(t?.secretSha256 ?? "0".repeat(64), "hex");
  const given = Buffer.from(sha256(parsed.secret), "hex");
  if (!crypto.timingSafeEqual(expected, given) || !t) return { ok: false, reason: "unknown" };
  if (t.revokedAt) return { ok: false, reason: "revoked" };
  if (isExpired(t.expiresOn, now)) return { ok: false, reason: "expired" };
  const creator = db.select({ active: users.active }).from(users).where(eq(users.id, t.createdBy)).get();
  // A token made by an admin who has since been deactivated stops with them (review: access ends with the person).
  if (!creator?.active) return { ok: false, reason: "creator_inactive" };
  if (!t.lastUsedAt || now.getTime() - Date.parse(t.lastUsedAt) >= LAST_USED_EVERY_MS) {
    // Skipped while an import holds the write lock (decision 0041): the read is still answered; the next call writes it.
    unlessBusy(() => db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, t.id)).run());
  }
  const scopes = JSON.parse(t.scopes) as ApiScope[];
  return {
    ok: true,
    caller: {
      tokenId: t.id,
      tokenName: t.name,
      scopes,
      siteId: t.siteId,
      actor: {
        id: t.createdBy,
        email: `token:${t.prefix}`,
        name: `API token “${t.name}”`,
        roles: ["auditor"],
        partyId: null,
        leadOfPartyIds: [],
        siteId: t.siteId,
      },
    },
  };
}

/** Per-process rate windows per token (one server process; a multi-node deployment moves this to a shared store). */
const windows = new Map<number, { start: number; count: number }>();

export function takeApiRate(tokenId: number, nowMs = clock.ms(), limit?: number): { allowed: boolean; retryAfterSeconds: number } {
  const w = windows.get(tokenId) ?? { start: nowMs, count: 0 };
  const d = rateDecision(w.start, w.count, nowMs, limit);
  windows.set(tokenId, { start: d.windowStartMs, count: d.count });
  return d;
}
