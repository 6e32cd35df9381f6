import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { sessions, users } from "./auth";

export const SIGNATURE_KINDS = ["sign", "reattest"] as const;
/** How the signer proved who they were at the moment of signing (21 CFR 11.200(a)(1)). */
export const SIGNATURE_AUTH_METHODS = ["password", "sso"] as const;

/**
 * Electronic signatures (21 CFR 11.50, 11.70): printed name, server time, meaning, bound to a keyed
 * hash of the signed record version's canonical content. Never deleted or updated.
 */
export const signatures = sqliteTable(
  "signatures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    signerId: integer("signer_id")
      .notNull()
      .references(() => users.id),
    printedName: text("printed_name").notNull(),
    meaning: text("meaning").notNull(),
    kind: text("kind", { enum: SIGNATURE_KINDS }).notNull().default("sign"),
    signedAt: text("signed_at").notNull(),
    /** Re-entered password, or a fresh login at the OpenID provider (prompt=login, max_age=0). Sealed when not "password". */
    authMethod: text("auth_method", { enum: SIGNATURE_AUTH_METHODS }).notNull().default("password"),
    contentHash: text("content_hash").notNull(),
    /** HMAC over the signature's own fields: detects an altered signature row. */
    sealMac: text("seal_mac").notNull(),
    /** HMAC binding the seal to one record (type + id): detects a signature copied onto another record. */
    bindingMac: text("binding_mac").notNull(),
  },
  (t) => [
    index("signatures_entity_idx").on(t.entityType, t.entityId),
    check("signatures_kind_check", inList(t.kind, SIGNATURE_KINDS)),
    check("signatures_auth_method_check", inList(t.authMethod, SIGNATURE_AUTH_METHODS)),
  ],
);

/**
 * A signing re-authentication at the OpenID provider (issue #14, docs/decisions/0031-sso-signing-challenges.md):
 * created before the redirect, bound to one user, their session and one record; satisfied by an ID token whose
 * `auth_time` is not older than the challenge; consumed once by the signature it authorizes. 21 CFR 11.200(a)(1):
 * the signer proves who they are at the moment of signing. Rows are kept (the audit trail refers to them).
 */
export const signingChallenges = sqliteTable(
  "signing_challenges",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** The page to come back to (a path on this site). */
    returnTo: text("return_to").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** When the provider's fresh login was accepted, and that login's `auth_time` (ISO). */
    satisfiedAt: text("satisfied_at"),
    authTime: text("auth_time"),
    usedAt: text("used_at"),
    signatureId: integer("signature_id").references(() => signatures.id),
  },
  (t) => [index("signing_challenges_user_idx").on(t.userId, t.createdAt)],
);
