import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { sites } from "./org";

/**
 * Service tokens for the integration API (/api/v1), used by a CMMS or a device-security platform (issue #14). The
 * secret is shown once; only its SHA-256 is stored (a 256-bit random secret needs no slow hash: nothing to guess).
 * Tokens are revoked, never deleted: the audit trail names them.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** The public part of the token, for lookup and for people to recognise it ("clt_3f9a…"). */
    prefix: text("prefix").notNull(),
    secretSha256: text("secret_sha256").notNull(),
    /** JSON array of scopes, e.g. ["read", "write:advisories"]. */
    scopes: text("scopes").notNull(),
    /** NULL: every site; otherwise the token sees and writes only this site's records. */
    siteId: integer("site_id").references(() => sites.id),
    /** YYYY-MM-DD: the token stops working at the end of this day (UTC). */
    expiresOn: text("expires_on").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
    revokedBy: integer("revoked_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("api_tokens_prefix_unique").on(t.prefix),
    uniqueIndex("api_tokens_name_unique").on(sql`lower(${t.name})`),
    index("api_tokens_site_idx").on(t.siteId),
    check("api_tokens_revoked_check", sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
  ],
);

/**
 * Idempotency keys of the integration API's writes (issue #14): a CMMS that retries a bulk upsert after a timeout must
 * not apply it twice. The same key with the same request body replays the stored response; with another body it is a
 * conflict. A row without a response is a request still being processed. Kept at least 24 hours (purged after).
 */
export const apiIdempotencyKeys = sqliteTable(
  "api_idempotency_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenId: integer("token_id")
      .notNull()
      .references(() => apiTokens.id),
    key: text("key").notNull(),
    /** "POST /api/v1/devices/bulk": the same key on another route is another request. */
    route: text("route").notNull(),
    requestSha256: text("request_sha256").notNull(),
    /** NULL while the first request with this key is still running. */
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("api_idempotency_keys_unique").on(t.tokenId, t.key),
    index("api_idempotency_keys_created_idx").on(t.createdAt),
    check("api_idempotency_keys_response_check", sql`(${t.responseStatus} is null) = (${t.responseBody} is null)`),
  ],
);
