/**
 * Reads a CSAF 2.0 advisory (OASIS CSAF v2.0, section 3) into the facts Clearline keeps: the document and its
 * revisions, the product tree flattened to (vendor, product, version text) leaves, and each vulnerability with its
 * CVE, CWE, CVSS v3 score, product status and remediations. Pure: parsed JSON in, facts or sentences out.
 *
 * Schema validation (is this CSAF 2.0 at all?) runs before this, in the import service, with a JSON-schema
 * validator; this reader checks what Clearline relies on and says in a sentence what is wrong, so that nothing is
 * half-stored: an advisory is taken whole or not at all.
 *
 * Data lessons from CISA's ICSMA files: vendor names arrive with trailing spaces and mojibake ("YhtymÃ¤"), version
 * fields are free text (read by lib/rules/advisory-version.ts), fixed versions sometimes sit under `mitigation`.
 */

/** An advisory with more products than this is refused: the largest real ICSMA has about 110. */
export const MAX_CSAF_PRODUCTS = 5_000;

export const REMEDIATION_CATEGORIES = ["vendor_fix", "mitigation", "workaround", "none_available", "no_fix_planned"] as const;
export type RemediationCategory = (typeof REMEDIATION_CATEGORIES)[number];
export const PRODUCT_STATUSES = [
  "known_affected",
  "fixed",
  "known_not_affected",
  "first_affected",
  "last_affected",
  "first_fixed",
  "recommended",
  "under_investigation",
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface CsafProduct {
  productId: string;
  vendor: string;
  productName: string;
  /** The version text as written (product_version or product_version_range), or null for a product without one. */
  versionText: string | null;
  versionKind: "product_version" | "product_version_range" | null;
  fullName: string;
}
export interface CsafVulnerability {
  cve: string | null;
  cweId: string | null;
  cweName: string | null;
  title: string | null;
  summary: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  status: Partial<Record<ProductStatus, string[]>>;
  remediations: { category: RemediationCategory; details: string; url: string | null; productIds: string[] }[];
}
export interface CsafAdvisory {
  trackingId: string;
  title: string;
  publisher: string;
  /** YYYY-MM-DD (UTC) */
  initialReleaseDate: string;
  currentReleaseDate: string;
  version: string;
  revisions: { number: string; date: string; summary: string }[];
  products: CsafProduct[];
  vulnerabilities: CsafVulnerability[];
}

export type CsafRead = { ok: true; advisory: CsafAdvisory } | { ok: false; problems: string[] };

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? fixMojibake(v.replace(/\s+/g, " ").trim()) : null);

/** UTF-8 read as Latin-1 ("YhtymÃ¤" for "Yhtymä"): re-decoded when that yields valid UTF-8. */
export function fixMojibake(s: string): string {
  if (!/[ÃÂâ][\u0080-\u00ff]/.test(s) || /[^\u0000-\u00ff]/.test(s)) return s;
  const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}

