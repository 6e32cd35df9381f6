import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { ROLES, inList } from "./enums";
import { parties, sites } from "./org";

export const SIGN_IN_METHODS = ["password", "sso"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

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
    /**
     * Who set the current password: NULL or the user themselves = their own; another user (an admin) = an initial
     * or reset password the user must replace at their next sign-in (issue #14; NIST SP 800-63B §6.1.2.3).
     */
    passwordSetBy: integer("password_set_by").references((): AnySQLiteColumn => users.id),
    /** OpenID Connect identity: "<issuer> <sub>". NULL for local-only accounts. */
    ssoSubject: text("sso_subject"),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_party_idx").on(t.partyId),
    uniqueIndex("users_sso_subject_unique").on(t.ssoSubject),
  ],
);

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
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
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    revokedAt: text("revoked_at"),
    revokeReason: text("revoke_reason"),
    client: text("client").notNull().default(""),
    /** How the session was opened: a local password (and TOTP code when enrolled) or the OpenID provider. */
    method: text("method", { enum: SIGN_IN_METHODS }).notNull().default("password"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), check("sessions_method_check", inList(t.method, SIGN_IN_METHODS))],
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

/**
 * A user's TOTP authenticator (RFC 6238). The secret is encrypted at rest (lib/auth/totp-secret.ts). Enrolment is
 * complete only once `confirmedAt` is set by a valid code; `lastTimeStep` refuses a code's replay (RFC 6238 §5.2).
 * Not governed data: an admin's MFA reset deletes the row (and audits the reset).
 */
export const userTotp = sqliteTable("user_totp", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  secretEnc: text("secret_enc").notNull(),
  createdAt: text("created_at").notNull(),
  confirmedAt: text("confirmed_at"),
  lastTimeStep: integer("last_time_step"),
});

/** One-time recovery codes, argon2id-hashed; a used code keeps its row with `usedAt` set. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    createdAt: text("created_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * Admin-edited mapping from an OpenID provider's group claim to Clearline roles and a party (issue #14). A group may
 * grant a role, a party, or both; several groups combine (roles add up; the first mapped party by group name wins).
 */
export const ssoGroupMappings = sqliteTable(
  "sso_group_mappings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupName: text("group_name").notNull(),
    role: text("role", { enum: ROLES }),
    partyId: integer("party_id").references((): AnySQLiteColumn => parties.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("sso_group_mappings_group_unique").on(t.groupName),
    check("sso_group_mappings_role_check", sql`${t.role} is null or ${inList(t.role, ROLES)}`),
    check("sso_group_mappings_grants_check", sql`${t.role} is not null or ${t.partyId} is not null`),
  ],
);
