import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { ROLES, inList } from "./enums";
import { parties, sites } from "./org";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    partyId: integer("party_id").references((): AnySQLiteColumn => parties.id),
    /** A site-scoped user (e.g. a hospital's own leadership) sees only that site's figures; NULL = the whole organization. */
    siteId: integer("site_id").references((): AnySQLiteColumn => sites.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    deactivatedAt: text("deactivated_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`), index("users_party_idx").on(t.partyId)],
);

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: integer("user_id").notNull().references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), check("user_roles_role_check", inList(t.role, ROLES))],
);

/**
 * Server-side sessions. The next-auth JWT only carries the session id; every request checks this row,
 * so sign-out, deactivation, idle and absolute expiry take effect on the next request.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    revokedAt: text("revoked_at"),
    revokeReason: text("revoke_reason"),
    client: text("client").notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Sign-in attempts, for throttling by account and by client. Not governed data: pruned freely. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    emailKey: text("email_key").notNull(),
    clientKey: text("client_key").notNull(),
    at: text("at").notNull(),
    success: integer("success", { mode: "boolean" }).notNull(),
  },
  (t) => [index("login_attempts_email_idx").on(t.emailKey, t.at), index("login_attempts_client_idx").on(t.clientKey, t.at)],
);
