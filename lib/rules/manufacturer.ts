/**
 * Manufacturer and model names as CMMS exports and CISA advisories spell them ("Philips" / "Phillips" /
 * "Philips Medical Systems", "GE Healthcare" / "General Electric (GE)", "B. Braun" / "B. Braun Melsungen AG",
 * trailing spaces, case, mojibake such as "Innokas YhtymÃ¤ Oy"). Advisory matching (ID.RA-01/08) goes vendor →
 * product → version, so every spelling must land on one canonical manufacturer; a spelling that is only similar
 * (a typo) is proposed to a person, never merged silently: two distinct makers with close names exist.
 */

/** Windows-1252 characters at 0x80–0x9F (the bytes where it differs from Latin-1), for undoing mojibake. */
const CP1252_HIGH: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/**
 * Undoes UTF-8 text that was decoded as Latin-1/Windows-1252 ("YhtymÃ¤" → "Yhtymä", "DrÃ¤ger" → "Dräger").
 * Only when the result is valid UTF-8; otherwise the text is returned unchanged.
 */
export function fixMojibake(text: string): string {
  if (!/[ÃÂâ][\u0080-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/.test(text)) return text;
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) bytes.push(code);
    else if (CP1252_HIGH[ch] !== undefined) bytes.push(CP1252_HIGH[ch]);
    else return text;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return text;
  }
}

/** Lower case, no accents, no punctuation, "&" as "and", single spaces: "  Dräger  " → "drager". */
export function normaliseName(text: string): string {
  return fixMojibake(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[®™©]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/\s+/g, " ");
}

/** The key an alias is stored and matched under: the normalised full name. */
export const normaliseManufacturerName = normaliseName;

/**
 * Words that tell the legal form or the line of business rather than who the maker is. "Philips Medical Systems"
 * and "Philips" are one maker; so are "Medtronic Inc." and "Medtronic".
 */
const NOISE_WORDS = new Set([
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "ltd",
  "limited",
  "llc",
  "l",
  "c",
  "gmbh",
  "ag",
  "sa",
  "srl",
  "spa",
  "oy",
  "ab",
  "bv",
  "nv",
  "plc",
  "kg",
  "kk",
  "pty",
  "the",
  "and",
  "medical",
  "medizintechnik",
  "healthcare",
  "health",
  "systems",
  "system",
  "technologies",
  "technology",
  "solutions",
  "international",
  "group",
  "holdings",
  "diagnostics",
  "devices",
]);

/** The distinctive part of a name: its normalised words without legal forms and sector words ("ge healthcare" → "ge"). */
export function coreName(text: string): string {
  const words = normaliseName(text.replace(/\([^)]*\)/g, " "))
    .split(" ")
    .filter(Boolean);
  const core = words.filter((w) => !NOISE_WORDS.has(w));
  return (core.length > 0 ? core : words).join(" ");
}

/** An acronym given in parentheses: "General Electric (GE)" → "ge", "Becton, Dickinson and Company (BD)" → "bd". */
export function parentheticalAcronym(text: string): string | null {
  const m = /\(([^)]{2,8})\)/.exec(text);
  if (!m) return null;
  const a = normaliseName(m[1]!);
  return /^[a-z0-9]{2,8}$/.test(a) ? a : null;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export interface KnownManufacturer {
  id: number;
  name: string;
  /** Every stored spelling (the canonical name need not be repeated). */
  aliases: readonly string[];
}

/**
 * How a name matched: `exact` (same normalised spelling as the name or an alias), `core` (same distinctive words,
 * legal form and sector words aside), `acronym` (its acronym in parentheses is the other's name), `prefix` (the
 * other's distinctive words start it, "B. Braun Melsungen AG" → "B. Braun"): these are the same maker.
 * `similar` (one typo apart, "Phillips" → "Philips") is only a proposal a person confirms.
 */
export type MatchLevel = "exact" | "core" | "acronym" | "prefix" | "similar";
export interface ManufacturerMatch {
  id: number;
  name: string;
  level: MatchLevel;
}

export const AUTOMATIC_LEVELS: readonly MatchLevel[] = ["exact", "core", "acronym", "prefix"];

/** Index of the known manufacturers for repeated matching (an import matches thousands of rows). */
export interface ManufacturerIndex {
  match(name: string): ManufacturerMatch | null;
}

export function indexManufacturers(known: readonly KnownManufacturer[]): ManufacturerIndex {
  const exact = new Map<string, KnownManufacturer>();
  const core = new Map<string, KnownManufacturer>();
  const acronyms = new Map<string, KnownManufacturer>();
  const cores: { core: string; m: KnownManufacturer }[] = [];
  for (const m of known) {
    for (const spelling of [m.name, ...m.aliases]) {
      const key = normaliseName(spelling);
      if (key && !exact.has(key)) exact.set(key, m);
      const c = coreName(spelling);
      if (c && !core.has(c)) {
        core.set(c, m);
        cores.push({ core: c, m });
      }
      const a = parentheticalAcronym(spelling);
      if (a && !acronyms.has(a)) acronyms.set(a, m);
    }
  }
  const memo = new Map<string, ManufacturerMatch | null>();
  const hit = (m: KnownManufacturer, level: MatchLevel): ManufacturerMatch => ({ id: m.id, name: m.name, level });
  function compute(name: string): ManufacturerMatch | null {
    const key = normaliseName(name);
    if (!key) return null;
    const e = exact.get(key);
    if (e) return hit(e, "exact");
    const c = coreName(name);
    const byCore = core.get(c);
    if (byCore) return hit(byCore, "core");
    const a = parentheticalAcronym(name);
    const byAcronym = (a && (core.get(a) ?? acronyms.get(a))) || acronyms.get(c);
    if (byAcronym) return hit(byAcronym, "acronym");
    // Word prefix either way, longest known core first: "b braun melsungen" starts with "b braun".
    const prefixed = cores
      .filter((k) => (c.startsWith(`${k.core} `) || k.core.startsWith(`${c} `)) && Math.min(c.length, k.core.length) >= 2)
      .sort((x, y) => y.core.length - x.core.length)[0];
    if (prefixed) return hit(prefixed.m, "prefix");
    if (c.length >= 5) {
      let best: { d: number; m: KnownManufacturer } | null = null;
      for (const k of cores) {
        if (Math.abs(k.core.length - c.length) > 1 || k.core.length < 5) continue;
        const d = editDistance(c, k.core);
        if (d <= 1 && (!best || d < best.d)) best = { d, m: k.m };
      }
      if (best) return hit(best.m, "similar");
    }
    return null;
  }
  return {
    match(name: string) {
      const key = name.trim();
      if (!memo.has(key)) memo.set(key, compute(key));
      return memo.get(key)!;
    },
  };
}

/** One-off form of indexManufacturers(known).match(name). */
export function matchManufacturer(name: string, known: readonly KnownManufacturer[]): ManufacturerMatch | null {
  return indexManufacturers(known).match(name);
}

/** The key a model is stored and matched under, within its manufacturer: "  Siesta i Whispa " → "siesta i whispa". */
export function normaliseModelName(text: string): string {
  return normaliseName(text);
}

/** A manufacturer's display name from a raw spelling: mojibake undone, spaces collapsed, case kept. */
export function cleanDisplayName(text: string): string {
  return fixMojibake(text).replace(/\s+/g, " ").trim();
}
