import crypto from "node:crypto";
import { canonicalJson } from "@/lib/rules/canonical";
import { readOpenFdaRecalls, type RecallRecord } from "@/lib/rules/recall";
import type { UploadedFile } from "../advisories/read-advisory-files";

/** A hostile or mistaken upload must not exhaust the server: openFDA answers at most 1,000 records (~3 MB) a page. */
export const RECALL_FILE_LIMITS = { fileBytes: 10 * 1024 * 1024, files: 20 } as const;

export interface ReadRecall extends RecallRecord {
  fileName: string;
  /** SHA-256 of the canonical JSON of the fields read: the same record again is the same. */
  contentSha256: string;
}

/**
 * Reads openFDA recall / enforcement JSON uploads. Returns the records, or every problem as a sentence naming the file
 * and record (nothing is stored when there is any). A recall number twice with different content is refused.
 */
export function readRecallFiles(files: readonly UploadedFile[]): { records: ReadRecall[]; problems: string[] } {
  const problems: string[] = [];
  const records: ReadRecall[] = [];
  if (files.length === 0) return { records, problems: ["Choose one or more openFDA device recall or enforcement files (.json)."] };
  if (files.length > RECALL_FILE_LIMITS.files) return { records, problems: [`Choose at most ${RECALL_FILE_LIMITS.files} files at a time.`] };
  for (const f of files) {
    const name = f.name.replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "(unnamed file)";
    if (f.bytes.byteLength === 0) {
      problems.push(`${name} is empty.`);
      continue;
    }
    if (f.bytes.byteLength > RECALL_FILE_LIMITS.fileBytes) {
      problems.push(`${name} is larger than 10 MB, the limit for one file.`);
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(f.bytes).replace(/^\uFEFF/, "");
    } catch {
      problems.push(`${name} is not UTF-8 text: an openFDA response is a JSON file.`);
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      problems.push(`${name} is not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : "unreadable"}).`);
      continue;
    }
    const read = readOpenFdaRecalls(doc, name);
    problems.push(...read.problems);
    for (const r of read.records) records.push({ ...r, fileName: name, contentSha256: sha256(r) });
  }
  const seen = new Map<string, ReadRecall>();
  for (const r of records) {
    const other = seen.get(r.recallNumber);
    if (other && other.contentSha256 !== r.contentSha256 && other.source === r.source)
      problems.push(`${r.recallNumber} is in the upload twice with different content; upload one version at a time.`);
    if (!other) seen.set(r.recallNumber, r);
  }
  return problems.length ? { records: [], problems } : { records, problems };
}

export const sha256 = (r: object) => crypto.createHash("sha256").update(canonicalJson(r)).digest("hex");
