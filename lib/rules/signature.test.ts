import { describe, expect, test } from "vitest";
import { canonicalJson } from "./canonical";
import { buildSignature, contentHash, verifySignature, SIGNATURE_MESSAGES } from "./signature";

const KEY = "s".repeat(40);
const ref = { entityType: "raci_version", entityId: "12" };
const seal = { signerId: 3, printedName: "Carlos Estrada", meaning: "Accepts accountability", kind: "sign" as const, signedAt: "2026-11-28T20:00:00.000Z" };
const content = { versionNo: 1, cells: [{ a: 1, p: 2, letter: "A" }], note: "Café" };

describe("canonical JSON", () => {
  test("key order, undefined members, Unicode normalization and -0 do not change the bytes", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: "x" }] })).toBe(canonicalJson({ a: [1, { c: "x" }], b: 1 }));
    expect(canonicalJson({ s: "Cafe\u0301" })).toBe(canonicalJson({ s: "Caf\u00e9" }));
    expect(canonicalJson({ n: -0 })).toBe('{"n":0}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

describe("electronic signatures (21 CFR 11.50, 11.70)", () => {
  const sig = buildSignature(KEY, ref, seal, content);

  test("verifies against the same content, even re-saved with another key order", () => {
    expect(verifySignature(KEY, sig, content)).toEqual({ valid: true });
    expect(verifySignature(KEY, sig, { note: "Café", cells: [{ letter: "A", p: 2, a: 1 }], versionNo: 1 })).toEqual({ valid: true });
    expect(contentHash(KEY, "raci_version", content)).toBe(sig.contentHash);
  });

  test("content changed after signing", () => {
    const v = verifySignature(KEY, sig, { ...content, cells: [{ a: 1, p: 2, letter: "R" }] });
    expect(v).toEqual({ valid: false, reason: "content_changed", message: "Signature invalid: content does not match what was signed" });
  });

  test("a signature copied onto another record", () => {
    expect(verifySignature(KEY, { ...sig, entityId: "13" }, content)).toMatchObject({
      valid: false,
      reason: "wrong_record",
      message: SIGNATURE_MESSAGES.wrong_record,
    });
  });

  test.each([
    ["meaning", "Approved"],
    ["printedName", "Someone Else"],
    ["signedAt", "2026-11-29T00:00:00.000Z"],
    ["signerId", 4],
  ] as const)("an altered %s", (field, value) => {
    expect(verifySignature(KEY, { ...sig, [field]: value }, content)).toMatchObject({ valid: false, reason: "altered" });
  });

  test("verification with another key fails", () => {
    expect(verifySignature("other-key-0123456789012345678901234", sig, content).valid).toBe(false);
  });
});
