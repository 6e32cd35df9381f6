import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db/client";
import { apiTokens, sites, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { isExpired } from "@/lib/rules/api-token";

export type ApiTokenState = "active" | "expired" | "revoked";

/** Every token with its state derived from its dates (revoked, expired, else active) and when it was last used. Admin only. */
export function listApiTokens(db: Db, actor: Actor, now = clock.now()) {
  assertCan(actor, "apiToken.manage");
  const revoker = alias(users, "revoker");
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      site: sites.name,
      expiresOn: apiTokens.expiresOn,
      createdAt: apiTokens.createdAt,
      createdBy: users.name,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      revokedBy: revoker.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .leftJoin(revoker, eq(revoker.id, apiTokens.revokedBy))
    .leftJoin(sites, eq(sites.id, apiTokens.siteId))
    .orderBy(desc(apiTokens.id))
    .all()
    .map((t) => ({
      ...t,
      scopes: JSON.parse(t.scopes) as string[],
      state: (t.revokedAt ? "revoked" : isExpired(t.expiresOn, now) ? "expired" : "active") as ApiTokenState,
    }));
}
