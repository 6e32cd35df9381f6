/**
 * CISA's Known Exploited Vulnerabilities catalog (BOD 22-01) as rows: the JSON feed's `vulnerabilities` or the CSV's
 * lines, with the same field names. Pure: records in, entries or sentences out. A CVE on KEV is "known exploited"
 * everywhere it shows in Clearline, and KEV items lead the patch queue.
 */
export const KEV_REQUIRED = [
  "cveID",
  "vendorProject",
  "product",
  "vulnerabilityName",
  "dateAdded",
  "shortDescription",
  "requiredAction",
  "dueDate",
  "knownRansomwareCampaignUse",
] as const;

export interface KevEntry {
  cve: string;
  vendorProject: string;
  product: string;
  name: string;
  dateAdded: string;
  dueDate: string;
  ransomwareUse: string;
  shortDescription: string;
  requiredAction: string;
}

const isCalendarDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/**
 * Checks the columns once and every row. `firstRow` is the line or index number of the first record, for messages.
 * Returns the entries, or the problems (at most 20, then a count).
 */
export function readKevRows(columns: readonly string[], rows: readonly Record<string, unknown>[], firstRow = 1): { entries: KevEntry[]; problems: string[] } {
  const missing = KEV_REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length)
    return {
      entries: [],
      problems: [`The KEV file has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}; a CISA KEV export (JSON or CSV) has them all.`],
    };
  if (rows.length === 0) return { entries: [], problems: ["The KEV file lists no vulnerabilities."] };
  const problems: string[] = [];
  const entries: KevEntry[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const at = `Row ${i + firstRow}`;
    const get = (k: string) => (typeof r[k] === "string" ? (r[k] as string).trim() : r[k] == null ? "" : String(r[k]).trim());
    const cve = get("cveID").toUpperCase();
    if (!/^CVE-\d{4}-\d{4,}$/.test(cve)) return problems.push(`${at}: cveID "${get("cveID")}" is not a CVE id.`);
    if (seen.has(cve)) return problems.push(`${at}: ${cve} is listed twice.`);
    seen.add(cve);
    for (const k of ["dateAdded", "dueDate"] as const)
      if (!isCalendarDate(get(k))) return problems.push(`${at} (${cve}): ${k} "${get(k)}" is not a date (YYYY-MM-DD).`);
    entries.push({
      cve,
      vendorProject: get("vendorProject"),
      product: get("product"),
      name: get("vulnerabilityName"),
      dateAdded: get("dateAdded"),
      dueDate: get("dueDate"),
      ransomwareUse: get("knownRansomwareCampaignUse") || "Unknown",
      shortDescription: get("shortDescription"),
      requiredAction: get("requiredAction"),
    });
  });
  if (problems.length > 20) return { entries: [], problems: [...problems.slice(0, 20), `… and ${problems.length - 20} more problems.`] };
  return problems.length ? { entries: [], problems } : { entries, problems };
}
