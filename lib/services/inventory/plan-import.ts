import crypto from "node:crypto";
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deviceModels, devices, manufacturerAliases, manufacturers, sites } from "@/db/schema";
import type { DeviceStatus } from "@/db/schema/inventory";
import { clock } from "@/lib/clock";
import { addDays } from "@/lib/rules/patch-priority";
import { AppError } from "@/lib/errors";
import { IMPORTED_FIELDS } from "@/lib/rules/device-history";
import {
  collapseSpaces,
  diffDevice,
  duplicateTagErrors,
  IMPORT_FIELDS,
  mappingProblems,
  missingFromFullExport,
  profileFits,
  proposeMapping,
  validateRow,
  type ColumnMapping,
  type ComparableField,
  type FieldChanges,
  type ImportField,
  type IncomingDevice,
  type RowError,
  type StoredDevice,
} from "@/lib/rules/inventory-import";
import {
  AUTOMATIC_LEVELS,
  cleanDisplayName,
  indexManufacturers,
  normaliseManufacturerName,
  normaliseModelName,
  type ManufacturerMatch,
} from "@/lib/rules/manufacturer";
import { readImportFile, type ImportFileInfo, type ImportTable, type TableRow } from "./read-import-file";
import { listImportProfilesUnchecked } from "./list-import-profiles";

/**
 * The shared core of previewing and committing a CMMS import: read and check every row, resolve manufacturers and
 * models, match devices, and compute what would change. Reads only; nothing here writes. Parsing and checking run
 * outside any transaction so other people keep working during a large import; only the final commit takes the
 * write lock (commit-import.ts).
 */

export interface ImportOptions {
  fileName: string;
  bytes: Uint8Array;
  /** The CMMS this export comes from ("Maximo", "AIMS"...): devices are matched by (source, CMMS id). */
  source: string;
  /** header → field; absent: the saved profile that fits, else the proposal. */
  mapping?: ColumnMapping | null;
  profileId?: number | null;
  /** The site of every row when the file has no site column. */
  defaultSiteId?: number | null;
  /** Only a full export retires devices it no longer lists. */
  fullExport?: boolean;
  /** For manufacturer spellings that match no alias: an existing manufacturer's id, or "new". */
  manufacturerChoices?: Record<string, number | "new">;
  /** For models the import creates (key from newModels[].key): the device class to file them under. */
  modelClassChoices?: Record<string, number | null>;
  maxBytes?: number;
  /**
   * Rows already read, instead of a file (the integration API's bulk upsert: its JSON records go through the same
   * checks and write path as a CMMS export; headers are then field names and row numbers the records' indexes).
   */
  table?: ImportTable;
}

export interface UnknownManufacturer {
  name: string;
  rows: number;
  proposal: ManufacturerMatch | null;
  /** What the commit will do: map to this id, or create. */
  choice: number | "new";
}

export interface ModelToClassify {
  key: string;
  manufacturer: string;
  model: string;
  rows: number;
  /** Null: the model exists already. */
  isNew: boolean;
  modelId: number | null;
  deviceClassId: number | null;
}

export interface PlannedChange {
  assetTag: string;
  kind: "new" | "changed" | "retire";
  /** field → { old, new } of a changed or retired device (empty for a new one: see `values`). */
  fields: FieldChanges;
  /** A new device's values (one object per device rather than an { old, new } pair per field: 200,000 new rows). */
  values?: Partial<StoredDevice> & { cmmsSource?: string };
  deviceId: number | null;
  rowNumber: number | null;
  /**
   * A changed device's import fingerprint for the commit to store (a new device's is computed by the commit from
   * `values`); for a row naming a manufacturer or model this import creates, `fingerprintOf` instead: the
   * incoming values, fingerprinted by the commit once those have ids.
   */
  importFingerprint?: string | null;
  fingerprintOf?: Partial<StoredDevice>;
  /**
   * The row's line hash (decision 0039): the commit stores `lineImportKey(hash, manufacturerId, modelId)` as the
   * device's import fingerprint, with the ids resolved (a new manufacturer's or model's once it has one).
   */
  line?: { hash: string; manufacturerId: number | null; modelId: number | null };
}

/** Where a large import is (issue #12's progress bar): rows done of the rows to do in the current phase. */
export interface ImportProgress {
  /**
   * check: reading and checking the file's rows; match: comparing them with the inventory; commit: writing (done and
   * total in devices); rematch: after the COMMIT, matching advisories against what the import touched (in advisories).
   */
  phase: "check" | "match" | "commit" | "rematch";
  done: number;
  total: number;
}

/** Rows between two reports, and between two turns of the event loop during the plan. */
export const PROGRESS_EVERY = 2000;
/** Keys per page of the device maps' index scans. */
const SCAN_PAGE = 20_000;
/** Rows probed for unchanged lines before giving up on a file whose lines are mostly not (a first import). */
const PROBE_SAMPLE = 2000;
/** Asset tags per probe query. */
const PROBE_BATCH = 500;
/** Let the server answer other requests (and progress polls) between slices of a large plan. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Bump when a change to the row checks alters which value a cell becomes: stored fingerprints of the old rules then
 * stop matching and the next import diffs every device in full once (decision 0024).
 */
const FINGERPRINT_VERSION = "1";
/**
 * Fields of an incoming device in the fingerprint, in a fixed order: the import's fields but its CMMS (hashed in
 * beside them). The order is stored in every device's fingerprint: a change to it is a FINGERPRINT_VERSION bump.
 */
const FINGERPRINT_FIELDS = IMPORTED_FIELDS.filter(
  (f): f is Exclude<(typeof IMPORTED_FIELDS)[number], "cmmsSource"> => f !== "cmmsSource",
) satisfies readonly (keyof StoredDevice)[];

