import type { DeviceStatus } from "@/db/schema/inventory";
import { hasControlCharacter } from "./visible-text";

/**
 * Pure rules of the CMMS import (issue #12): what a file is, how it is laid out, which column holds what, whether a
 * row is usable, and what it changes. No I/O: the service reads the file and the database and passes data in.
 */

/** Fields a CMMS column can be mapped to. */
export const IMPORT_FIELDS = [
  "assetTag",
  "serialNumber",
  "manufacturer",
  "model",
  "description",
  "site",
  "location",
  "status",
  "ipAddress",
  "macAddress",
  "hostname",
  "osName",
  "osVersion",
  "softwareVersion",
  "connected",
  "storesPhi",
  "cmmsId",
  "lastInventoriedOn",
  "lastSeenOn",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  assetTag: "Asset tag",
  serialNumber: "Serial number",
  manufacturer: "Manufacturer",
  model: "Model",
  description: "Description / type",
  site: "Site",
  location: "Location (department / room)",
  status: "Status",
  ipAddress: "IP address",
  macAddress: "MAC address",
  hostname: "Hostname",
  osName: "Operating system",
  osVersion: "OS version",
  softwareVersion: "Software / firmware version",
  connected: "Connected to the network",
  storesPhi: "Stores PHI",
  cmmsId: "CMMS record id",
  lastInventoriedOn: "Date last inventoried",
  lastSeenOn: "Date last seen on the network",
};

/** Common CMMS header names (normalised) for each field. */
const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  assetTag: [
    "asset tag",
    "asset tag no",
    "asset tag number",
    "asset",
    "asset no",
    "asset number",
    "asset id",
    "equipment id",
    "equipment no",
    "equipment number",
    "control number",
    "control no",
    "control",
    "tag no",
    "tag number",
    "tag",
  ],
  serialNumber: ["serial", "serial number", "serial no", "sn", "s n"],
  manufacturer: ["manufacturer", "make", "vendor", "mfr", "mfg", "oem", "manufacturer name"],
  model: ["model", "model number", "model no", "model name"],
  description: ["description", "type", "equipment type", "device type", "equipment description", "category"],
  site: ["site", "facility", "campus", "hospital"],
  location: ["location", "department", "dept", "room", "unit", "area"],
  status: ["status", "equipment status", "state"],
  ipAddress: ["ip", "ip address", "ipv4", "ipv4 address"],
  macAddress: ["mac", "mac address"],
  hostname: ["hostname", "host name", "host", "network name"],
  osName: ["os", "operating system", "os name"],
  osVersion: ["os version", "operating system version"],
  softwareVersion: ["software version", "firmware", "firmware version", "sw version", "software", "fw version"],
  connected: ["connected", "networked", "network connected"],
  storesPhi: ["phi", "stores phi", "ephi", "contains phi"],
  cmmsId: ["cmms id", "record id", "equipment record id", "cmms record id"],
  lastInventoriedOn: ["last inventoried", "last inventory", "last inventory date", "inventory date", "date inventoried"],
  lastSeenOn: ["last seen", "last seen on network", "last seen date"],
};