/** An ISO 8601 timestamp → its UTC calendar date, or null when it is not a real date and time. */
export function csafDate(v: unknown): string | null {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return null;
  const ms = Date.parse(v.replace(/(\.\d{3})\d+/, "$1"));
  if (!Number.isFinite(ms)) return null;
  const [y, m, d] = v.slice(0, 10).split("-").map(Number);
  const check = new Date(Date.UTC(y!, m! - 1, d!));
  if (check.getUTCMonth() !== m! - 1 || check.getUTCDate() !== d) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

export function readCsafAdvisory(doc: unknown): CsafRead {
  const problems: string[] = [];
  if (!isObj(doc))
    return { ok: false, problems: ["The file is JSON but not a CSAF document (expected an object with document, product_tree and vulnerabilities)."] };
  const d = doc.document;
  if (!isObj(d)) return { ok: false, problems: ['This is not a CSAF document: it has no "document" section.'] };
  if (d.csaf_version !== "2.0")
    return { ok: false, problems: [`Only CSAF 2.0 is read; this document says csaf_version ${JSON.stringify(d.csaf_version ?? null)}.`] };
  const tracking = isObj(d.tracking) ? d.tracking : {};
  const trackingId = str(tracking.id);
  if (!trackingId) problems.push("document.tracking.id is missing: an advisory needs its tracking id (e.g. ICSMA-23-194-01).");
  const title = str(d.title);
  if (!title) problems.push("document.title is missing.");
  const initial = csafDate(tracking.initial_release_date);
  if (!initial) problems.push(`document.tracking.initial_release_date is not a date and time: ${JSON.stringify(tracking.initial_release_date ?? null)}.`);
  const current = csafDate(tracking.current_release_date);
  if (!current) problems.push(`document.tracking.current_release_date is not a date and time: ${JSON.stringify(tracking.current_release_date ?? null)}.`);
  const publisher = isObj(d.publisher) ? (str(d.publisher.name) ?? "") : "";
  const revisions = (Array.isArray(tracking.revision_history) ? tracking.revision_history : []).filter(isObj).map((r) => ({
    number: String(r.number ?? ""),
    date: csafDate(r.date) ?? "",
    summary: str(r.summary) ?? "",
  }));

  const products = flattenProducts(doc.product_tree, problems);
  if (products.length > MAX_CSAF_PRODUCTS) {
    return {
      ok: false,
      problems: [
        `The advisory lists more than ${MAX_CSAF_PRODUCTS.toLocaleString("en-US")} products; Clearline takes at most ${MAX_CSAF_PRODUCTS.toLocaleString("en-US")} per advisory. Split the file or ask the publisher.`,
      ],
    };
  }
  const known = new Set(products.map((p) => p.productId));
  const vulnerabilities: CsafVulnerability[] = [];
  const vulns = doc.vulnerabilities === undefined ? [] : doc.vulnerabilities;
  if (!Array.isArray(vulns)) problems.push("vulnerabilities must be a list.");
  else
    vulns.forEach((v, i) => {
      const where = `Vulnerability ${i + 1}${isObj(v) && str(v.cve) ? ` (${str(v.cve)})` : ""}`;
      if (!isObj(v)) return problems.push(`${where} is not an object.`);
      const cve = str(v.cve);
      if (cve && !/^CVE-\d{4}-\d{4,}$/.test(cve)) problems.push(`${where}: "${cve}" is not a CVE id.`);
      const ids = (list: unknown, field: string): string[] => {
        if (list === undefined) return [];
        if (!Array.isArray(list)) {
          problems.push(`${where}: ${field} must be a list of product ids.`);
          return [];
        }
        const out = list.map(String);
        const unknown = out.filter((id) => !known.has(id));
        if (unknown.length)
          problems.push(
            `${where}: ${field} names product id${unknown.length > 1 ? "s" : ""} ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""} that the product tree does not define.`,
          );
        return out;
      };
      const status: Partial<Record<ProductStatus, string[]>> = {};
      const ps = isObj(v.product_status) ? v.product_status : {};
      for (const s of PRODUCT_STATUSES) if (ps[s] !== undefined) status[s] = ids(ps[s], `product_status.${s}`);
      const remediations: CsafVulnerability["remediations"] = [];
      for (const r of Array.isArray(v.remediations) ? v.remediations : []) {
        if (!isObj(r)) continue;
        if (!REMEDIATION_CATEGORIES.includes(r.category as RemediationCategory)) {
          problems.push(`${where}: remediation category ${JSON.stringify(r.category ?? null)} is not one of ${REMEDIATION_CATEGORIES.join(", ")}.`);
          continue;
        }
        remediations.push({
          category: r.category as RemediationCategory,
          details: str(r.details) ?? "",
          url: str(r.url),
          productIds: ids(r.product_ids, "remediations.product_ids"),
        });
      }
      let cvssScore: number | null = null;
      let cvssVector: string | null = null;
      for (const s of Array.isArray(v.scores) ? v.scores : []) {
        if (!isObj(s) || !isObj(s.cvss_v3)) continue;
        const score = s.cvss_v3.baseScore;
        if (typeof score !== "number" || score < 0 || score > 10) {
          problems.push(`${where}: CVSS v3 baseScore ${JSON.stringify(score ?? null)} is not a score between 0 and 10.`);
          continue;
        }
        ids(s.products, "scores.products");
        if (cvssScore === null || score > cvssScore) {
          cvssScore = score;
          cvssVector = str(s.cvss_v3.vectorString);
        }
      }
      const notes = Array.isArray(v.notes) ? v.notes.filter(isObj) : [];
      const summary = str(notes.find((n) => n.category === "summary" || n.category === "description")?.text);
      const cwe = isObj(v.cwe) ? v.cwe : {};
      vulnerabilities.push({ cve, cweId: str(cwe.id), cweName: str(cwe.name), title: str(v.title), summary, cvssScore, cvssVector, status, remediations });
    });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    advisory: {
      trackingId: trackingId!,
      title: title!,
      publisher,
      initialReleaseDate: initial!,
      currentReleaseDate: current!,
      version: String(tracking.version ?? ""),
      revisions,
      products,
      vulnerabilities,
    },
  };
}

