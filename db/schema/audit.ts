import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";

/**
 * Append-only audit trail (HIPAA 164.312(b)). Each row's hash is HMAC(key, prevHash + canonical row);
 * triggers in the migrations refuse UPDATE and DELETE. actor_id is deliberately not a foreign key so
 * that the trail never blocks or is blocked by changes to users.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey(),
    at: text("at").notNull(),
    actorId: integer("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    oldValues: text("old_values"),
    newValues: text("new_values"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId), index("audit_log_actor_idx").on(t.actorId), index("audit_log_at_idx").on(t.at)],
);

/** Single row naming the chain's last entry, MAC'd, so a removed tail is detectable. */
export const auditHead = sqliteTable(
  "audit_head",
  {
    id: integer("id").primaryKey(),
    seq: integer("seq").notNull(),
    hash: text("hash").notNull(),
    mac: text("mac").notNull(),
  },
  (t) => [check("audit_head_single_row", sql`${t.id} = 1`)],
);
