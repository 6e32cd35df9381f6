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
    createdBy: integer("created_by").notNull().references(() => users.id),
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
