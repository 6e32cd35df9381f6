import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditHead, auditLog } from "@/db/schema";
import { checkAnchor, makeAnchor, parseAnchors, type AnchorVerdict, type AuditAnchor } from "@/lib/rules/audit-anchor";
import { databasePath, loadSecrets } from "@/lib/server/config";

/**
 * Where anchors are appended: AUDIT_ANCHOR_PATH, or `<database file>.anchors.jsonl` next to the database.
 * Point AUDIT_ANCHOR_PATH at storage the database's writer can only append to (a `chattr +a` file, a WORM
 * mount, a file shipped to the log server) for the anchor to outlive an attacker who can write the database.
 */
export function anchorFilePath(dbFile = databasePath()): string {
  return process.env.AUDIT_ANCHOR_PATH || `${dbFile}.anchors.jsonl`;
}

/** The chain head as an anchor, or null for an empty trail. */
export function currentAnchor(db: DbOrTx, reason: string, now: Date): AuditAnchor | null {
  const head = db.select().from(auditHead).where(eq(auditHead.id, 1)).get();
  if (!head) return null;
  return makeAnchor(loadSecrets().auditKey, { seq: head.seq, hash: head.hash, at: now.toISOString(), reason });
}

/** Appends an anchor line (O_APPEND: never rewrites what is there). */
export function appendAnchor(file: string, anchor: AuditAnchor): void {
  fs.appendFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
}

export function readAnchors(file: string): { anchors: AuditAnchor[]; badLines: number[] } {
  if (!fs.existsSync(file)) return { anchors: [], badLines: [] };
  return parseAnchors(loadSecrets().auditKey, fs.readFileSync(file, "utf8"));
}

/**
 * The daily anchor: written when the last anchor is from another UTC day and the chain has moved since.
 * Returns the anchor written, if any. Called by the server at start and every hour.
 */
export function anchorIfDue(db: DbOrTx, file: string, now: Date): AuditAnchor | null {
  const last = readAnchors(file).anchors.at(-1);
  const next = currentAnchor(db, "daily", now);
  if (!next) return null;
  if (last && (last.at.slice(0, 10) === now.toISOString().slice(0, 10) || last.seq === next.seq)) return null;
  appendAnchor(file, next);
  return next;
}

/** Compares the database's chain with the latest anchor in `file` (see lib/rules/audit-anchor.ts). */
export function checkAuditAnchor(db: DbOrTx, file: string, lastSeq: number): AnchorVerdict {
  const { anchors, badLines } = readAnchors(file);
  const hashAt = (seq: number) => db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq)).get()?.hash;
  return checkAnchor(anchors, badLines, hashAt, lastSeq);
}
