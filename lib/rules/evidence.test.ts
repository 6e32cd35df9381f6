import { describe, expect, test } from "vitest";
import { answerLockReason, checkEvidenceUpload, EVIDENCE_MAX_BYTES, isEvidenceStale, isSafeLink } from "./evidence";

const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
describe("evidence uploads", () => {
  test.each([
    ["policy.pdf", pdf, "application/pdf"],
    ["inventory.csv", new TextEncoder().encode("asset,model\n1,Alaris"), "text/csv; charset=utf-8"],
  ])("accepts %s", (name, bytes, type) => expect(checkEvidenceUpload(name, bytes)).toEqual({ ok: true, contentType: type, extension: name.split(".").pop() }));

  test.each([
    ["page.html", new TextEncoder().encode("<script>alert(1)</script>"), /not accepted/],
    ["fake.pdf", new TextEncoder().encode("<html>"), /not a real \.pdf/],
    ["binary.txt", new Uint8Array([0x41, 0x00, 0x42]), /not plain text/],
    ["empty.pdf", new Uint8Array(), /empty/],
    ["big.pdf", new Uint8Array(EVIDENCE_MAX_BYTES + 1).fill(0x25), /limit is 5 MB/],
  ])("refuses %s", (name, bytes, problem) => {
    const v = checkEvidenceUpload(name, bytes);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problem).toMatch(problem);
  });

  test("stale after 12 months; only http(s) links", () => {
    expect(isEvidenceStale("2025-11-28T00:00:00Z", new Date("2026-11-27T23:59:59Z"))).toBe(false);
    expect(isEvidenceStale("2025-11-28T00:00:00Z", new Date("2026-11-28T00:00:00Z"))).toBe(true);
    expect(isSafeLink("https://intranet.example/sop.pdf")).toBe(true);
    expect(isSafeLink("javascript:alert(1)")).toBe(false);
  });
});

describe("answerLockReason", () => {
  test.each([
    ["in_progress", null, null],
    ["in_progress", "returned", null],
    ["in_review", "returned", null],
    ["in_review", "pending", "This function is in review and cannot change unless the reviewer returns it."],
    ["in_review", "accepted", "This function is in review and cannot change unless the reviewer returns it."],
    ["in_review", null, "This function is in review and cannot change unless the reviewer returns it."],
    ["approved", "accepted", "This assessment is approved and locked. Start a new assessment to change answers."],
    ["approved", "returned", "This assessment is approved and locked. Start a new assessment to change answers."],
  ])("assessment %s, function review %s → %s", (status, review, expected) => {
    expect(answerLockReason(status, review)).toBe(expected);
  });
});
