import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";

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
    signerId: integer("signer_id").notNull().references(() => users.id),
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
