import crypto from "node:crypto";
import { unzipSync } from "fflate";
import { csaf_2_0 } from "@secvisogram/csaf-validator-lib/lib/schemaTests.js";
import { readCsafAdvisory, type CsafAdvisory } from "@/lib/rules/csaf";
import { canonicalJson } from "@/lib/rules/canonical";

/** One uploaded file as the route or action received it. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReadAdvisory {
  fileName: string;
  fileSha256: string;
  /** SHA-256 of the canonical JSON of the document: the same advisory in another file (or re-indented) is the same. */
  contentSha256: string;
  advisory: CsafAdvisory;
}

/** Limits that keep a hostile upload from exhausting the server: a ZIP bomb, a huge file, thousands of entries. */
export const ADVISORY_LIMITS = { fileBytes: 5 * 1024 * 1024, zipEntries: 500, zipTotalBytes: 100 * 1024 * 1024 } as const;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * Reads advisory uploads: JSON files and ZIP archives of them. Each document is checked against the OASIS CSAF 2.0
 * JSON schema (the CSAF TC's validator library) and then read by lib/rules/csaf.ts. Returns the advisories, or every
 * problem as a sentence naming the file (nothing is stored when there is any).
 */
export function readAdvisoryFiles(files: readonly UploadedFile[]): { advisories: ReadAdvisory[]; problems: string[] } {
  const problems: string[] = [];
  const advisories: ReadAdvisory[] = [];
  if (files.length === 0) return { advisories, problems: ["Choose one or more CSAF 2.0 advisory files (.json) or a ZIP of them."] };
  for (const f of files) {
    const name = f.name.replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "(unnamed file)";
    if (f.bytes.byteLength === 0) {
      problems.push(`${name} is empty.`);
      continue;
    }
    if (f.bytes.byteLength > ADVISORY_LIMITS.fileBytes) {
      problems.push(`${name} is larger than ${mb(ADVISORY_LIMITS.fileBytes)}, the limit for one file.`);
      continue;
    }
    if (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b) {
      let entries: Record<string, Uint8Array>;
      let count = 0;
      let total = 0;
      let tooBig = false;
      try {
        entries = unzipSync(f.bytes, {
          filter: (e) => {
            if (e.name.endsWith("/") || !e.name.toLowerCase().endsWith(".json") || e.name.includes("__MACOSX")) return false;
            count++;
            total += e.originalSize;
            if (count > ADVISORY_LIMITS.zipEntries || total > ADVISORY_LIMITS.zipTotalBytes || e.originalSize > ADVISORY_LIMITS.fileBytes) tooBig = true;
            return !tooBig;
          },
        });
      } catch {
        problems.push(`${name} looks like a ZIP archive but cannot be opened.`);
        continue;
      }
      if (tooBig) {
        problems.push(`${name} holds more than ${ADVISORY_LIMITS.zipEntries} JSON files or more than ${mb(ADVISORY_LIMITS.zipTotalBytes)} unpacked; split it.`);
        continue;
      }
      if (count === 0) {
        problems.push(`${name} holds no .json file.`);
        continue;
      }
      for (const [entry, bytes] of Object.entries(entries)) readOne(`${name} › ${entry}`, bytes, advisories, problems);
      continue;
    }
    readOne(name, f.bytes, advisories, problems);
  }
  const seen = new Map<string, string>();
  for (const a of advisories) {
    const key = a.advisory.trackingId.toUpperCase();
    const other = seen.get(key);
    if (other && other !== a.contentSha256)
      problems.push(`${a.advisory.trackingId} is in the upload twice with different content; upload one revision at a time.`);
    seen.set(key, a.contentSha256);
  }
  return { advisories: problems.length ? [] : dedupe(advisories), problems };
}

function dedupe(list: ReadAdvisory[]): ReadAdvisory[] {
  const seen = new Set<string>();
  return list.filter((a) => (seen.has(a.contentSha256) ? false : (seen.add(a.contentSha256), true)));
}

function readOne(name: string, bytes: Uint8Array, out: ReadAdvisory[], problems: string[]): void {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    problems.push(`${name} is not UTF-8 text: a CSAF advisory is a JSON file.`);
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    problems.push(`${name} is not valid JSON (${e instanceof SyntaxError ? e.message.replace(/^JSON\.parse: /, "") : "unreadable"}).`);
    return;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !("document" in doc)) {
    problems.push(`${name} is JSON but not a CSAF advisory: it has no "document" section.`);
    return;
  }
  const schema = csaf_2_0(doc);
  if (!schema.isValid) {
    const first = schema.errors.slice(0, 3).map((e) => `${e.instancePath || "(top)"} ${e.message}`);
    problems.push(`${name} is not valid CSAF 2.0: ${first.join("; ")}${schema.errors.length > 3 ? ` (and ${schema.errors.length - 3} more)` : ""}.`);
    return;
  }
  const read = readCsafAdvisory(doc);
  if (!read.ok) {
    problems.push(...read.problems.map((p) => `${name}: ${p}`));
    return;
  }
  out.push({
    fileName: name,
    fileSha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    contentSha256: crypto.createHash("sha256").update(canonicalJson(doc)).digest("hex"),
    advisory: read.advisory,
  });
}
