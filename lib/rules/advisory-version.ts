/**
 * Reading the version fields of medical-device advisories and deciding whether a device's software/firmware version
 * is affected. Pure: text in, verdict out.
 *
 * Why this is hard: CISA's ICSMA advisories (CSAF 2.0) put free text in `product_version` and
 * `product_version_range`: `< B.06.18`, `<=2.3.5`, `vers:all/*`, `24950 | 24952`, `>= 4.01 | <= 4.34` (a range, in the
 * `vers:` convention), `14.x`, `<8/30/2024` (a date), `v8.x model 35700BAX2` (a model inside a version). A wrong
 * "not affected" hides a vulnerable infusion pump, so whatever cannot be read exactly becomes "possible match —
 * confirm" for a Clinical Engineering user, never a silent no.
 */

export type Comparator = "<" | "<=" | ">" | ">=" | "=";
export interface Constraint {
  op: Comparator;
  /** The version as written (trimmed). */
  version: string;
  /** `14.x`, `5.x.x`: every version that starts with the given segments. Only with op "=". */
  wildcard?: boolean;
}

export type VersionSpec =
  /** Every version (`vers:all/*`, `*`). */
  | { kind: "all"; note?: string }
  /** Any of the equalities, or inside one of the ranges built from the comparators (vers semantics). */
  | { kind: "constraints"; constraints: Constraint[]; note?: string }
  /** Text that is not a version expression: a date, a model name, a condition. */
  | { kind: "unparsed"; text: string; reason: string };

const COMPARATOR = /^(<=|>=|<|>|=)\s*/;
/** One version token: letters, digits and separators, no spaces (`B.06.18`, `v20D29`, `012U000040`, `2.6A`). */
const TOKEN = /^[vV]?[0-9A-Za-z]+(?:[._-][0-9A-Za-z]+)*$/;
const WILDCARD = /^([vV]?[0-9A-Za-z]+(?:[._-][0-9A-Za-z]+)*?)(?:\.[xX*])+$/;
const MONTHS = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const DATE_LIKE = /\d{1,2}\/\d{1,2}\/\d{2,4}/;
/** A parenthetical that only annotates (end of life, integrated into another product), not a condition. */
const ANNOTATION = /\((?:end[- ]of[- ]life[^)]*|integrated into[^)]*|replaced by[^)]*)\)/gi;

/** Reads an advisory's version text. Never throws: what it cannot read becomes `unparsed` with a reason. */
export function parseVersionSpec(raw: string): VersionSpec {
  const text = raw.replace(/\s+/g, " ").trim();
  if (text === "") return { kind: "unparsed", text, reason: "the advisory gives no version" };

  const vers = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(text);
  if (vers) {
    const body = vers[2]!.trim();
    if (body === "*") return { kind: "all" };
    return constraintsOf(body, text, true);
  }

  const notes = [...text.matchAll(ANNOTATION)].map((m) => m[0].slice(1, -1).trim());
  const stripped = text.replace(ANNOTATION, " ").replace(/\s+/g, " ").trim();
  const note = notes.length ? notes.join("; ") : undefined;

  if (stripped === "*") return { kind: "all", note };
  if (stripped.startsWith("*")) return { kind: "unparsed", text, reason: `every version, but only under a condition: "${stripped.slice(1).trim()}"` };
  if (MONTHS.test(stripped) || DATE_LIKE.test(stripped)) return { kind: "unparsed", text, reason: "the version is given as a date" };

  // "2.3.6 and below" is "<= 2.3.6".
  const andBelow = /^(\S+) and below$/i.exec(stripped);
  if (andBelow && TOKEN.test(andBelow[1]!)) return { kind: "constraints", constraints: [{ op: "<=", version: andBelow[1]! }], note };

  const parsed = constraintsOf(stripped, text, false);
  return parsed.kind === "constraints" && note ? { ...parsed, note } : parsed;
}

function constraintsOf(body: string, text: string, isVers: boolean): VersionSpec {
  const parts = body.split("|").map((p) => p.trim());
  if (parts.some((p) => p === "")) return { kind: "unparsed", text, reason: "an empty alternative in a version list" };
  const constraints: Constraint[] = [];
  for (const part of parts) {
    const m = COMPARATOR.exec(part);
    const op = (m?.[1] ?? "=") as Comparator;
    const version = part.slice(m?.[0].length ?? 0).trim();
    if (op === "=") {
      const wild = WILDCARD.exec(version);
      if (wild) {
        constraints.push({ op, version: wild[1]!, wildcard: true });
        continue;
      }
      // A bare label may hold a space ("HD 16"), but words that say something else are not a version.
      if (TOKEN.test(version) || (!isVers && /^[A-Za-z]{1,4} ?\d[0-9A-Za-z.]*$/.test(version))) {
        constraints.push({ op, version });
        continue;
      }
      return {
        kind: "unparsed",
        text,
        reason: /model|with|on |running|option|shipped|release/i.test(version)
          ? "the version field holds a model or a condition"
          : `"${version}" is not a version`,
      };
    }
    if (!TOKEN.test(version)) return { kind: "unparsed", text, reason: `"${version}" after ${op} is not a version` };
    // "< 3.x" is below 3; "<= 11.x" is up to and including every 11.x; "> 2.x" is above every 2.x; ">= 4.x" from 4.
    const wild = WILDCARD.exec(version);
    if (wild) {
      const base = wild[1]!;
      if (op === "<=") constraints.push({ op: "<", version: base }, { op: "=", version: base, wildcard: true });
      else if (op === ">") return { kind: "unparsed", text, reason: `"> ${version}" cannot be read as a bound` };
      else constraints.push({ op, version: base });
      continue;
    }
    constraints.push({ op, version });
  }
  return { kind: "constraints", constraints };
}