function flattenProducts(tree: unknown, problems: string[]): CsafProduct[] {
  const out: CsafProduct[] = [];
  if (!isObj(tree)) {
    problems.push("product_tree is missing: an advisory must say which products it covers.");
    return out;
  }
  const seen = new Set<string>();
  const add = (p: CsafProduct) => {
    if (seen.has(p.productId)) problems.push(`Product id ${p.productId} is defined twice in the product tree.`);
    seen.add(p.productId);
    out.push(p);
  };
  const walk = (branches: unknown, path: { category: string; name: string }[], depth: number) => {
    if (!Array.isArray(branches) || depth > 30) return;
    for (const b of branches) {
      if (out.length > MAX_CSAF_PRODUCTS) return;
      if (!isObj(b)) continue;
      const here = [...path, { category: String(b.category ?? ""), name: str(b.name) ?? "" }];
      if (isObj(b.product)) {
        const id = str(b.product.product_id);
        if (!id) {
          problems.push(`A product in the tree (${here.map((h) => h.name).join(" › ")}) has no product_id.`);
          continue;
        }
        const vendor = here.find((h) => h.category === "vendor")?.name ?? "";
        const productName =
          [...here].reverse().find((h) => h.category === "product_name")?.name ?? here.find((h) => h.category === "product_family")?.name ?? "";
        const version = [...here].reverse().find((h) => h.category === "product_version" || h.category === "product_version_range");
        add({
          productId: id,
          vendor,
          productName,
          versionText: version?.name ?? null,
          versionKind: (version?.category as CsafProduct["versionKind"]) ?? null,
          fullName: str(b.product.name) ?? here.map((h) => h.name).join(" "),
        });
      }
      walk(b.branches, here, depth + 1);
    }
  };
  walk(tree.branches, [], 0);
  for (const fp of Array.isArray(tree.full_product_names) ? tree.full_product_names : []) {
    if (!isObj(fp) || !str(fp.product_id)) continue;
    add({ productId: str(fp.product_id)!, vendor: "", productName: str(fp.name) ?? "", versionText: null, versionKind: null, fullName: str(fp.name) ?? "" });
  }
  // A relationship ("X installed on Y") defines a new product id for the combination, named by its vendor's part.
  for (const r of Array.isArray(tree.relationships) ? tree.relationships : []) {
    if (!isObj(r) || !isObj(r.full_product_name) || !str(r.full_product_name.product_id)) continue;
    const ref = out.find((p) => p.productId === r.product_reference) ?? out.find((p) => p.productId === r.relates_to_product_reference);
    add({
      productId: str(r.full_product_name.product_id)!,
      vendor: ref?.vendor ?? "",
      productName: ref?.productName ?? str(r.full_product_name.name) ?? "",
      versionText: ref?.versionText ?? null,
      versionKind: ref?.versionKind ?? null,
      fullName: str(r.full_product_name.name) ?? "",
    });
  }
  return out;
}