/** The fingerprinted fields a row's checked values carry as they are (the asset tag is set first, maker and model
 *  are resolved to ids apart). */
type CopiedField = Exclude<(typeof FINGERPRINT_FIELDS)[number], "assetTag" | "manufacturerId" | "modelId">;
const COPIED_FIELDS = FINGERPRINT_FIELDS.filter((f): f is CopiedField => f !== "assetTag" && f !== "manufacturerId" && f !== "modelId");

/**
 * The fingerprint of what an import row says about a device (its mapped, checked values with manufacturer and model
 * resolved to ids, and the CMMS it comes from). An absent value (an empty cell: "unknown") differs from every
 * present one. SHA-1 here is a change detector over our own values, not a security boundary.
 */
export function importRowFingerprint(source: string, incoming: Partial<StoredDevice>): string {
  const parts: unknown[] = [FINGERPRINT_VERSION, source];
  for (const f of FINGERPRINT_FIELDS) parts.push(incoming[f] ?? null);
  return crypto.hash("sha1", JSON.stringify(parts), "base64");
}

/**
 * The import fingerprint stored for a device written from a file line (decision 0039): "L", the line hash, and the
 * manufacturer and model the line resolved to. A later line with the same hash that resolves to the same ids says
 * exactly what this one said, so it is unchanged without checking it again. Other values (base64, no ":") are the
 * value fingerprints of `importRowFingerprint` (still written for the API's records, which have no line).
 */
export function lineImportKey(hash: string, manufacturerId: number | null | undefined, modelId: number | null | undefined): string {
  return `L${hash}:${manufacturerId ?? ""}:${modelId ?? ""}`;
}

/** A line key rather than a value fingerprint: base64 (the value fingerprint's alphabet) has no ":". */
const isLineKey = (stored: string) => stored.charCodeAt(0) === 76 /* L */ && stored.includes(":");

export interface ImportPlan {
  file: ImportFileInfo;
  headers: string[];
  mapping: ColumnMapping;
  proposedMapping: ColumnMapping;
  /** Saved profiles for this source that fit the file's headers. */
  profiles: { id: number; name: string; mapping: ColumnMapping }[];
  mappingProblems: string[];
  counts: { rows: number; new: number; changed: number; unchanged: number; missing: number; errors: number };
  errors: RowError[];
  /** Rows with at least one error: not written. */
  errorRows: number;
  unknownManufacturers: UnknownManufacturer[];
  /** Models this import creates, and existing ones it uses that have no device class. */
  modelsToClassify: ModelToClassify[];
  changes: PlannedChange[];
  /** Manufacturer spellings that matched automatically but are not yet aliases: stored on commit. */
  newAliases: { manufacturerId: number; alias: string }[];
  newManufacturers: { tempId: number; name: string; aliases: string[] }[];
  newModels: { tempId: number; manufacturerId: number; name: string; deviceClassId: number | null }[];
  /** A cheap fingerprint of the inventory the plan was computed against (commit refuses if it moved). */
  fingerprint: string;
}

type Stored = StoredDevice & { id: number; cmmsSource: string | null };

/**
 * A checked row: its values, its line hash (file rows), and for a line that hashed like its device's last imported
 * line, that device and the manufacturer:model ids stored with it (`d` then holds only the identifying fields, and the
 * hashed line — the mapped cells, each as `length:value` — is kept to check the row after all if the ids no longer
 * agree: one string rather than the row's array of cells, 200,000 times).
 */
interface GoodRow {
  row: number;
  d: IncomingDevice;
  hash?: string;
  same?: { id: number; ids: string; line: string };
}

const STORED_COLUMNS = {
  id: devices.id,
  assetTag: devices.assetTag,
  serialNumber: devices.serialNumber,
  manufacturerId: devices.manufacturerId,
  modelId: devices.modelId,
  description: devices.description,
  siteId: devices.siteId,
  location: devices.location,
  status: devices.status,
  connected: devices.connected,
  hostname: devices.hostname,
  ipAddress: devices.ipAddress,
  macAddress: devices.macAddress,
  osName: devices.osName,
  osVersion: devices.osVersion,
  softwareVersion: devices.softwareVersion,
  storesPhi: devices.storesPhi,
  cmmsSource: devices.cmmsSource,
  cmmsId: devices.cmmsId,
  lastInventoriedOn: devices.lastInventoriedOn,
  lastSeenOn: devices.lastSeenOn,
};

export function inventoryFingerprint(db: DbOrTx): string {
  const r = db.get<{ n: number; m: string | null; x: number | null; models: number; makers: number; aliases: number }>(sql`
    select (select count(*) from ${devices}) as n, (select max(updated_at) from ${devices}) as m, (select max(id) from ${devices}) as x,
           (select count(*) from ${deviceModels}) as models, (select count(*) from ${manufacturers}) as makers, (select count(*) from ${manufacturerAliases}) as aliases`)!;
  return `${r.n}|${r.m ?? ""}|${r.x ?? 0}|${r.models}|${r.makers}|${r.aliases}`;
}

/** Bounded so a 200,000-row preview stays a page, not a download; counts are always exact. */
export const MAX_LISTED_ERRORS = 500;
export const MAX_LISTED_CHANGES = 1000;

/**
 * Where the commit's writer takes the changes as the plan decides them (decision 0046): new and changed devices from
 * the file's rows, in the file's order, each once, while the rest of the file is still being read and checked.
 */
