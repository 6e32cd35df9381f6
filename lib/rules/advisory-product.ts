/**
 * Does an advisory's product name (CSAF `product_name` branch, e.g. "MiniMed Paradigm 522K/722K pumps",
 * "IntelliVue patient monitor MX400-MX850", "BD Alaris Point-of-Care Unit (PCU) Model 8015") name a model of the
 * inventory? Pure. The vendor has already matched through the manufacturer's aliases; this compares the product with
 * the model's name and number.
 *
 * Advisories and CMMS exports spell models differently (case, punctuation, the vendor's name in front, a family name
 * around the model number), so the rule compares normalised words and model numbers. "exact" and "contains" are model
 * matches; "partial" (shared model-number-like words or most words) is shown as a possible match for a person to
 * confirm; "none" is no match.
 */

export type ProductMatch = "exact" | "contains" | "partial" | "none";

const NOISE = new Set([
  "the",
  "and",
  "with",
  "of",
  "for",
  "model",
  "models",
  "only",
  "series",
  "system",
  "systems",
  "unit",
  "units",
  "device",
  "devices",
  "pump",
  "pumps",
  "inc",
  "ltd",
  "llc",
  "co",
  "corp",
  "corporation",
  "company",
]);

/** Lower-case words without punctuation; "522K/722K" → ["522k", "722k"]; vendor words removed when given. */
export function productWords(text: string, vendorWords: readonly string[] = []): string[] {
  const drop = new Set(vendorWords.map((w) => w.toLowerCase()));
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[()[\],;:/+&]/g, " ")
      .split(/\s+/)
      .map((w) => w.replace(/^[.\-]+|[.\-]+$/g, ""))
      // "HAMILTON-T1" is also "hamilton" and "t1"; the whole word stays for model ranges ("mx400-mx850").
      .flatMap((w) => (w.includes("-") ? [w, ...w.split("-")] : [w]))
      .filter((w) => w !== "" && !NOISE.has(w) && !drop.has(w))
  );
}

/** A word that looks like a model number: it holds a digit ("8015", "mx450", "b650", "522k"). */
const isModelNumber = (w: string) => /\d/.test(w) && w.length >= 2;

export function matchProductToModel(productName: string, model: { name: string; number?: string | null }, vendorWords: readonly string[] = []): ProductMatch {
  const product = productWords(productName, vendorWords);
  const name = productWords(model.name, vendorWords);
  const number = model.number ? productWords(model.number, vendorWords) : [];
  if (product.length === 0 || (name.length === 0 && number.length === 0)) return "none";
  const p = new Set(product);
  const join = (ws: string[]) => ws.join(" ");
  if (join(product) === join(name) || (number.length > 0 && join(product) === join(number))) return "exact";
  // Every word of the model's name (or its number) appears in the product: "GE CARESCAPE B650" in "B650".
  const within = (ws: string[]) => ws.length > 0 && ws.every((w) => p.has(w));
  if (within(name) || within(number)) return "contains";
  // The product's words all appear in the model's name: "Aestiva" in "Aestiva/5 7900".
  const m = new Set([...name, ...number]);
  if (product.every((w) => m.has(w))) return "contains";
  // A model range in the product: "MX400-MX850" names the MX450.
  if (product.some((w) => [...m].some((x) => inModelRange(w, x)))) return "contains";
  const sharedNumbers = product.filter((w) => isModelNumber(w) && m.has(w));
  if (sharedNumbers.length > 0) return "partial";
  const shared = product.filter((w) => m.has(w));
  if (shared.length >= 2 && shared.length >= Math.ceil(Math.min(product.length, m.size) * 0.6)) return "partial";
  return "none";
}

/** "mx400-mx850" holds "mx450"; "mp2-mp90" holds "mp70". */
function inModelRange(rangeWord: string, modelWord: string): boolean {
  const r = /^([a-z]+)(\d+)-([a-z]+)?(\d+)$/.exec(rangeWord);
  const w = /^([a-z]+)(\d+)$/.exec(modelWord);
  if (!r || !w || (r[3] && r[3] !== r[1]) || w[1] !== r[1]) return false;
  const n = Number(w[2]);
  return n >= Number(r[2]) && n <= Number(r[4]);
}