export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[#.]/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const SYNONYM_INDEX = new Map<string, ImportField>(IMPORT_FIELDS.flatMap((f) => HEADER_SYNONYMS[f].map((s) => [s, f] as const)));

/** Mapping from header to field; a header maps to nothing (null) when it is not recognised. */
export type ColumnMapping = Record<string, ImportField | null>;

/** Proposes a mapping from common CMMS header names; each field goes to its first matching column only. */
export function proposeMapping(headers: readonly string[]): ColumnMapping {
  const out: ColumnMapping = {};
  const taken = new Set<ImportField>();
  for (const h of headers) {
    const f = SYNONYM_INDEX.get(normaliseHeader(h)) ?? null;
    out[h] = f && !taken.has(f) ? f : null;
    if (f) taken.add(f);
  }
  return out;
}

/** A saved profile applies to a file when the file has every header the profile maps. */
export function profileFits(profile: ColumnMapping, headers: readonly string[]): boolean {
  const set = new Set(headers);
  return Object.entries(profile).every(([h, f]) => !f || set.has(h));
}

/** Sentences about the mapping itself; empty when it can be used. */
export function mappingProblems(mapping: ColumnMapping, headers: readonly string[], opts: { hasDefaultSite: boolean }): string[] {
  const problems: string[] = [];
  const used = new Map<ImportField, string[]>();
  for (const [h, f] of Object.entries(mapping)) {
    if (!f) continue;
    if (!headers.includes(h)) problems.push(`The mapping names a column "${h}" that this file does not have.`);
    used.set(f, [...(used.get(f) ?? []), h]);
  }
  if (!used.has("assetTag")) problems.push("No column is mapped to Asset tag: choose the column that holds each device's asset tag.");
  if (!used.has("site") && !opts.hasDefaultSite) problems.push("No column is mapped to Site: map the site column or choose the site these devices are at.");
  for (const [f, hs] of used) if (hs.length > 1) problems.push(`${IMPORT_FIELD_LABELS[f]} is mapped from ${hs.length} columns (${hs.join(", ")}): keep one.`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// What the file is
// ---------------------------------------------------------------------------------------------------------------

export type FileKind = "empty" | "xlsx" | "text" | "not-tabular";

/**
 * XLSX is a ZIP (PK\3\4); a text export has no NUL bytes (outside UTF-16) and few control characters. Anything
 * else — a PDF, an image, an old binary .xls, random bytes — is refused by content, whatever its name says.
 */
export function sniffFile(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return "empty";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return "text";
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  let control = 0;
  for (const b of sample) {
    if (b === 0) return "not-tabular";
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  // A few stray control characters are a text file's cells to refuse by row (validateRow says which); many are binary.
  if (control > Math.max(8, sample.length * 0.01)) return "not-tabular";
  if (/^\s*$/.test(new TextDecoder("latin1").decode(sample))) return "empty";
  return "text";
}

export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

/**
 * UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252: a file that is not valid
 * UTF-8 is taken as the Windows code page most CMMS exports on Windows are written in (Node's TextDecoder decodes it).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** Windows-1252 bytes 0x80–0x9F (undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as the C1 control they are in Latin-1). */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/**
 * Windows-1252. Node's TextDecoder takes the label but, built without full ICU, decodes it as Latin-1 (0x80 → U+0080
 * instead of €), so the 32 bytes where the two differ are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export const DELIMITER_LABELS: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

/** Splits one line on `delimiter` outside double quotes (for layout detection only; parsing uses csv-parse). */
export function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * The delimiter and the header row from the first lines of a text export. For each delimiter the usual number of
 * fields per line (the mode, at least 2) is found; the header is the first line with that many fields whose cells
 * are mostly non-empty (title lines such as "Equipment list — printed 3/1/2026" come before it). The delimiter that
 * splits most lines into that shape wins; ties go to the one whose header names more known fields.
 */
export function detectLayout(lines: readonly string[]): { delimiter: Delimiter; headerIndex: number } | null {
  const sample = lines.slice(0, 50);
  let best: { delimiter: Delimiter; headerIndex: number; score: number; known: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = sample.map((l) => (l.trim() === "" ? 0 : splitLine(l, delimiter).length));
    const freq = new Map<number, number>();
    for (const c of counts) if (c >= 2) freq.set(c, (freq.get(c) ?? 0) + 1);
    if (freq.size === 0) continue;
    const [mode, score] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    let headerIndex = -1;
    for (let i = 0; i < sample.length; i++) {
      if (counts[i] !== mode) continue;
      const cells = splitLine(sample[i]!, delimiter);
      if (cells.filter((c) => c.trim() !== "").length >= Math.ceil(mode / 2)) {
        headerIndex = i;
        break;
      }
    }
    if (headerIndex < 0) continue;
    const known = Object.values(proposeMapping(splitLine(sample[headerIndex]!, delimiter).map((h) => h.trim()))).filter(Boolean).length;
    if (!best || score > best.score || (score === best.score && known > best.known)) best = { delimiter, headerIndex, score, known };
  }
  return best ? { delimiter: best.delimiter, headerIndex: best.headerIndex } : null;
}

/** The header row among the first rows of a worksheet: the first with at least two cells that names a known field, else the first with two cells. */
export function detectHeaderRow(rows: readonly (readonly string[])[]): number {
  const filled = (r: readonly string[]) => r.filter((c) => c.trim() !== "").length;
  const known = rows.findIndex((r, i) => i < 50 && filled(r) >= 2 && Object.values(proposeMapping(r.map((c) => c.trim()))).some(Boolean));
  if (known >= 0) return known;
  return rows.findIndex((r) => filled(r) >= 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Cell values
// ---------------------------------------------------------------------------------------------------------------

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * A date cell: YYYY-MM-DD, or M/D/YYYY as US CMMS exports write it (also with "-" or "."), optionally followed by a
 * time. Returns YYYY-MM-DD or null when it is not a real calendar date (2026-02-30 is not).
 */
export function parseDateCell(raw: string): string | null {
  const s = raw.trim().replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, "");
  let iso: string | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) iso = `${m[3]}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  return iso && isCalendarDate(iso) ? iso : null;
}

const YES = new Set(["y", "yes", "true", "1", "x", "connected", "networked", "on"]);
const NO = new Set(["n", "no", "false", "0", "standalone", "not connected", "off", "none"]);
export function parseYesNo(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * IPv4 or IPv6 in its usual text form; IPv4 leading zeros are refused (010.1.1.1 is ambiguous: octal or decimal).
 * IPv6 is checked by the WHATWG URL parser (no node: module, so the rule also runs in the browser).
 */
export function parseIp(raw: string): string | null {
  const s = raw.trim();
  if (IPV4.test(s)) return s;
  if (!s.includes(":") || !/^[0-9a-f:.]+$/i.test(s)) return null;
  try {
    new URL(`http://[${s}]/`);
    return s.toLowerCase();
  } catch {
    return null;
  }
}

/** MAC in any usual notation (aa:bb:cc:dd:ee:ff, AA-BB-..., aabb.ccdd.eeff, aabbccddeeff) → AA:BB:CC:DD:EE:FF. */
export function parseMac(raw: string): string | null {
  const s = raw.trim();
  if (!/^([0-9a-f]{2}([:-])[0-9a-f]{2}(\2[0-9a-f]{2}){4}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}|[0-9a-f]{12})$/i.test(s)) return null;
  const hex = s.replace(/[^0-9a-f]/gi, "").toUpperCase();
  return hex.match(/../g)!.join(":");
}

/** CMMS status words → device status. Unknown words are a row error (a person decides, not a guess). */
const STATUS_WORDS: Record<string, DeviceStatus> = {
  "in service": "in_service",
  inservice: "in_service",
  active: "in_service",
  operational: "in_service",
  partiallyoperational: "in_service",
  "partially operational": "in_service",
  "in use": "in_service",
  deployed: "in_service",
  available: "in_service",
  "in storage": "in_storage",
  storage: "in_storage",
  stored: "in_storage",
  spare: "in_storage",
  inactive: "in_storage",
  inventory: "in_storage",
  "out for repair": "out_for_repair",
  repair: "out_for_repair",
  "in repair": "out_for_repair",
  undermaintenance: "out_for_repair",
  "under maintenance": "out_for_repair",
  maintenance: "out_for_repair",
  broken: "out_for_repair",
  "out of service": "out_for_repair",
  nonoperational: "out_for_repair",
  "non operational": "out_for_repair",
  retired: "retired",
  disposed: "retired",
  condemned: "retired",
  decommissioned: "retired",
  scrapped: "retired",
};
export function parseStatus(raw: string): DeviceStatus | null {
  const s = raw.trim().toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ");
  return STATUS_WORDS[s] ?? STATUS_WORDS[s.replace(/ /g, "")] ?? null;
}

/**
 * A host name as networks write them: labels of letters, digits, hyphens (and the underscores Windows names carry)
 * joined by dots, each label 1–63 characters, 253 at most, an optional final dot. Null for anything else (spaces,
 * punctuation, an empty label): such a value is not a name a device answers to.
 */
export function parseHostname(raw: string): string | null {
  const s = raw.trim();
  if (s.length === 0 || s.length > 253) return null;
  return /^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*\.?$/i.test(s) ? s : null;
}

/** A cell that a spreadsheet would run as a formula; importing one would store an instruction, not a value. */
export function isFormulaText(raw: string): boolean {
  return /^=/.test(raw.trim());
}

// ---------------------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------------------

export interface RowError {
  /** 1-based line of the file (CSV) or worksheet row (XLSX), as the person sees it in their spreadsheet. */
  row: number;
  /** The file's column header; "" for a problem of the whole row. */
  column: string;
  message: string;
}

/** What a row says about a device. Absent (undefined) means the file has no value for it: an import never blanks a field. */
export interface IncomingDevice {
  assetTag: string;
  serialNumber?: string;
  manufacturer?: string;
  model?: string;
  description?: string;
  siteId?: number;
  location?: string;
  status?: DeviceStatus;
  connected?: boolean;
  hostname?: string;
  ipAddress?: string;
  macAddress?: string;
  osName?: string;
  osVersion?: string;
  softwareVersion?: string;
  storesPhi?: boolean;
  cmmsId?: string;
  lastInventoriedOn?: string;
  lastSeenOn?: string;
}

export const MAX_CELL_LENGTH = 500;

/**
 * Runs of white space → one space, trimmed. Most cells have none to collapse, and a test is cheaper than a replace
 * (13 cells × 200,000 rows in a large import): the replace only runs when two spaces meet or a space is not " ".
 */
export function collapseSpaces(raw: string): string {
  return /\s\s|[^\S ]/.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw.trim();
}

/**
 * Checks one row and turns it into an IncomingDevice. `cells` holds the mapped columns' raw text by field with the
 * column header beside it; `siteIdByName` resolves site names and codes (lower case). A missing site column uses
 * `defaultSiteId`.
 */
export function validateRow(
  rowNumber: number,
  cells: Partial<Record<ImportField, { header: string; value: string }>>,
  ctx: {
    siteIdByName: ReadonlyMap<string, number>;
    defaultSiteId: number | null;
    /** The latest date a device may have been inventoried or seen (the caller's today, a day ahead for time zones). */
    latestDate?: string;
  },
): { device: IncomingDevice | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (f: ImportField, message: string) => errors.push({ row: rowNumber, column: cells[f]?.header ?? IMPORT_FIELD_LABELS[f], message });
  const text: Partial<Record<ImportField, string>> = {};
  for (const f of IMPORT_FIELDS) {
    const c = cells[f];
    if (!c) continue;
    const v = collapseSpaces(c.value);
    if (v === "") continue;
    if (hasControlCharacter(v)) {
      err(f, "The value holds control characters (invisible bytes such as NUL): export it as plain text.");
      continue;
    }
    if (isFormulaText(v)) {
      err(f, `The cell holds a spreadsheet formula (${v.slice(0, 40)}); export the value instead of the formula.`);
      continue;
    }
    if (v.length > MAX_CELL_LENGTH) {
      err(f, `The value is ${v.length} characters long; at most ${MAX_CELL_LENGTH} are kept.`);
      continue;
    }
    text[f] = v;
  }
  const assetTag = text.assetTag;
  if (!assetTag && !errors.some((e) => e.column === (cells.assetTag?.header ?? ""))) err("assetTag", "The asset tag is missing: every device needs one.");
  const d: IncomingDevice = { assetTag: assetTag ?? "" };
  for (const f of [
    "serialNumber",
    "manufacturer",
    "model",
    "description",
    "location",
    "hostname",
    "osName",
    "osVersion",
    "softwareVersion",
    "cmmsId",
  ] as const) {
    if (text[f] !== undefined) d[f] = text[f];
  }
  if (text.site !== undefined) {
    const id = ctx.siteIdByName.get(text.site.toLowerCase());
    if (id === undefined) err("site", `"${text.site}" is not a site of this organization: use a site's name or code.`);
    else d.siteId = id;
  } else if (ctx.defaultSiteId !== null) d.siteId = ctx.defaultSiteId;
  else if (cells.site) err("site", "The site is missing.");
  if (text.status !== undefined) {
    const s = parseStatus(text.status);
    if (!s) err("status", `"${text.status}" is not a status Clearline knows: use in service, in storage, out for repair or retired.`);
    else d.status = s;
  }
  if (text.ipAddress !== undefined) {
    const ip = parseIp(text.ipAddress);
    if (!ip) err("ipAddress", `"${text.ipAddress}" is not an IP address.`);
    else d.ipAddress = ip;
  }
  if (text.hostname !== undefined && !parseHostname(text.hostname))
    err("hostname", `"${text.hostname}" is not a host name (letters, digits, hyphens and dots).`);
  if (text.macAddress !== undefined) {
    const mac = parseMac(text.macAddress);
    if (!mac) err("macAddress", `"${text.macAddress}" is not a MAC address (six pairs of hex digits).`);
    else d.macAddress = mac;
  }
  for (const f of ["connected", "storesPhi"] as const) {
    if (text[f] === undefined) continue;
    const b = parseYesNo(text[f]);
    if (b === null) err(f, `"${text[f]}" is not yes or no.`);
    else d[f] = b;
  }
  // A device with a network address is connected, whatever an absent "connected" column would have said.
  if (d.connected === undefined && (d.ipAddress || d.macAddress || d.hostname)) d.connected = true;
  for (const f of ["lastInventoriedOn", "lastSeenOn"] as const) {
    if (text[f] === undefined) continue;
    const date = parseDateCell(text[f]);
    if (!date) err(f, `"${text[f]}" is not a date (use YYYY-MM-DD or M/D/YYYY).`);
    else if (ctx.latestDate !== undefined && date > ctx.latestDate)
      err(f, `${date} is in the future: a device cannot have been ${f === "lastSeenOn" ? "seen on the network" : "inventoried"} after today.`);
    else d[f] = date;
  }
  return { device: errors.length === 0 ? d : null, errors };
}

/** Asset tags that appear on more than one row: every such row is an error, since which one is right is unknown. */
export function duplicateTagErrors(tags: readonly { row: number; assetTag: string }[], column: string): RowError[] {
  const rows = new Map<string, number[]>();
  for (const t of tags) rows.set(t.assetTag, [...(rows.get(t.assetTag) ?? []), t.row]);
  const out: RowError[] = [];
  for (const [tag, rs] of rows) {
    if (rs.length < 2) continue;
    for (const r of rs)
      out.push({ row: r, column, message: `Asset tag ${tag} appears ${rs.length} times in the file (rows ${rs.join(", ")}): keep one row per device.` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Diff
// ---------------------------------------------------------------------------------------------------------------

/** The stored values an import compares, with manufacturer and model already resolved to ids. */
export interface StoredDevice {
  assetTag: string;
  serialNumber: string | null;
  manufacturerId: number | null;
  modelId: number | null;
  description: string | null;
  siteId: number;
  location: string | null;
  status: DeviceStatus;
  connected: boolean;
  hostname: string | null;
  ipAddress: string | null;
  macAddress: string | null;
  osName: string | null;
  osVersion: string | null;
  softwareVersion: string | null;
  storesPhi: boolean;
  cmmsId: string | null;
  lastInventoriedOn: string | null;
  lastSeenOn: string | null;
}
export type ComparableField = keyof StoredDevice;
export type FieldChanges = Partial<Record<ComparableField, { old: unknown; new: unknown }>>;

/** Fields whose value differs; fields the incoming record does not carry (undefined) are left alone. */
export function diffDevice(stored: StoredDevice, incoming: Partial<StoredDevice>): FieldChanges {
  const out: FieldChanges = {};
  for (const k of Object.keys(incoming) as ComparableField[]) {
    const v = incoming[k];
    if (v === undefined) continue;
    if (stored[k] !== v) out[k] = { old: stored[k], new: v };
  }
  return out;
}

export type DiffKind = "new" | "changed" | "unchanged";

export interface ImportCounts {
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  missing: number;
  errors: number;
}

/**
 * Devices a full export no longer lists: those of the same CMMS source, not matched by any row and not already
 * retired. Only when the person says the file is a full export — a partial export says nothing about the others.
 */
export function missingFromFullExport<T extends { id: number; cmmsSource: string | null; status: DeviceStatus; assetTag?: string; cmmsId?: string | null }>(
  stored: readonly T[],
  matchedIds: ReadonlySet<number>,
  source: string,
  fullExport: boolean,
  /**
   * Asset tags and CMMS ids on any row of the file, rows with errors included: a device the file lists is not missing
   * from it, even when its row could not be used this time (found in review: a full export whose rows failed a check
   * retired their devices).
   */
  listed: { tags: { has(tag: string): boolean }; cmmsIds: { has(id: string): boolean } } = { tags: new Set(), cmmsIds: new Set() },
): T[] {
  if (!fullExport) return [];
  return stored.filter(
    (d) =>
      d.cmmsSource === source &&
      d.status !== "retired" &&
      !matchedIds.has(d.id) &&
      !(d.assetTag !== undefined && listed.tags.has(d.assetTag)) &&
      !(d.cmmsId != null && listed.cmmsIds.has(d.cmmsId)),
  );
}
