import { canonicalJson, hmacHex, safeEqualHex } from "./canonical";

/**
 * An audit anchor: the chain's head (entry number and keyed hash) written *outside* the database — to an
 * append-only file next to it and into every backup's manifest (issue #10, finding 18). The chain alone proves
 * that no entry was edited or removed from the middle; it cannot prove that the whole database was not replaced by
 * an older, self-consistent copy (its head row comes along). An anchor remembers how far the chain had got.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
  at: string;
  /** Why it was written: "daily", "backup", "restore", "manual". */
  reason: string;
  /** HMAC with the audit key over the fields above: a line made up without the key is rejected. */
  mac: string;
}

export function anchorMac(key: string, a: Omit<AuditAnchor, "mac">): string {
  return hmacHex(key, `audit-anchor\n${canonicalJson({ seq: a.seq, hash: a.hash, at: a.at, reason: a.reason })}`);
}

export function makeAnchor(key: string, a: Omit<AuditAnchor, "mac">): AuditAnchor {
  return { ...a, mac: anchorMac(key, a) };
}

/** Parses the anchor file (one JSON object a line); lines that do not parse or do not verify are reported. */
export function parseAnchors(key: string, text: string): { anchors: AuditAnchor[]; badLines: number[] } {
  const anchors: AuditAnchor[] = [];
  const badLines: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const a = JSON.parse(line) as AuditAnchor;
      if (
        Number.isInteger(a.seq) &&
        typeof a.hash === "string" &&
        typeof a.at === "string" &&
        typeof a.reason === "string" &&
        typeof a.mac === "string" &&
        safeEqualHex(anchorMac(key, a), a.mac)
      ) {
        anchors.push({ seq: a.seq, hash: a.hash, at: a.at, reason: a.reason, mac: a.mac });
        return;
      }
    } catch {
      // falls through to badLines
    }
    badLines.push(i + 1);
  });
  return { anchors, badLines };
}

export type AnchorVerdict =
  { ok: true; anchor: AuditAnchor | null } | { ok: false; problem: "rolled_back" | "diverged" | "bad_anchor"; anchor: AuditAnchor | null; message: string };

/**
 * Compares the chain with the latest anchor (the last valid line: a restore writes its own anchor, so what came
 * before it is history). `hashAt(seq)` is the stored hash of entry `seq`, if the chain has it; `lastSeq` is
 * the chain's last entry. Run after `verifyChain` found the chain itself intact.
 */
export function checkAnchor(
  anchors: readonly AuditAnchor[],
  badLines: readonly number[],
  hashAt: (seq: number) => string | undefined,
  lastSeq: number,
): AnchorVerdict {
  const anchor = anchors.at(-1) ?? null;
  if (badLines.length) {
    return {
      ok: false,
      problem: "bad_anchor",
      anchor,
      message: `The anchor file has line(s) ${badLines.join(", ")} that do not verify with the audit key: it was edited.`,
    };
  }
  if (!anchor) return { ok: true, anchor: null };
  if (lastSeq < anchor.seq) {
    return {
      ok: false,
      problem: "rolled_back",
      anchor,
      message: `The trail ends at entry #${lastSeq}, but an anchor written ${anchor.at} (${anchor.reason}) records entry #${anchor.seq}: the chain is shorter than it was — cut back, or the database was replaced by an older copy.`,
    };
  }
  const stored = hashAt(anchor.seq);
  if (!stored || !safeEqualHex(stored, anchor.hash)) {
    return {
      ok: false,
      problem: "diverged",
      anchor,
      message: `Entry #${anchor.seq} is not the entry anchored ${anchor.at} (${anchor.reason}): the trail was rewritten from there on.`,
    };
  }
  return { ok: true, anchor };
}
