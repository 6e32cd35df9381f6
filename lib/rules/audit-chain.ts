import { canonicalJson, hmacHex, safeEqualHex } from "./canonical";

/** prev_hash of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditEntryContent {
  seq: number;
  at: string;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  oldValues: string | null;
  newValues: string | null;
}

export interface StoredAuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export interface AuditHeadRow {
  seq: number;
  hash: string;
  mac: string;
}

/** hash_n = HMAC(key, prev_hash || canonical(entry_n)). Without the key nobody can forge a consistent chain. */
export function entryHash(key: string, prevHash: string, e: AuditEntryContent): string {
  return hmacHex(
    key,
    `${prevHash}\n${canonicalJson({
      seq: e.seq,
      at: e.at,
      actorId: e.actorId,
      actorLabel: e.actorLabel,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      oldValues: e.oldValues,
      newValues: e.newValues,
    })}`,
  );
}

/** The head row's MAC: binds the last sequence number to the last hash, so cutting the tail shows. */
export function headMac(key: string, seq: number, hash: string): string {
  return hmacHex(key, `audit-head\n${seq}\n${hash}`);
}

export type ChainProblem = "edited" | "missing" | "tail_removed" | "head_altered";

export type ChainVerdict =
  { ok: true; checked: number; lastSeq: number } | { ok: false; checked: number; problem: ChainProblem; firstBadSeq: number; message: string };

/**
 * Verifies the chain. `entries` must be in ascending seq order. Detects an edited entry (hash does not
 * recompute, including a chain recomputed without the key), a deleted entry (gap or broken link), a
 * removed tail (head names a later entry) and an altered head.
 */
export function verifyChain(key: string, entries: Iterable<StoredAuditEntry>, head: AuditHeadRow | null): ChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      return {
        ok: false,
        checked,
        problem: "missing",
        firstBadSeq: expectedSeq,
        message: `Entry #${expectedSeq} is missing: the trail jumps from #${expectedSeq - 1} to #${e.seq}.`,
      };
    }
    if (!safeEqualHex(e.prevHash, prevHash)) {
      return {
        ok: false,
        checked,
        problem: "missing",
        firstBadSeq: e.seq,
        message: `Entry #${e.seq} does not link to the entry before it: an entry was removed or replaced.`,
      };
    }
    if (!safeEqualHex(entryHash(key, prevHash, e), e.hash)) {
      return {
        ok: false,
        checked,
        problem: "edited",
        firstBadSeq: e.seq,
        message: `Entry #${e.seq} was changed after it was written: its hash does not match its content.`,
      };
    }
    prevHash = e.hash;
    expectedSeq++;
    checked++;
  }
  const lastSeq = expectedSeq - 1;
  if (!head) {
    if (lastSeq === 0) return { ok: true, checked, lastSeq };
    return {
      ok: false,
      checked,
      problem: "head_altered",
      firstBadSeq: lastSeq,
      message: "The chain head record is missing: the end of the trail cannot be confirmed.",
    };
  }
  if (!safeEqualHex(headMac(key, head.seq, head.hash), head.mac)) {
    return {
      ok: false,
      checked,
      problem: "head_altered",
      firstBadSeq: Math.min(head.seq, lastSeq + 1),
      message: "The chain head record was altered: the end of the trail cannot be confirmed.",
    };
  }
  if (head.seq > lastSeq) {
    return {
      ok: false,
      checked,
      problem: "tail_removed",
      firstBadSeq: lastSeq + 1,
      message: `Entries #${lastSeq + 1} to #${head.seq} were removed from the end of the trail.`,
    };
  }
  if (head.seq < lastSeq || !safeEqualHex(head.hash, prevHash)) {
    return {
      ok: false,
      checked,
      problem: "head_altered",
      firstBadSeq: head.seq + 1,
      message: `The chain head names entry #${head.seq}, but the trail ends at #${lastSeq}.`,
    };
  }
  return { ok: true, checked, lastSeq };
}