export interface PlanStream {
  /**
   * The next changes. Awaited (the writer's pace); resolves false to receive no more (the changes are then written
   * from the finished plan instead). `plan`: the inventory fingerprint the plan started from, the file's SHA-256, and
   * the manufacturers and models the import creates so far (their temporary ids appear in the changes).
   */
  changes(batch: PlannedChange[], plan: { fingerprint: string; sha256: string } & Pick<ImportPlan, "newManufacturers" | "newModels">): Promise<boolean>;
  /** The changes handed over can no longer be trusted (the file repeats an asset tag or CMMS id): undo them. */
  discard(): Promise<void>;
}

export async function planImport(db: DbOrTx, opts: ImportOptions, onProgress?: (progress: ImportProgress) => void, stream?: PlanStream): Promise<ImportPlan> {
  return planRows(db, opts, false, onProgress, stream);
}

/**
 * The plan. `keepRows`: keep every checked row to the end (records from the API, which are few, always are). A file's
 * rows are otherwise dropped once the matcher beside pass 1 has matched them: at 200,000 rows, keeping them was ~80 MB
 * held to the end and copied by every young-generation collection on the way (decision 0051). A file that repeats an
 * asset tag or CMMS id needs them all for the matcher that runs after pass 1: it is read again, keeping them.
 */
