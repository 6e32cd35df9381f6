import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditHead, auditLog } from "@/db/schema";
import { GENESIS_HASH, entryHash, headMac } from "@/lib/rules/audit-chain";
import { canonicalJson } from "@/lib/rules/canonical";
import { loadSecrets } from "@/lib/server/config";
import { clock } from "@/lib/clock";
import type { AuditEvent } from "./audit-events";

export interface AuditInput {
  actor: { id: number; name: string; email: string } | null;
  /** The event type, one of AUDIT_EVENTS (audit-events.ts), e.g. DEVICE_CLASS_CREATED. */
  action: AuditEvent;
  entityType: string;
  entityId: string | number;
  oldValues?: unknown;
  newValues?: unknown;
  at?: Date;
}

/**
 * Appends one entry to the hash-chained audit trail. Call it inside the same write transaction as the
 * change it records (writeTx begins IMMEDIATE, so reading the head here cannot race another writer).
 */
export function appendAudit(tx: DbOrTx, input: AuditInput): number {
  // Lock the head explicitly before reading it (issue #11): a no-op write takes SQLite's write lock even in a
  // transaction that began DEFERRED, so two appends can never read the same head and fork the chain. On PostgreSQL
  // this is `SELECT … FROM audit_head WHERE id = 1 FOR UPDATE`.
  tx.update(auditHead)
    .set({ seq: sql`${auditHead.seq}` })
    .where(eq(auditHead.id, 1))
    .run();
  const rows = auditRowsAfter(tx.select().from(auditHead).where(eq(auditHead.id, 1)).get(), input);
  tx.insert(auditLog).values(rows.entry).run();
  tx.insert(auditHead)
    .values(rows.head)
    .onConflictDoUpdate({ target: auditHead.id, set: { seq: rows.head.seq, hash: rows.head.hash, mac: rows.head.mac } })
    .run();
  return rows.entry.seq;
}

/**
 * The trail's next entry and head after `head` (the current head row, if any): what appendAudit writes. A writer on
 * another thread (decision 0046) takes them as SQL through `auditStatements`, the head read while it holds the lock.
 */
export function auditRowsAfter(
  head: { seq: number; hash: string } | undefined,
  input: AuditInput,
): { entry: typeof auditLog.$inferInsert & { seq: number }; head: { id: number; seq: number; hash: string; mac: string } } {
  const key = loadSecrets().auditKey;
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const entry = {
    seq,
    at: (input.at ?? clock.now()).toISOString(),
    actorId: input.actor?.id ?? null,
    actorLabel: input.actor ? `${input.actor.name} <${input.actor.email}>` : "system",
    action: input.action,
    entityType: input.entityType,
    entityId: String(input.entityId),
    oldValues: input.oldValues === undefined ? null : canonicalJson(input.oldValues),
    newValues: input.newValues === undefined ? null : canonicalJson(input.newValues),
  };
  const hash = entryHash(key, prevHash, entry);
  return { entry: { ...entry, prevHash, hash }, head: { id: 1, seq, hash, mac: headMac(key, seq, hash) } };
}

/**
 * appendAudit's writes as SQL and parameters, for a transaction held by another connection (WorkerTx): `db` only
 * reads the head and builds the statements. The caller must hold the write lock already, so the head cannot move
 * before the statements run.
 */
export function auditStatements(db: DbOrTx, input: AuditInput): { sql: string; params: unknown[] }[] {
  const rows = auditRowsAfter(db.select().from(auditHead).where(eq(auditHead.id, 1)).get(), input);
  return [
    db.insert(auditLog).values(rows.entry).toSQL(),
    db
      .insert(auditHead)
      .values(rows.head)
      .onConflictDoUpdate({ target: auditHead.id, set: { seq: rows.head.seq, hash: rows.head.hash, mac: rows.head.mac } })
      .toSQL(),
  ];
}

/** Keeps only the fields that differ, for compact old/new values in the trail. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { old: Partial<T>; new: Partial<T> } {
  const o: Partial<T> = {};
  const n: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (after[k] !== undefined && before[k] !== after[k]) {
      o[k] = before[k];
      n[k] = after[k];
    }
  }
  return { old: o, new: n };
}
