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

export function checkEvidenceUpload(fileName: string, bytes: Uint8Array): UploadVerdict {
  if (bytes.length === 0) return { ok: false, problem: "The file is empty." };
  if (bytes.length > EVIDENCE_MAX_BYTES) return { ok: false, problem: `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is 5 MB.` };
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  const t = TYPES[ext as keyof typeof TYPES];
  if (!t) return { ok: false, problem: `Files of type .${ext || "?"} are not accepted. Use PDF, PNG, JPEG, DOCX, XLSX, TXT or CSV.` };
  if (t.magic && !t.magic.every((b, i) => bytes[i] === b)) return { ok: false, problem: `The file's content is not a real .${ext} file.` };
  if (!t.magic && bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: `The file's content is not plain text.` };
  return { ok: true, contentType: t.contentType, extension: ext };
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