async function planRows(
  db: DbOrTx,
  opts: ImportOptions,
  keepRows: boolean,
  onProgress?: (progress: ImportProgress) => void,
  stream?: PlanStream,
): Promise<ImportPlan> {
  const source = opts.source.replace(/\s+/g, " ").trim();
  if (!source)
    throw new AppError("VALIDATION", "Name the CMMS this export comes from (for example Maximo or AIMS).", {
      source: ["Name the CMMS this export comes from."],
    });
  if (source.length > 100) throw new AppError("VALIDATION", "The CMMS name is at most 100 characters.", { source: ["At most 100 characters."] });
  const fingerprint = inventoryFingerprint(db);
  const table = opts.table ?? (await readImportFile(opts.fileName, opts.bytes, { maxBytes: opts.maxBytes }));
  const { headers } = table;
  const dropRows = !keepRows && !table.records;
  const proposedMapping = proposeMapping(headers);
  const profiles = listImportProfilesUnchecked(db, source).filter((p) => profileFits(p.mapping, headers));
  const chosenProfile = opts.profileId ? profiles.find((p) => p.id === opts.profileId) : undefined;
  if (opts.profileId && !chosenProfile)
    throw new AppError("VALIDATION", "The chosen mapping profile does not fit this file's columns: pick another or map the columns.", {
      profileId: ["Does not fit this file."],
    });
  const mapping: ColumnMapping = opts.mapping
    ? Object.fromEntries(headers.map((h) => [h, opts.mapping![h] ?? null]))
    : (chosenProfile?.mapping ?? profiles[0]?.mapping ?? proposedMapping);
  for (const h of Object.keys(opts.mapping ?? {})) if (!headers.includes(h) && opts.mapping![h]) mapping[h] = opts.mapping![h]!;

  const siteRows = db.select({ id: sites.id, name: sites.name, code: sites.code }).from(sites).all();
  if (opts.defaultSiteId != null && !siteRows.some((s) => s.id === opts.defaultSiteId))
    throw new AppError("VALIDATION", "The chosen site does not exist.", { defaultSiteId: ["Choose a site."] });
  const problems = mappingProblems(mapping, headers, { hasDefaultSite: opts.defaultSiteId != null });
  const base = {
    file: table.info,
    headers,
    mapping,
    proposedMapping,
    profiles: profiles.map((p) => ({ id: p.id, name: p.name, mapping: p.mapping })),
    fingerprint,
  };
  const empty = {
    counts: { rows: 0, new: 0, changed: 0, unchanged: 0, missing: 0, errors: 0 },
    errors: [],
    errorRows: 0,
    unknownManufacturers: [],
    modelsToClassify: [],
    changes: [],
    newAliases: [],
    newManufacturers: [],
    newModels: [],
  };
  if (problems.length > 0) return { ...base, ...empty, mappingProblems: problems };

  // Column index per field.
  const colOf: Partial<Record<ImportField, { index: number; header: string }>> = {};
  for (const f of IMPORT_FIELDS) {
    const h = headers.find((x) => mapping[x] === f);
    if (h !== undefined) colOf[f] = { index: headers.indexOf(h), header: h };
  }
  const siteIdByName = new Map<string, number>();
  for (const s of siteRows) {
    siteIdByName.set(s.name.toLowerCase(), s.id);
    siteIdByName.set(s.code.toLowerCase(), s.id);
  }

  // An unchanged line is recognised in pass 1 by its device's stored import fingerprint, found by the row's asset tag
  // (one indexed lookup giving the id and the fingerprint). When the first rows of a file mostly name no device, or
  // devices last written from other lines (a first import, a file of changes), looking up the rest is wasted work:
  // the probe stops and those rows are matched through the maps below as any other row.
  const client = (db as DbOrTx & { $client?: Database.Database }).$client;
  const probeStmt = client?.prepare("select asset_tag, id, import_fingerprint from devices where asset_tag in (select value from json_each(?))").raw();
  const probeMany = (tagList: string[]): Map<string, [number, string | null]> => {
    const json = JSON.stringify(tagList);
    const hits = probeStmt
      ? (probeStmt.all(json) as [string, number, string | null][])
      : db
          .all<{ t: string; id: number; f: string | null }>(
            sql`select asset_tag as t, id, import_fingerprint as f from ${devices} where asset_tag in (select value from json_each(${json}))`,
          )
          .map((r) => [r.t, r.id, r.f] as [string, number, string | null]);
    return new Map(hits.map(([t, id, f]) => [t, [id, f]]));
  };
  let probing = true;
  let probed = 0;
  let probeHits = 0;

  // A matched device's stored import fingerprint, by primary key (decision 0024): one column, not the whole row.
  // Read per matched row rather than with the maps above: no index holds it, and scanning the table for it cost
  // more than these lookups (measured: 250,000 devices, ~6 s against ~2 s for the two index scans, machine loaded).
  const fpStmt = client?.prepare("select import_fingerprint from devices where id = ?").pluck();
  const storedFingerprint = (id: number): string | null =>
    fpStmt
      ? ((fpStmt.get(id) as string | null | undefined) ?? null)
      : (db.get<{ f: string | null }>(sql`select import_fingerprint as f from ${devices} where id = ${id}`)?.f ?? null);

  // Reference data: manufacturers with their aliases, and models (small tables, read once).
  const makerRows = db.select({ id: manufacturers.id, name: manufacturers.name }).from(manufacturers).all();
  const aliasRows = db
    .select({ manufacturerId: manufacturerAliases.manufacturerId, alias: manufacturerAliases.alias, aliasKey: manufacturerAliases.aliasKey })
    .from(manufacturerAliases)
    .all();
  // Spellings already on file: stored aliases and canonical names.
  const aliasKeys = new Set([...aliasRows.map((a) => a.aliasKey), ...makerRows.map((m) => normaliseManufacturerName(m.name))]);
  const index = indexManufacturers(
    makerRows.map((m) => ({ id: m.id, name: m.name, aliases: aliasRows.filter((a) => a.manufacturerId === m.id).map((a) => a.alias) })),
  );
  const makerName = new Map(makerRows.map((m) => [m.id, m.name]));
  const modelRows = db
    .select({
      id: deviceModels.id,
      manufacturerId: deviceModels.manufacturerId,
      name: deviceModels.name,
      nameKey: deviceModels.nameKey,
      deviceClassId: deviceModels.deviceClassId,
    })
    .from(deviceModels)
    .all();
  const modelByKey = new Map(modelRows.map((m) => [`${m.manufacturerId}|${m.nameKey}`, m]));
  const modelKeys = new Map<string, string>();
  const modelKeyOf = (model: string) => modelKeys.get(model) ?? modelKeys.set(model, normaliseModelName(model)).get(model)!;

  const cols = Object.entries(STORED_COLUMNS)
    .map(([k, c]) => `${c.name} as ${k}`)
    .join(", ");
  const rowStmt = client?.prepare(`select ${cols} from devices where id = ?`);
  const rowById = (id: number | undefined): Stored | undefined => {
    if (id === undefined) return undefined;
    const d = (
      rowStmt
        ? rowStmt.get(id)
        : db
            .select(STORED_COLUMNS)
            .from(devices)
            .where(sql`${devices.id} = ${id}`)
            .get()
    ) as Stored | undefined;
    if (d) {
      d.connected = Boolean(d.connected);
      d.storesPhi = Boolean(d.storesPhi);
    }
    return d;
  };
  // Devices: two small maps (asset tag → id; this source's CMMS id → id) rather than every stored device as an
  // object (200,000 devices would cost hundreds of MB), then the full row by primary key for the devices a row names.
  // Read as raw [key, id] arrays from a prepared statement: drizzle's row objects for 200,000+ devices cost ~0.3 s.
  // Not read at all when every row is an unchanged line (a re-import of the same file): those name their device.
  const idByTag = new Map<string, number>();
  const idByCmms = new Map<string, number>();
  let mapsLoaded = false;
  // Both from covering indexes (the asset-tag unique index, the (source, CMMS id) partial index), not the table, in
  // pages of 20,000 keys with the event loop handed back between them (an open iterate() would also keep the shared
  // connection busy for everyone else until the whole index was read).
  const loadMaps = async () => {
    if (mapsLoaded) return;
    mapsLoaded = true;
    if (client) {
      const pages = async (stmt: Database.Statement, params: unknown[], into: Map<string, number>) => {
        for (let after = ""; ;) {
          const keys = stmt.all(...params, after, SCAN_PAGE) as [string, number][];
          for (const [k, id] of keys) into.set(k, id);
          if (keys.length < SCAN_PAGE) return;
          after = keys.at(-1)![0];
          await yieldToEventLoop();
        }
      };
      await pages(client.prepare("select asset_tag, id from devices where asset_tag > ? order by asset_tag limit ?").raw(), [], idByTag);
      await pages(
        client.prepare("select cmms_id, id from devices where cmms_source = ? and cmms_id is not null and cmms_id > ? order by cmms_id limit ?").raw(),
        [source],
        idByCmms,
      );
    } else {
      for (const r of db.all<{ t: string; id: number }>(sql`select asset_tag as t, id from ${devices}`)) idByTag.set(r.t, r.id);
      for (const r of db.all<{ c: string; id: number }>(sql`select cmms_id as c, id from ${devices} where cmms_source = ${source} and cmms_id is not null`))
        idByCmms.set(r.c, r.id);
    }
  };

  // Pass 1: parse and check rows (streamed; only the checked, compact record of each row is kept).
  const errors: RowError[] = [];
  const good: GoodRow[] = [];
  // Each asset tag's first row, and every row of a tag given more than once (likewise CMMS ids of checked rows): both
  // rows of a repeat are errors (below), and the matcher beside pass 1 stops at the repeat.
  const tagRow = new Map<string, number>();
  const tagRepeats = new Map<string, number[]>();
  const cmmsRow = new Map<string, number>();
  const cmmsRepeats = new Map<string, number[]>();
  const note = (first: Map<string, number>, repeats: Map<string, number[]>, key: string, row: number) => {
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, row);
      return;
    }
    const rs = repeats.get(key);
    if (rs) rs.push(row);
    else repeats.set(key, [earlier, row]);
    stopBeside();
  };
  let rows = 0;
  const mapped = Object.entries(colOf) as [ImportField, { index: number; header: string }][];
  // A kept line's cells as validateRow takes them, read back from the hashed line (after its seed, each mapped cell as
  // `length:value`, in the order of `mapped`). Fresh objects: this runs only for the rare line that did not confirm.
  const cellsOfLine = (line: string, seedLength: number) => {
    const out: Partial<Record<ImportField, { header: string; value: string }>> = {};
    let at = seedLength;
    for (const [f, c] of mapped) {
      const colon = line.indexOf(":", at);
      const length = Number(line.slice(at, colon));
      out[f] = { header: c.header, value: line.slice(colon + 1, colon + 1 + length) };
      at = colon + 1 + length;
    }
    return out;
  };
  // Dates a day ahead of this server's are accepted: a CMMS in a time zone ahead of it may already be on that date.
  const rowContext = { siteIdByName, defaultSiteId: opts.defaultSiteId ?? null, latestDate: addDays(clock.today(), 1) };

  /**
   * Pass 2, matching: a checked row against the inventory (and the rows before it), deciding whether it makes a new
   * device, changes one or changes nothing; manufacturers and models resolved as their spellings come. One matcher runs
   * beside pass 1, a slice behind it, as long as the file repeats no asset tag and no CMMS id (then every checked row
   * is usable and its outcome cannot change later); a file that does gets a fresh matcher over its usable rows once
   * pass 1 is done, as every file did before decision 0046. Both give the same plan.
   */
  const newMatcher = () => {
    const unknownManufacturers: UnknownManufacturer[] = [];
    const newAliases = new Map<string, { manufacturerId: number; alias: string }>();
    const newManufacturers = new Map<string, { tempId: number; name: string; aliases: string[] }>();
    // Temporary ids: manufacturers -1, -2… in the order their spellings first appear; models apart, so a new
    // manufacturer's models keep the same keys (`${tempId}|${model}`) between a preview and its commit.
    let nextMakerTemp = -1;
    let nextModelTemp = -1_000_001;
    const makerIds = new Map<string, number>();
    const makerIdOf = (spelling: string): number => {
      const known = makerIds.get(spelling);
      if (known !== undefined) return known;
      const key = normaliseManufacturerName(spelling);
      const m = index.match(spelling);
      const choice = opts.manufacturerChoices?.[spelling];
      let id: number;
      if (m && AUTOMATIC_LEVELS.includes(m.level) && choice === undefined) {
        id = m.id;
      } else {
        const resolved: number | "new" = choice !== undefined && (choice === "new" || makerName.has(choice)) ? choice : (m?.id ?? "new");
        // Its rows are counted once the usable rows are known.
        unknownManufacturers.push({ name: spelling, rows: 0, proposal: m, choice: resolved });
        if (resolved === "new") {
          // Spellings that normalise alike become one new manufacturer.
          const existing = newManufacturers.get(key);
          if (existing) {
            existing.aliases.push(spelling);
            id = existing.tempId;
          } else {
            const created = { tempId: nextMakerTemp--, name: cleanDisplayName(spelling), aliases: [spelling] };
            newManufacturers.set(key, created);
            id = created.tempId;
          }
        } else id = resolved;
      }
      makerIds.set(spelling, id);
      if (id > 0 && !aliasKeys.has(key) && !newAliases.has(key)) newAliases.set(key, { manufacturerId: id, alias: cleanDisplayName(spelling) });
      return id;
    };
    const newModels = new Map<string, { tempId: number; manufacturerId: number; name: string; deviceClassId: number | null }>();
    const classify = new Map<string, ModelToClassify>();
    const displayMaker = (id: number) => (id > 0 ? makerName.get(id)! : [...newManufacturers.values()].find((m) => m.tempId === id)!.name);
    const modelIdOf = (makerId: number, model: string): number => {
      const key = `${makerId}|${modelKeyOf(model)}`;
      const existing = makerId > 0 ? modelByKey.get(key) : undefined;
      const c = classify.get(key);
      if (c) c.rows++;
      if (existing) {
        if (existing.deviceClassId == null && !c)
          classify.set(key, {
            key,
            manufacturer: displayMaker(makerId),
            model: existing.name,
            rows: 1,
            isNew: false,
            modelId: existing.id,
            deviceClassId: null,
          });
        return existing.id;
      }
      let n = newModels.get(key);
      if (!n) {
        const classId = opts.modelClassChoices?.[key] ?? null;
        n = { tempId: nextModelTemp--, manufacturerId: makerId, name: model, deviceClassId: classId };
        newModels.set(key, n);
        classify.set(key, { key, manufacturer: displayMaker(makerId), model, rows: 1, isNew: true, modelId: null, deviceClassId: classId });
      }
      return n.tempId;
    };
    const matched = new Set<number>();
    const changes: PlannedChange[] = [];
    const errors: RowError[] = [];
    let unchanged = 0;
    // Rows per manufacturer spelling, for the list of spellings to map.
    const spellingRows = new Map<string, number>();
    let matchedRows = 0;
    /**
     * One usable row; `mapsRead`: whether the device maps are read (else every row so far is an unchanged line). Usable
     * rows each have their own asset tag (pass 1 sets aside every row of a repeated one), so no two claim the same.
     */
    const matchRow = (g: GoodRow, mapsRead: boolean) => {
      const row = g.row;
      let d = g.d;
      matchedRows++;
      if (d.manufacturer) spellingRows.set(d.manufacturer, (spellingRows.get(d.manufacturer) ?? 0) + 1);
      const makerId = d.manufacturer ? makerIdOf(d.manufacturer) : undefined;
      const modelId = makerId !== undefined && d.model ? modelIdOf(makerId, d.model) : undefined;
      // Without the maps (every row an unchanged line), each line names the device it was written to: that device still
      // has the line's asset tag and CMMS id, or its fingerprint would have been cleared.
      const ownerId = mapsRead ? idByTag.get(d.assetTag) : g.same!.id;
      const existingId = mapsRead ? ((d.cmmsId ? idByCmms.get(d.cmmsId) : undefined) ?? ownerId) : ownerId;
      // A line that hashed like the device's last imported line: unchanged if it still names the same device and
      // resolves to the same manufacturer and model; otherwise (an alias moved, a model was added) it is checked as
      // any other row. Its checks cannot fail: the same cells passed them against the same sites when it was written.
      let sameLine = false;
      if (g.same) {
        if (existingId === g.same.id && `${makerId ?? ""}:${modelId ?? ""}` === g.same.ids) sameLine = true;
        else {
          const v = validateRow(row, cellsOfLine(g.same.line, lineSeed!.length), rowContext);
          if (!v.device) {
            errors.push(...v.errors);
            return;
          }
          d = v.device;
        }
      }
      if (existingId !== undefined && matched.has(existingId)) {
        errors.push({
          row,
          column: colOf.assetTag!.header,
          message: `This row and another row of the file are the same device (asset tag ${rowById(existingId)!.assetTag}): keep one.`,
        });
        return;
      }
      if (ownerId !== undefined && existingId !== undefined && ownerId !== existingId) {
        errors.push({
          row,
          column: colOf.assetTag!.header,
          message: `Asset tag ${d.assetTag} already belongs to another device (CMMS id ${rowById(ownerId)!.cmmsId ?? "none"}): asset tags are unique.`,
        });
        return;
      }
      if (sameLine) {
        matched.add(existingId!);
        unchanged++;
        return;
      }
      const incoming: Partial<StoredDevice> & { cmmsSource?: string } = { assetTag: d.assetTag };
      for (const f of COPIED_FIELDS) {
        if (d[f] !== undefined) (incoming as Record<string, unknown>)[f] = d[f];
      }
      if (makerId !== undefined) incoming.manufacturerId = makerId;
      if (modelId !== undefined) incoming.modelId = modelId;
      const line = g.hash === undefined ? undefined : { hash: g.hash, manufacturerId: makerId ?? null, modelId: modelId ?? null };
      if (existingId !== undefined) {
        matched.add(existingId);
        const stored = storedFingerprint(existingId);
        // New manufacturers and models have no id yet: the commit fingerprints such a row once they have. Only a row
        // without a line, or a device whose stored fingerprint is still a value fingerprint, is compared this way.
        const fingerprint =
          (makerId ?? 0) >= 0 && (modelId ?? 0) >= 0 && (line === undefined || (stored !== null && !isLineKey(stored)))
            ? importRowFingerprint(source, incoming)
            : null;
        // The last import wrote exactly these values and nothing has changed the device since (the trigger of
        // migration 0012 clears the fingerprint on any other update): unchanged, without reading or diffing it.
        if (fingerprint !== null && stored === fingerprint) {
          unchanged++;
          return;
        }
        const existing = rowById(existingId)!;
        if (existing.cmmsSource !== source) incoming.cmmsSource = source;
        const fields = diffDevice(existing, incoming);
        if (incoming.cmmsSource) fields["cmmsSource" as ComparableField] = { old: existing.cmmsSource, new: source };
        // Unchanged but without a matching fingerprint (written before fingerprints, or edited since): nothing is
        // written, so the same file stays idempotent; the next change to the device stores one.
        if (Object.keys(fields).length === 0) unchanged++;
        else
          changes.push({
            assetTag: d.assetTag,
            kind: "changed",
            fields,
            deviceId: existing.id,
            rowNumber: row,
            importFingerprint: fingerprint,
            ...(line ? { line } : fingerprint === null ? { fingerprintOf: incoming } : {}),
          });
      } else {
        if (incoming.siteId === undefined) {
          errors.push({ row, column: colOf.site?.header ?? "Site", message: "A new device needs a site." });
          return;
        }
        incoming.cmmsSource = source;
        changes.push({ assetTag: d.assetTag, kind: "new", fields: {}, values: incoming, deviceId: null, rowNumber: row, ...(line ? { line } : {}) });
      }
    };
    return {
      matchRow,
      matched,
      changes,
      errors,
      unknownManufacturers,
      newAliases,
      newManufacturers,
      newModels,
      classify,
      spellingRows,
      rows: () => matchedRows,
      unchanged: () => unchanged,
    };
  };
  // The matcher beside pass 1 (null once the file repeats an asset tag or CMMS id), the good rows it has matched, and
  // the changes it has handed to `stream` (the commit's writer, decision 0046).
  let beside: ReturnType<typeof newMatcher> | null = newMatcher();
  let besideUpTo = 0;
  let streamed = 0;
  let streaming = stream !== undefined;
  let discardDue = false;
  // Rows matched and dropped (dropRows); a repeat then has the file read again, keeping them (`restart`).
  let dropped = 0;
  let restart = false;
  const stopBeside = () => {
    if (!beside) return;
    beside = null;
    if (dropped > 0) restart = true;
    if (streaming && streamed > 0) discardDue = true;
    streaming = false;
  };
  /** Matches the rows checked so far and hands the new changes to the stream (awaited: the writer's pace). */
  const matchBeside = async () => {
    if (discardDue) {
      discardDue = false;
      await stream!.discard();
    }
    if (!beside) return;
    if (!mapsLoaded) {
      let needed = false;
      for (let i = besideUpTo; i < good.length && !needed; i++) needed = !good[i]!.same;
      if (needed) await loadMaps();
    }
    // The maps may have been read while this slice waited: a matcher that lost its rows' guarantee stops here.
    if (!beside) return;
    for (; besideUpTo < good.length; besideUpTo++) beside.matchRow(good[besideUpTo]!, mapsLoaded);
    if (dropRows) {
      dropped += good.length;
      good.length = 0;
      besideUpTo = 0;
    }
    if (streaming && beside.changes.length > streamed) {
      const batch = beside.changes.slice(streamed);
      streamed = beside.changes.length;
      streaming = await stream!.changes(batch, {
        fingerprint,
        sha256: table.info.sha256,
        newManufacturers: [...beside.newManufacturers.values()],
        newModels: [...beside.newModels.values()],
      });
    }
  };
  // The line hash (decision 0039): everything a file line's checked values depend on — the rules' version, the CMMS,
  // which fields are mapped, the default site, the sites a site cell resolves against, and the mapped cells as they
  // are. Manufacturer and model are resolved against reference data that an import itself changes, so their ids are
  // compared beside the hash (lineImportKey) rather than hashed in. API records have no line: they keep the value
  // fingerprint.
  const linePrefix = table.records
    ? null
    : [
        FINGERPRINT_VERSION,
        source,
        mapped.map(([f]) => f).join(","),
        opts.defaultSiteId ?? "",
        siteRows
          .map((s) => `${s.id}=${s.name}=${s.code}`)
          .sort()
          .join("|"),
      ]
        .map((x) => `${String(x).length}:${x}`)
        .join("");
  // Hashed once, so each line hashes a short prefix rather than every site's name again.
  const lineSeed = linePrefix === null ? null : crypto.hash("sha1", linePrefix, "base64");
  const fieldIndex = (f: ImportField) => colOf[f]?.index ?? -1;
  const cmmsAt = fieldIndex("cmmsId");
  const makerAt = fieldIndex("manufacturer");
  const modelAt = fieldIndex("model");
  const text = (cells: string[], at: number) => (at < 0 ? undefined : collapseSpaces(cells[at] ?? "") || undefined);
  // One { header, value } object per mapped column, reused for every row (validateRow keeps none of them): at
  // 200,000 rows a fresh set per row was millions of short-lived objects for the garbage collector.
  const cells: Partial<Record<ImportField, { header: string; value: string }>> = {};
  const slots = mapped.map(([f, c]) => ((cells[f] = { header: c.header, value: "" }), { slot: cells[f]!, index: c.index }));
  const tagAt = colOf.assetTag!.index;
  const isSameLine = (stored: string | null | undefined, hash: string): stored is string =>
    stored != null && isLineKey(stored) && stored.startsWith(hash, 1) && stored.charCodeAt(hash.length + 1) === 58; /* : */
  // A full export's CMMS ids on every row, rows with errors included: their devices are listed, not missing.
  const listedCmms = opts.fullExport ? new Set<string>() : null;
  const noteCmms = (cmmsId: string | undefined, row: number) => {
    if (cmmsId) note(cmmsRow, cmmsRepeats, cmmsId, row);
  };
  // One row of pass 1; `found`: the probed devices of its batch by asset tag (null when not probed).
  const checkRow = (r: TableRow, found: Map<string, [number, string | null]> | null) => {
    // Records from the API leave a field out to keep the stored value: no cell at all, not an empty one.
    let rowCells = cells;
    if (table.records) {
      rowCells = {};
      for (const [f, c] of mapped) {
        const value = r.cells[c.index];
        if (value !== undefined) rowCells[f] = { header: c.header, value };
      }
    }
    const tag = collapseSpaces(r.cells[tagAt] ?? "");
    if (tag) note(tagRow, tagRepeats, tag, r.rowNumber);
    if (listedCmms) {
      const c = text(r.cells, cmmsAt);
      if (c) listedCmms.add(c);
    }
    let hash: string | undefined;
    if (lineSeed !== null) {
      let line = lineSeed;
      for (const { index } of slots) {
        const v = r.cells[index] ?? "";
        line += `${v.length}:${v}`;
      }
      hash = crypto.hash("sha1", line, "base64");
      // The device this tag names was last written from a line with the same hash: a candidate for "unchanged"
      // without the row checks, confirmed in the match pass once its manufacturer and model ids are known.
      const hit = found && tag ? found.get(tag) : undefined;
      if (hit && isSameLine(hit[1], hash)) {
        const d: IncomingDevice = { assetTag: tag };
        const cmmsId = text(r.cells, cmmsAt);
        const manufacturer = text(r.cells, makerAt);
        const model = text(r.cells, modelAt);
        if (cmmsId !== undefined) d.cmmsId = cmmsId;
        if (manufacturer !== undefined) d.manufacturer = manufacturer;
        if (model !== undefined) d.model = model;
        probeHits++;
        good.push({ row: r.rowNumber, d, hash, same: { id: hit[0], ids: hit[1]!.slice(hash.length + 2), line } });
        noteCmms(cmmsId, r.rowNumber);
        return;
      }
    }
    if (!table.records) for (const { slot, index } of slots) slot.value = r.cells[index] ?? "";
    const v = validateRow(r.rowNumber, rowCells, rowContext);
    for (const e of v.errors) errors.push(e);
    if (v.device) {
      good.push({ row: r.rowNumber, d: v.device, hash });
      noteCmms(v.device.cmmsId, r.rowNumber);
    }
  };
  // Rows waiting for their batch's probe: one query per PROBE_BATCH asset tags, a third of the time of one per row.
  const pending: TableRow[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const found = probeMany(pending.map((r) => collapseSpaces(r.cells[tagAt] ?? "")).filter(Boolean));
    probed += pending.length;
    for (const r of pending) checkRow(r, found);
    pending.length = 0;
    if (probed >= PROBE_SAMPLE && probeHits < probed / 2) probing = false;
  };
  let estimate = table.rowEstimate;
  onProgress?.({ phase: "check", done: 0, total: estimate });
  let seen = 0;
  // One row; true when a progress report is due (the caller then hands the event loop back).
  const step = (r: TableRow): boolean => {
    const due = ++seen % PROGRESS_EVERY === 0;
    if (due) {
      flush();
      if (seen > estimate) estimate = seen;
      onProgress?.({ phase: "check", done: seen, total: estimate });
    }
    // A blank line of a file is skipped; an API record is a device however empty (its missing asset tag is a row
    // error), and the fields it leaves out have no cell at all.
    if (!table.records && r.cells.every((c) => c.trim() === "")) return due;
    rows++;
    if (probing && lineSeed !== null) {
      pending.push(r);
      if (pending.length >= PROBE_BATCH) flush();
    } else checkRow(r, null);
    return due;
  };
  // Rows tokenized synchronously are read without an await per row: the event loop is handed back every
  // PROGRESS_EVERY rows only.
  const slice = async () => {
    await matchBeside();
    await yieldToEventLoop();
  };
  if (table.syncRows) {
    for (const r of table.syncRows) {
      if (step(r)) await slice();
      if (restart) break;
    }
  } else
    for await (const r of table.rows) {
      if (step(r)) await slice();
      if (restart) break;
    }
  flush();
  // Pass 1 has seen every row it will (the last probe batch included). A repeated asset tag or CMMS id stops the
  // matcher beside it (note() has done so already); if rows were dropped, the file is read again keeping them, the
  // changes handed to the writer so far undone first.
  if (tagRepeats.size > 0 || cmmsRepeats.size > 0) stopBeside();
  if (restart) {
    if (discardDue) {
      discardDue = false;
      await stream!.discard();
    }
    return planRows(db, opts, true, onProgress);
  }
  onProgress?.({ phase: "check", done: seen, total: seen });
  if (rows === 0) throw new AppError("VALIDATION", "The file has a header row but no devices under it.", { file: ["No rows."] });
  // The repeated tags' rows, in the file's order per tag (errors are sorted by row below).
  const dupErrors = duplicateTagErrors(
    [...tagRepeats].flatMap(([assetTag, rs]) => rs.map((row) => ({ row, assetTag }))),
    colOf.assetTag!.header,
  );
  const dupRows = new Set(dupErrors.map((e) => e.row));
  errors.push(...dupErrors);
  // Same CMMS id twice: also ambiguous.
  for (const [id, rs] of cmmsRepeats)
    for (const r of rs) {
      errors.push({ row: r, column: colOf.cmmsId!.header, message: `CMMS id ${id} appears on rows ${rs.join(", ")}: keep one row per device.` });
      dupRows.add(r);
    }
  // The matcher beside pass 1 saw every usable row only if nothing was repeated; otherwise (stopped above) every row was
  // kept, and a fresh matcher takes the usable ones.
  await matchBeside();
  let m = beside;
  if (m === null) {
    const usable = good.filter((g) => !dupRows.has(g.row));
    m = newMatcher();
    const mapsRead = usable.some((g) => !g.same);
    if (mapsRead) await loadMaps();
    onProgress?.({ phase: "match", done: 0, total: usable.length });
    for (let i = 0; i < usable.length; i++) {
      if (i > 0 && i % PROGRESS_EVERY === 0) {
        onProgress?.({ phase: "match", done: i, total: usable.length });
        await yieldToEventLoop();
      }
      m.matchRow(usable[i]!, mapsRead);
    }
  }
  const { matched, changes } = m;
  errors.push(...m.errors);
  for (const u of m.unknownManufacturers) u.rows = m.spellingRows.get(u.name) ?? 0;
  const ofSource = opts.fullExport
    ? db.all<{ id: number; assetTag: string; status: DeviceStatus; cmmsSource: string | null; cmmsId: string | null }>(
        sql`select id, asset_tag as assetTag, status, cmms_source as cmmsSource, cmms_id as cmmsId from ${devices} where cmms_source = ${source} and status <> 'retired'`,
      )
    : [];
  onProgress?.({ phase: "match", done: m.rows(), total: m.rows() });
  const missing = missingFromFullExport(ofSource, matched, source, opts.fullExport ?? false, { tags: tagRow, cmmsIds: listedCmms ?? new Set() });
  for (const x of missing)
    changes.push({
      assetTag: x.assetTag,
      kind: "retire",
      fields: { status: { old: x.status, new: "retired" satisfies DeviceStatus } },
      deviceId: x.id,
      rowNumber: null,
    });

  const errorRowSet = new Set(errors.map((e) => e.row));
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return {
    ...base,
    mappingProblems: [],
    counts: {
      rows,
      new: changes.filter((c) => c.kind === "new").length,
      changed: changes.filter((c) => c.kind === "changed").length,
      unchanged: m.unchanged(),
      missing: missing.length,
      errors: errors.length,
    },
    errors,
    errorRows: errorRowSet.size,
    unknownManufacturers: m.unknownManufacturers.sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name)),
    modelsToClassify: [...m.classify.values()].sort((a, b) => b.rows - a.rows || a.model.localeCompare(b.model)),
    changes,
    newAliases: [...m.newAliases.values()],
    newManufacturers: [...m.newManufacturers.values()],
    newModels: [...m.newModels.values()],
  };
}

/** A change as field → { old, new }: a new device's values with old = null. */
export function changeFields(c: PlannedChange): FieldChanges {
  if (c.kind !== "new" || !c.values) return c.fields;
  const out: FieldChanges = {};
  for (const [k, v] of Object.entries(c.values)) if (v !== undefined) out[k as ComparableField] = { old: null, new: v };
  return out;
}
