/**
 * Issue #13 item 2, "associated device identification": which of an advisory's affected products a group of devices
 * (one model, one software/firmware version) falls under, with what confidence and why. Pure: the matcher
 * (lib/services/advisories/match-advisories.ts) groups devices by (model, version) and asks this once per group, so
 * 200,000 devices cost a handful of evaluations.
 *
 * The vendor has already been matched to the model's manufacturer through the inventory's aliases
 * (lib/rules/manufacturer.ts); product names are compared by lib/rules/advisory-product.ts and versions by
 * lib/rules/advisory-version.ts. A wrong "not affected" hides a vulnerable device (CSF ID.RA-01/ID.RA-08), so what
 * cannot be decided by rule becomes a possible match for a Clinical Engineering user to confirm.
 */
import { matchProductToModel, productWords, type ProductMatch } from "./advisory-product";
import { matchVersion, parseVersionSpec, type VersionSpec } from "./advisory-version";

export type Confidence = "version" | "model" | "possible";
const RANK: Record<Confidence, number> = { version: 3, model: 2, possible: 1 };

export interface AffectedProduct {
  id: number;
  productName: string;
  versionText: string | null;
}
export interface ModelRef {
  name: string;
  number?: string | null;
}
export interface MatchVerdict {
  productId: number;
  confidence: Confidence;
  reason: string;
}

/** A product read once: its version spec and the model-number words its version field holds. */
export interface PreparedProduct extends AffectedProduct {
  spec: VersionSpec;
  versionAlternatives: string[];
}

export function prepareProduct(p: AffectedProduct): PreparedProduct {
  const text = p.versionText ?? "";
  return {
    ...p,
    spec: parseVersionSpec(text),
    versionAlternatives: text
      .split("|")
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean),
  };
}

/**
 * CISA sometimes writes model numbers where the version belongs ("GE Aestiva" with versions "7100 | 7900 MRI", "GE
 * Carestation" with "620 | 650 | 650c"). When an alternative of the version field is a model-number word of the
 * inventory model ("Aestiva 7100" → "7100"), the field names the model, not a software version: the model is affected
 * whatever its software version. Returns the alternative that names the model, or null.
 */
export function modelNamedInVersionField(p: PreparedProduct, model: ModelRef): string | null {
  if (p.versionAlternatives.length === 0) return null;
  const words = new Set(
    [...productWords(model.name), ...(model.number ? productWords(model.number) : [])].filter((w) => /\d/.test(w) && /^[a-z0-9]+$/.test(w)),
  );
  for (const alt of p.versionAlternatives) {
    const first = alt.split(/\s+/)[0]!;
    // "7900 mri" names the 7900 (an MRI-conditional variant): its first word is the model number.
    if (words.has(alt) || (words.has(first) && !/^[<>=]/.test(alt) && /^\d+[a-z]*$/.test(first))) return alt;
  }
  return null;
}

/**
 * Which candidate decides a group of devices of one model and one version, or null when none affects it.
 * - Only products with a known_affected (or first/last_affected) status for some vulnerability can match
 *   (`affected` false: fixed or known_not_affected only).
 * - Strong product matches ("exact", "contains") decide alone when there are any: a partial match of another product
 *   adds nothing once the model is identified; a strong match to a product that is not affected means no match.
 * - Among the affected verdicts, the highest confidence wins (version > model > possible), then the first product.
 * - A partial product match or a manufacturer matched only as "similar" is at most a possible match.
 */
export function decideMatch(
  candidates: readonly { product: PreparedProduct; productMatch: ProductMatch; affected?: boolean }[],
  model: ModelRef,
  deviceVersion: string | null,
  opts: { vendorOnlySimilar?: string | null } = {},
): MatchVerdict | null {
  const isStrong = (c: { productMatch: ProductMatch }) => c.productMatch === "exact" || c.productMatch === "contains";
  const usable = candidates.filter((c) => c.productMatch !== "none" && c.affected !== false);
  const strong = usable.filter(isStrong);
  // The advisory names this model among its fixed or not-affected products: a partial likeness to an affected one
  // ("PET/CT Systems" for a "SPECT/CT Systems" model) does not outweigh that.
  if (strong.length === 0 && candidates.some((c) => c.affected === false && isStrong(c))) return null;
  const pool = strong.length > 0 ? strong : usable;
  let best: MatchVerdict | null = null;
  for (const { product, productMatch } of pool) {
    const v = verdictFor(product, productMatch, model, deviceVersion);
    if (!v) continue;
    if (opts.vendorOnlySimilar && v.confidence !== "possible") {
      v.confidence = "possible";
      v.reason = `possible match — confirm: the advisory's vendor "${opts.vendorOnlySimilar}" only resembles this manufacturer's name. ${v.reason}`;
    }
    if (!best || RANK[v.confidence] > RANK[best.confidence]) best = v;
  }
  return best;
}

function verdictFor(p: PreparedProduct, productMatch: ProductMatch, model: ModelRef, deviceVersion: string | null): MatchVerdict | null {
  const productSays =
    productMatch === "exact"
      ? `Model "${model.name}" is the advisory's product "${p.productName}"`
      : productMatch === "contains"
        ? `Model "${model.name}" matches the advisory's product "${p.productName}"`
        : `Model "${model.name}" only partly matches the advisory's product "${p.productName}"`;
  const named = modelNamedInVersionField(p, model);
  if (named) {
    const confidence: Confidence = productMatch === "partial" ? "possible" : "model";
    return {
      productId: p.id,
      confidence,
      reason: `${confidence === "possible" ? "Possible match — confirm: " : ""}${productSays}, and the advisory's version field names the model ("${named}"): every software version of it is affected.`,
    };
  }
  const v = matchVersion(p.spec, deviceVersion);
  if (!v.affected) return null;
  const versionSays = v.reason.replace(/^possible match — confirm: /, "");
  if (productMatch === "partial") return { productId: p.id, confidence: "possible", reason: `Possible match — confirm: ${productSays}; ${versionSays}.` };
  const confidence: Confidence = v.confidence === "version_match" ? "version" : v.confidence === "model_match_version_unknown" ? "model" : "possible";
  return { productId: p.id, confidence, reason: `${confidence === "possible" ? "Possible match — confirm: " : ""}${productSays}; ${versionSays}.` };
}

/** Product × model comparison, for callers that cache it per (product, model). */
export function productMatchFor(p: AffectedProduct, model: ModelRef, vendorWords: readonly string[]): ProductMatch {
  return matchProductToModel(p.productName, model, vendorWords);
}
