/**
 * Reading openFDA device recall records (issue #13 item 5). openFDA publishes two endpoints with different fields
 * for the same recalls: /device/recall (`product_res_number`, `recall_status`, ISO dates `event_date_*`, no recall
 * classification) and /device/enforcement (`recall_number`, `classification` "Class II", `status`, dates written
 * YYYYMMDD). Both answer `{ meta, results: [...] }`. Pure: text in, records or sentences out.
 */
import type { RecallClass } from "@/db/schema/recalls";

export interface RecallRecord {
  recallNumber: string;
  source: "recall" | "enforcement";
  recallClass: RecallClass | null;
  firm: string | null;
  productDescription: string | null;
  productCode: string;
  reason: string | null;
  initiatedOn: string | null;
  postedOn: string | null;
  terminatedOn: string | null;
  status: string | null;
}

/** The most records one upload may hold (openFDA pages answer at most 1,000; a few pages together). */
export const RECALL_RECORD_LIMIT = 5_000;

/**
 * A real calendar date from openFDA's YYYYMMDD or YYYY-MM-DD, or undefined when the text is not one (20190231 is not a
 * date). Empty or absent: null.
 */
export function openFdaDate(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const iso = `${y}-${mo}-${d}`;
  const dt = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10) !== iso) return undefined;
  return iso;
}

/** "Class II" / "II" / "2" → "II"; anything else (including openFDA's "Not Yet Classified") → null. */
export function recallClassOf(value: unknown): RecallClass | null {
  if (typeof value !== "string") return null;
  const v = value
    .trim()
    .replace(/^class\s+/i, "")
    .toUpperCase();
  if (v === "I" || v === "1") return "I";
  if (v === "II" || v === "2") return "II";
  if (v === "III" || v === "3") return "III";
  return null;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.replace(/\r\n/g, "\n").trim() : null);

/** The product code: top-level (both endpoints) or under `openfda` (string or list). Three letters, upper case. */
function productCodeOf(r: Record<string, unknown>): string | null {
  const of = r.openfda && typeof r.openfda === "object" ? (r.openfda as Record<string, unknown>) : {};
  const raw = [r.product_code, of.product_code].map((v) => (Array.isArray(v) ? v[0] : v)).find((v) => typeof v === "string" && v.trim());
  return typeof raw === "string" ? raw.trim().toUpperCase() : null;
}

/**
 * Reads the records of one parsed openFDA document. `label` names the file in the sentences. Every problem is
 * reported (record number and recall number), and no record is returned when there is any: the import is all or
 * nothing.
 */
export function readOpenFdaRecalls(doc: unknown, label: string): { records: RecallRecord[]; problems: string[] } {
  const problems: string[] = [];
  let rows: unknown[];
  if (Array.isArray(doc)) rows = doc;
  else if (doc && typeof doc === "object" && Array.isArray((doc as { results?: unknown }).results)) rows = (doc as { results: unknown[] }).results;
  else if (doc && typeof doc === "object" && ("product_res_number" in doc || "recall_number" in doc)) rows = [doc];
  else return { records: [], problems: [`${label} is JSON but not an openFDA device recall or enforcement response: it has no "results" list.`] };
  if (rows.length === 0) return { records: [], problems: [`${label} holds no recall record.`] };
  if (rows.length > RECALL_RECORD_LIMIT)
    return {
      records: [],
      problems: [`${label} holds ${rows.length.toLocaleString("en-US")} records; import at most ${RECALL_RECORD_LIMIT.toLocaleString("en-US")} at a time.`],
    };
  const records: RecallRecord[] = [];
  rows.forEach((raw, i) => {
    const at = `${label}, record ${i + 1}`;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      problems.push(`${at} is not an object.`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const enforcement = "recall_number" in r || "classification" in r || "recall_initiation_date" in r;
    const recallNumber = text(r.recall_number) ?? text(r.product_res_number);
    const name = recallNumber ? `${at} (${recallNumber})` : at;
    if (!recallNumber) {
      problems.push(`${at} has no recall number (recall_number or product_res_number).`);
      return;
    }
    if (recallNumber.length > 40) problems.push(`${name}: the recall number is longer than 40 characters.`);
    const productCode = productCodeOf(r);
    if (!productCode) problems.push(`${name} has no FDA product code, so it cannot be matched to device models.`);
    else if (!/^[A-Z]{3}$/.test(productCode)) problems.push(`${name}: the product code "${productCode.slice(0, 20)}" is not three letters.`);
    const dates: Record<"initiatedOn" | "postedOn" | "terminatedOn", string | null> = { initiatedOn: null, postedOn: null, terminatedOn: null };
    const fields = {
      initiatedOn: ["recall_initiation_date", "event_date_initiated"],
      postedOn: ["report_date", "event_date_posted"],
      terminatedOn: ["termination_date", "event_date_terminated"],
    } as const;
    for (const [key, names] of Object.entries(fields) as [keyof typeof dates, readonly string[]][]) {
      for (const n of names) {
        if (!(n in r)) continue;
        const d = openFdaDate(r[n]);
        if (d === undefined) problems.push(`${name}: ${n} "${String(r[n]).slice(0, 20)}" is not a calendar date (openFDA writes YYYYMMDD).`);
        else if (d) dates[key] = d;
      }
    }
    if (!productCode || !/^[A-Z]{3}$/.test(productCode)) return;
    records.push({
      recallNumber,
      source: enforcement ? "enforcement" : "recall",
      recallClass: recallClassOf(r.classification),
      firm: text(r.recalling_firm),
      productDescription: text(r.product_description),
      productCode,
      reason: text(r.reason_for_recall),
      ...dates,
      status: text(r.status) ?? text(r.recall_status),
    });
  });
  return problems.length ? { records: [], problems } : { records, problems };
}

/**
 * Merges a newly read record onto the stored one. A recall endpoint record has no classification: it never erases
 * the class an enforcement record gave; any other field the new record leaves blank keeps its stored value.
 */
export function mergeRecall(stored: Omit<RecallRecord, "source"> | null, next: RecallRecord): Omit<RecallRecord, "source"> {
  const { source: _s, ...n } = next;
  if (!stored) return n;
  const out = { ...stored };
  for (const k of Object.keys(n) as (keyof typeof n)[]) {
    const v = n[k];
    if (v !== null) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
