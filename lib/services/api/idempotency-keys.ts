import { and, eq, lt } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { apiIdempotencyKeys } from "@/db/schema";

/** Keys are kept at least this long (issue #14: "24 h or more"); older ones are purged when a new key is claimed. */
export const IDEMPOTENCY_KEEP_MS = 24 * 3600_000;

/**
 * A key still "running" after this long belongs to a request whose process died between the claim and storing the
 * response (a crash, a deploy): the next retry with the same request takes it over instead of being refused until the
 * key expires. The slowest request, 5,000 devices in one bulk upsert, takes about 4 s here, so 2 minutes is far from
 * a live request. The takeover re-runs the write; the writes behind keys are safe to re-run (an upsert of the same
 * records changes nothing; a patch or recall action already recorded is a 409 naming it).
 */
export const IDEMPOTENCY_STALE_MS = 120_000;

export type IdempotencyClaim = { kind: "new"; id: number } | { kind: "replay"; status: number; body: string } | { kind: "other-request" } | { kind: "running" };

/**
 * Claims an Idempotency-Key for a token, or says what became of it. The bookkeeping of the API door, not governed
 * data: no audit row (the write it protects has its own). Runs in one BEGIN IMMEDIATE so two servers' claims of the
 * same key cannot both win (the unique index on (token, key) also refuses the second).
 */
export function claimIdempotencyKey(db: Db, tokenId: number, key: string, route: string, requestSha256: string, now: Date): IdempotencyClaim {
  return writeTx(db, (tx) => {
    tx.delete(apiIdempotencyKeys)
      .where(lt(apiIdempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString()))
      .run();
    const found = tx
      .select()
      .from(apiIdempotencyKeys)
      .where(and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key)))
      .get();
    if (found) {
      if (found.requestSha256 !== requestSha256 || found.route !== route) return { kind: "other-request" } as const;
      if (found.responseStatus == null || found.responseBody == null) {
        if (now.getTime() - Date.parse(found.createdAt) < IDEMPOTENCY_STALE_MS) return { kind: "running" } as const;
        tx.update(apiIdempotencyKeys).set({ createdAt: now.toISOString() }).where(eq(apiIdempotencyKeys.id, found.id)).run();
        return { kind: "new", id: found.id } as const;
      }
      return { kind: "replay", status: found.responseStatus, body: found.responseBody } as const;
    }
    const row = tx
      .insert(apiIdempotencyKeys)
      .values({ tokenId, key, route, requestSha256, createdAt: now.toISOString() })
      .returning({ id: apiIdempotencyKeys.id })
      .get();
    return { kind: "new", id: row.id } as const;
  });
}

/** The request failed: the key is free again, so the client may correct the request and resend it with the same key. */
export function releaseIdempotencyKey(db: Db, id: number): void {
  db.delete(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.id, id)).run();
}

export function storeIdempotentResponse(db: Db, id: number, status: number, body: string): void {
  db.update(apiIdempotencyKeys).set({ responseStatus: status, responseBody: body }).where(eq(apiIdempotencyKeys.id, id)).run();
}
