import { describe, expect, test } from "vitest";
import { GENESIS_HASH, entryHash, headMac, verifyChain, type StoredAuditEntry } from "./audit-chain";

const KEY = "k".repeat(32);
function chain(n: number, key = KEY): { entries: StoredAuditEntry[]; head: { seq: number; hash: string; mac: string } } {
  const entries: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = {
      seq,
      at: `2026-01-0${(seq % 9) + 1}T00:00:00.000Z`,
      actorId: 1,
      actorLabel: "A <a@x>",
      action: "X",
      entityType: "site",
      entityId: String(seq),
      oldValues: null,
      newValues: `{"n":${seq}}`,
    };
    const hash = entryHash(key, prev, e);
    entries.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return { entries, head: { seq: n, hash: prev, mac: headMac(key, n, prev) } };
}

describe("verifyChain", () => {
  test("an intact chain verifies", () => {
    const { entries, head } = chain(5);
    expect(verifyChain(KEY, entries, head)).toEqual({ ok: true, checked: 5, lastSeq: 5 });
  });
  test("an empty trail without head verifies", () => {
    expect(verifyChain(KEY, [], null)).toMatchObject({ ok: true, checked: 0 });
  });
  test("an edited entry is reported as the first bad entry", () => {
    const { entries, head } = chain(5);
    entries[2] = { ...entries[2]!, newValues: '{"n":999}' };
    expect(verifyChain(KEY, entries, head)).toMatchObject({ ok: false, problem: "edited", firstBadSeq: 3 });
  });
  test("a deleted middle entry is reported", () => {
    const { entries, head } = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(KEY, entries, head)).toMatchObject({ ok: false, problem: "missing", firstBadSeq: 2 });
  });
  test("a deleted middle entry with renumbered successors is still caught by the link", () => {
    const { entries, head } = chain(5);
    entries.splice(1, 1);
    entries.forEach((e, i) => (e.seq = i + 1));
    expect(verifyChain(KEY, entries, head)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });
  test("a removed tail is reported", () => {
    const { entries, head } = chain(5);
    entries.splice(3);
    expect(verifyChain(KEY, entries, head)).toMatchObject({ ok: false, problem: "tail_removed", firstBadSeq: 4 });
  });
  test("a chain recomputed without the key is reported at the first rewritten entry", () => {
    const { entries } = chain(5);
    const forged = chain(5, "attacker-guess-of-the-key-000000");
    const tampered = [...entries.slice(0, 2), ...forged.entries.slice(2).map((e, i) => (i === 0 ? { ...e, prevHash: entries[1]!.hash } : e))];
    expect(verifyChain(KEY, tampered, forged.head)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });
  test("a head rewritten to hide a removed tail is reported", () => {
    const { entries } = chain(5);
    entries.splice(3);
    const fakeHead = { seq: 3, hash: entries[2]!.hash, mac: "0".repeat(64) };
    expect(verifyChain(KEY, entries, fakeHead)).toMatchObject({ ok: false, problem: "head_altered" });
  });
});
