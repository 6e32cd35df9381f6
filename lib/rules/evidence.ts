/**
 * Evidence uploads: a size cap and an allowlist of types checked against the file's own bytes, not the
 * browser's claim. Stored files are served as attachments with their checked type, never rendered.
 */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

const TYPES = {
  pdf: { contentType: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] },
  png: { contentType: "image/png", magic: [0x89, 0x50, 0x4e, 0x47] },
  jpg: { contentType: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  jpeg: { contentType: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: [0x50, 0x4b, 0x03, 0x04] },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: [0x50, 0x4b, 0x03, 0x04] },
  txt: { contentType: "text/plain; charset=utf-8", magic: null },
  csv: { contentType: "text/csv; charset=utf-8", magic: null },
} as const;

export const EVIDENCE_EXTENSIONS = Object.keys(TYPES);

export type UploadVerdict = { ok: true; contentType: string; extension: string } | { ok: false; problem: string };

/** Characters a shown file name keeps at most. */
const NAME_MAX = 200;

/**
 * The name an evidence file is shown and downloaded under: its last path part, without control and invisible format
 * characters (a right-to-left override makes "invoice\u202Etxt.exe" read as "invoiceexe.txt"), white space collapsed,
 * and, when longer than 200 characters, the stem shortened so the extension stays (found by a probe: a long name was
 * cut to 200 "A"s and downloaded without its ".txt").
 */
export function evidenceFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  if (clean.length <= NAME_MAX) return clean || "evidence";
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return `${clean.slice(0, NAME_MAX - ext.length).trimEnd()}${ext}`;
}

export function checkEvidenceUpload(fileName: string, bytes: Uint8Array): UploadVerdict {
  if (bytes.length === 0) return { ok: false, problem: "The file is empty." };
  if (bytes.length > EVIDENCE_MAX_BYTES) return { ok: false, problem: `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is 5 MB.` };
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  const t = TYPES[ext as keyof typeof TYPES];
  if (!t) return { ok: false, problem: `Files of type .${ext || "?"} are not accepted. Use PDF, PNG, JPEG, DOCX, XLSX, TXT or CSV.` };
  if (t.magic && !t.magic.every((b, i) => bytes[i] === b)) return { ok: false, problem: `The file's content is not a real .${ext} file.` };
  // The first bytes alone let any file through behind a forged prefix (issue #10, finding 20): the end of the file
  // must have the structure a reader starts from.
  if (ext === "pdf" && !hasPdfStructure(bytes))
    return { ok: false, problem: "The file's content is not a real .pdf file: it has no valid cross-reference table and end-of-file marker." };
  if (t.magic?.[0] === 0x50 && !hasZipDirectory(bytes))
    return { ok: false, problem: `The file's content is not a real .${ext} file: its ZIP directory is missing.` };
  if (!t.magic && bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: `The file's content is not plain text.` };
  return { ok: true, contentType: t.contentType, extension: ext };
}

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString("latin1");

/**
 * A light structural check of a PDF (ISO 32000-1 §7.5): a `%PDF-n.n` header, and within the last 1024 bytes a
 * `startxref` offset followed by `%%EOF`, where the offset lies inside the file and points at a cross-reference
 * table (`xref`) or a cross-reference stream object (`n g obj`). This is what every reader starts from; an
 * executable with `%PDF` glued in front has none of it. It does not prove the PDF is harmless, only that it is one.
 */
export function hasPdfStructure(bytes: Uint8Array): boolean {
  if (!/^%PDF-[12]\.\d/.test(latin1(bytes, 0, 8))) return false;
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
  const m = /startxref\s+(\d{1,12})\s+%%EOF\s*$/.exec(tail);
  if (!m) return false;
  const offset = Number(m[1]);
  if (offset <= 0 || offset >= bytes.length) return false;
  const at = latin1(bytes, offset, Math.min(bytes.length, offset + 32));
  return /^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(at);
}

/** A ZIP (DOCX, XLSX) ends with an end-of-central-directory record (PK\x05\x06) in its last 64 KiB + 22 bytes. */
export function hasZipDirectory(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}

/** Evidence older than 12 months is flagged stale. */
export function isEvidenceStale(addedAt: string, now: Date, months = 12): boolean {
  const d = new Date(addedAt);
  d.setUTCMonth(d.getUTCMonth() + months);
  return now >= d;
}

/** Only http(s) links. */
export function isSafeLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * Why a function's answers and evidence cannot change now, or null when they can: while the assessment is in progress,
 * or when the reviewer returned that function. In review or accepted they are what the reviewer saw; approved, what the
 * approver signed.
 */
export function answerLockReason(assessmentStatus: string, functionReviewStatus: string | null | undefined): string | null {
  if (assessmentStatus === "in_progress") return null;
  if (assessmentStatus === "in_review" && functionReviewStatus === "returned") return null;
  if (assessmentStatus === "approved") return "This assessment is approved and locked. Start a new assessment to change answers.";
  return "This function is in review and cannot change unless the reviewer returns it.";
}