type Segment = number | string;

/** Splits a version into comparable segments: `B.06.18` → ["b", 6, 18]; `v20D29` → [20, "d", 29]. */
export function versionSegments(version: string): Segment[] {
  const v = version
    .trim()
    .toLowerCase()
    .replace(/^v(?=\d)/, "");
  const out: Segment[] = [];
  for (const piece of v.split(/[._\-\s]+/)) {
    for (const m of piece.matchAll(/\d+|[a-z]+/g)) out.push(/^\d/.test(m[0]) ? Number(m[0]) : m[0]);
  }
  return out;
}

/**
 * Compares two versions segment by segment: numbers numerically, letters alphabetically, a missing numeric segment
 * as 0 (2.3 = 2.3.0). `null` when they are not of one shape (a number where the other has letters): such versions
 * cannot be ordered, and the caller must not pretend they can.
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const x = versionSegments(a);
  const y = versionSegments(b);
  if (x.length === 0 || y.length === 0) return null;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i] ?? (typeof y[i] === "number" ? 0 : undefined);
    const q = y[i] ?? (typeof x[i] === "number" ? 0 : undefined);
    if (p === undefined) return -1; // "2.6" < "2.6a"
    if (q === undefined) return 1;
    if (typeof p !== typeof q) return null;
    if (p < q) return -1;
    if (p > q) return 1;
  }
  return 0;
}

function startsWithSegments(version: string, prefix: string): boolean {
  const v = versionSegments(version);
  const p = versionSegments(prefix);
  return p.length > 0 && p.every((s, i) => v[i] === s);
}

export type MatchConfidence = "version_match" | "model_match_version_unknown" | "possible";
export interface VersionVerdict {
  affected: boolean;
  confidence: MatchConfidence;
  /** A sentence saying why, for the device and advisory pages. */
  reason: string;
}

/**
 * Is a device whose model matched the advisory's product affected, given its software/firmware version?
 * - every version affected: affected, version match;
 * - device version unknown: affected, "model match, version unknown";
 * - advisory text unreadable or versions of different shapes: "possible match — confirm";
 * - otherwise the constraints decide, with vers semantics: `>= a | <= b` is the range a..b.
 */
export function matchVersion(spec: VersionSpec, deviceVersion: string | null | undefined): VersionVerdict {
  const dv = deviceVersion?.trim() ?? "";
  if (spec.kind === "all") return { affected: true, confidence: "version_match", reason: `every version is affected${spec.note ? ` (${spec.note})` : ""}` };
  if (spec.kind === "unparsed") return { affected: true, confidence: "possible", reason: `possible match — confirm: ${spec.reason} ("${spec.text}")` };
  const written = describe(spec.constraints);
  if (dv === "") return { affected: true, confidence: "model_match_version_unknown", reason: `model match, version unknown (affected: ${written})` };
  const inside = satisfies(spec.constraints, dv);
  if (inside === null) return { affected: true, confidence: "possible", reason: `possible match — confirm: version ${dv} cannot be compared with ${written}` };
  return inside
    ? { affected: true, confidence: "version_match", reason: `version ${dv} is within ${written}` }
    : { affected: false, confidence: "version_match", reason: `version ${dv} is outside ${written}` };
}

function describe(cs: Constraint[]): string {
  return cs.map((c) => (c.op === "=" ? (c.wildcard ? `${c.version}.x` : c.version) : `${c.op} ${c.version}`)).join(" | ");
}

/** true/false, or null when a comparison that decides the answer cannot be made. */
export function satisfies(cs: Constraint[], version: string): boolean | null {
  let unknown = false;
  // An equality names a release, and a device version that extends it is a build of that release: Philips's "C.02"
  // covers C.02.05, Smiths's "1.6" covers 1.6.1. Reading it as exactly "C.02.00" would hide affected devices.
  for (const c of cs.filter((c) => c.op === "=")) {
    if (startsWithSegments(version, c.version) || versionSegments(c.version).join(".") === versionSegments(version).join(".")) return true;
  }
  // Ranges in vers order: a lower bound followed by an upper bound is one range; a bound alone is open on its other side.
  const bounds = cs.filter((c) => c.op !== "=");
  const ranges: { lo?: Constraint; hi?: Constraint }[] = [];
  for (const b of bounds) {
    const last = ranges[ranges.length - 1];
    if (b.op === "<" || b.op === "<=") {
      if (last && last.lo && !last.hi) last.hi = b;
      else ranges.push({ hi: b });
    } else ranges.push({ lo: b });
  }
  for (const r of ranges) {
    const lo = r.lo ? test(r.lo, version) : true;
    const hi = r.hi ? test(r.hi, version) : true;
    if (lo === true && hi === true) return true;
    if (lo === null || hi === null) {
      if (lo !== false && hi !== false) unknown = true;
    }
  }
  return unknown ? null : false;
}

function test(c: Constraint, version: string): boolean | null {
  const cmp = compareVersions(version, c.version);
  if (cmp === null) return null;
  switch (c.op) {
    case "<":
      return cmp < 0;
    case "<=":
      // "<= N" (Philips) and "<= 12.3" (BD) include the builds of that release (N.00.04, 12.3.1), as "<= 11.x" does.
      return cmp <= 0 || startsWithSegments(version, c.version);
    case ">":
      return cmp > 0;
    case ">=":
      return cmp >= 0;
    default:
      return cmp === 0;
  }
}
