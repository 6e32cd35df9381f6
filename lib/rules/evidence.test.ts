import { describe, expect, test } from "vitest";
import { answerLockReason, checkEvidenceUpload, EVIDENCE_MAX_BYTES, evidenceFileName, isEvidenceStale, isSafeLink } from "./evidence";

/** A minimal but real PDF (one empty page), with its cross-reference table at the offsets it names. */
function realPdf(): Uint8Array {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"];
  let body = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
const pdf = realPdf();
/** A Windows executable with "%PDF-1.7" glued in front, renamed .pdf. */
const fakePdf = new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), 0x4d, 0x5a, 0x90, 0x00, ...new Uint8Array(2048).fill(0x90)]);

describe("evidence uploads", () => {
  test("the test's PDF is one that pdf.js opens", async () => {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: pdf.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
    expect(doc.numPages).toBe(1);
  });

  test("issue #10, finding 20: a %PDF-prefixed executable, a PDF cut short and a ZIP without its directory are refused", async () => {
    expect(checkEvidenceUpload("invoice.pdf", fakePdf)).toEqual({
      ok: false,
      problem: "The file's content is not a real .pdf file: it has no valid cross-reference table and end-of-file marker.",
    });
    expect(checkEvidenceUpload("cut.pdf", pdf.subarray(0, pdf.length - 30)).ok).toBe(false);
    // startxref pointing outside the file, or at something that is not a cross-reference table.
    const text = new TextDecoder().decode(pdf);
    expect(checkEvidenceUpload("far.pdf", new TextEncoder().encode(text.replace(/startxref\n\d+/, "startxref\n99999999"))).ok).toBe(false);
    expect(
      checkEvidenceUpload("off.pdf", new TextEncoder().encode(text.replace(/startxref\n(\d+)/, (_m, n: string) => `startxref\n${Number(n) + 2}`))).ok,
    ).toBe(false);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Inventory").addRow(["asset", "model"]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(checkEvidenceUpload("inventory.xlsx", xlsx)).toMatchObject({ ok: true });
    expect(checkEvidenceUpload("macro.docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(500).fill(0x41)]))).toEqual({
      ok: false,
      problem: "The file's content is not a real .docx file: its ZIP directory is missing.",
    });
  });

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

describe("the name an evidence file is shown under (found by a probe)", () => {
  test.each([
    ["report.pdf", "report.pdf"],
    ["C:\\Users\\me\\report.pdf", "report.pdf"],
    ["../../etc/report.txt", "report.txt"],
    ["invoice\u202Etxt.exe.txt", "invoicetxt.exe.txt"],
    ["a\u0007b\u200b.csv", "ab.csv"],
    ["  two   spaces .txt", "two spaces .txt"],
    ["\u202E", "evidence"],
  ])("%j → %j", (raw, shown) => expect(evidenceFileName(raw)).toBe(shown));
  test("a long name keeps its extension within 200 characters", () => {
    const shown = evidenceFileName(`${"A".repeat(5000)}.txt`);
    expect(shown).toHaveLength(200);
    expect(shown.endsWith(".txt")).toBe(true);
  });
});
