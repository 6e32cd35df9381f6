import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { sliceWriterOpen, sqliteOf, writeTxInSlices } from "@/db/client";
import { WorkerSqliteError, WorkerTx, type WorkerOp } from "@/db/worker-tx";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, IMPORT_WRITING_MESSAGE } from "@/lib/errors";
import { canonicalJson } from "@/lib/rules/canonical";
import { normaliseManufacturerName, normaliseModelName } from "@/lib/rules/manufacturer";
import { appendAudit, auditStatements, type AuditInput } from "@/lib/services/audit/append-audit";
import { clock } from "@/lib/clock";
import { assertCanImport } from "./access";
import { makerResolution, rematchAfterImport, type ImportTouch } from "./rematch-after-import";
import {
  changeFields,
  importRowFingerprint,
  inventoryFingerprint,
  lineImportKey,
  MAX_LISTED_CHANGES,
  planImport,
  PROGRESS_EVERY,
  type ImportOptions,
  type ImportPlan,
  type ImportProgress,
  type PlannedChange,
  type PlanStream,
} from "./plan-import";

export interface CommitOptions extends ImportOptions {
  /** The SHA-256 the person previewed: a different file is refused rather than committed unseen. */
  expectedSha256?: string | null;
  /** All or nothing: a plan with any row error is refused (VALIDATION) rather than committing the good rows. */
  refuseRowErrors?: (errors: ImportPlan["errors"]) => AppError;
  /** A last check of the plan before anything is written (the API's site restriction); throws to refuse. */
  checkPlan?: (plan: ImportPlan) => void;
}

export interface CommitResult {
  /** Null when the file changes nothing: nothing was written (not even a history entry). */
  importId: number | null;
  counts: ImportPlan["counts"];
  manufacturersCreated: number;
  modelsCreated: number;
  aliasesAdded: number;
  sha256: string;
}

/** Columns of `devices` an import writes, camelCase → snake_case. */
const COLUMN: Record<string, string> = {
  assetTag: "asset_tag",
  serialNumber: "serial_number",
  manufacturerId: "manufacturer_id",
  modelId: "model_id",
  description: "description",
  siteId: "site_id",
  location: "location",
  status: "status",
  connected: "connected",
  hostname: "hostname",
  ipAddress: "ip_address",
  macAddress: "mac_address",
  osName: "os_name",
  osVersion: "os_version",
  softwareVersion: "software_version",
  storesPhi: "stores_phi",
  cmmsSource: "cmms_source",
  cmmsId: "cmms_id",
  lastInventoriedOn: "last_inventoried_on",
  lastSeenOn: "last_seen_on",
};
/** History entries per multi-row INSERT: 100 × 7 columns stays far below SQLite's 32,766 bound parameters. */
const CHUNK = 100;
const sqlValue = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : (v ?? null));
/** How a change's manufacturer and model ids become real ones (a new maker's or model's temporary id), and the row's constants. */
interface RowContext {
  id: (v: unknown) => unknown;
  idOrNull: (v: number | null) => number | null;
  /** Whether any value may hold a temporary id (the plan creates manufacturers or models). */
  temporaryIds: boolean;
  source: string;
  at: string;
}

/** What one planned change writes: its device statement with parameters, and its history entry. */
interface DeviceWrite {
  sql: string;
  params: unknown[];
  kind: "imported" | "changed" | "retired";
  /** JSON { field: { old, new } }; null for a new device (decision 0049). */
  changes: string | null;
  /** A changed device whose model, version or status moved: its advisories and recalls are matched again. */
  rematch: boolean;
}

/** Statement text per column list: built once, not per row. */
const statementText = new Map<string, string>();

/**
 * The device row a planned change writes and its history entry. `newId`: the id a new device is written with (the
 * writer on another thread allots them, decision 0046); null lets SQLite choose it.
 */
function deviceWrite(c: PlannedChange, ctx: RowContext, newId: number | null): DeviceWrite {
  const { id, idOrNull, temporaryIds, source, at } = ctx;
  let values: Record<string, unknown>;
  // A new device's history entry ("imported", with the import's id) holds no values (decision 0049): they are the
  // row's own, and readers derive them from the device and its later entries (valuesAsImported). Written, they doubled
  // the bytes a 200,000-row import writes.
  let changes: string | null = null;
  if (c.kind === "new" && c.values) {
    if (temporaryIds) {
      values = {};
      for (const f in c.values) {
        const v = c.values[f as keyof typeof c.values];
        if (v !== undefined) values[f] = id(v);
      }
    } else values = c.values;
  } else {
    values = {};
    const fields: Record<string, { old: unknown; new: unknown }> = {};
    for (const [f, ch] of Object.entries(changeFields(c))) {
      values[f] = id(ch!.new);
      fields[f] = { old: id(ch!.old), new: values[f] };
    }
    changes = JSON.stringify(fields);
  }
  // The plan builds every new device's values in one fixed field order, so the key needs no sort.
  const cols = Object.keys(values);
  // The row's import fingerprint (decisions 0024, 0039) is written with every insert and update; a retired
  // device's is cleared, so the next import compares it in full.
  const fingerprint =
    c.kind === "retire"
      ? null
      : c.line
        ? lineImportKey(c.line.hash, idOrNull(c.line.manufacturerId), idOrNull(c.line.modelId))
        : c.kind === "new"
          ? importRowFingerprint(source, values)
          : c.fingerprintOf
            ? importRowFingerprint(source, Object.fromEntries(Object.entries(c.fingerprintOf).map(([k, v]) => [k, id(v)])))
            : (c.importFingerprint ?? null);
  const params: unknown[] = newId === null ? [] : [newId];
  for (const k of cols) params.push(sqlValue(values[k]));
  if (c.kind === "new") {
    // One row per statement: measured faster than 100-row INSERT ... RETURNING on SQLite (0.80 s vs 1.09 s
    // for 30,000 devices), and than 50-row INSERTs with the ids given (decision 0039: 3.6–4.0 s against
    // 2.6–2.9 s of CPU for the commit of 50,000 devices); the events, which need no ids back, are the ones batched.
    const key = `i${newId === null ? "" : "+id"}:${cols.join(",")}`;
    let text = statementText.get(key);
    if (!text) {
      const names = [...(newId === null ? [] : ["id"]), ...cols.map((k) => COLUMN[k])];
      text = `insert into devices (${names.join(", ")}, import_fingerprint, created_at, updated_at) values (${names.map(() => "?").join(", ")}, ?, ?, ?)`;
      statementText.set(key, text);
    }
    params.push(fingerprint, at, at);
    return { sql: text, params, kind: "imported", changes, rematch: true };
  }
  const key = `u:${cols.join(",")}`;
  let text = statementText.get(key);
  if (!text) {
    text = `update devices set ${cols.map((k) => `${COLUMN[k]} = ?`).join(", ")}, import_fingerprint = ?, updated_at = ? where id = ?`;
    statementText.set(key, text);
  }
  params.push(fingerprint, at, c.deviceId);
  const rematch = c.kind === "retire" || "modelId" in values || "softwareVersion" in values || "status" in values;
  return { sql: text, params, kind: c.kind === "retire" ? "retired" : "changed", changes, rematch };
}

/** The data-version triggers an import sets aside during its writes (see writeChanges). */
const DATA_VERSION_TRIGGERS =
  "select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'devices' and name in ('devices_dv_insert', 'devices_dv_update')";
const BUMP_INVENTORY = "update data_versions set version = version + 1 where domain = 'inventory'";

/** The import's history entry; `withId`: the id given (the worker's writer allots it). */
function importInsert(withId: boolean): string {
  return `insert into imports (${withId ? "id, " : ""}at, actor_id, actor_label, file_name, sha256, size_bytes, source, profile_id, mapping, full_export, rows_total, created_count, changed_count, unchanged_count, retired_count, error_count, changes)
         values (${withId ? "?, " : ""}?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
}

function importRow(plan: ImportPlan, opts: CommitOptions, actor: Actor, at: string): unknown[] {
  const listed = plan.changes.slice(0, MAX_LISTED_CHANGES).map((c) => ({ assetTag: c.assetTag, kind: c.kind, fields: changeFields(c) }));
  return [
    at,
    actor.id,
    `${actor.name} <${actor.email}>`,
    plan.file.name,
    plan.file.sha256,
    plan.file.sizeBytes,
    opts.source.replace(/\s+/g, " ").trim(),
    opts.profileId ?? null,
    canonicalJson(plan.mapping),
    opts.fullExport ? 1 : 0,
    plan.counts.rows,
    plan.counts.new,
    plan.counts.changed,
    plan.counts.unchanged,
    plan.counts.missing,
    plan.counts.errors,
    JSON.stringify(listed),
  ];
}

/** A history entry's columns in a multi-row INSERT. */
const EVENT_WIDTH = 7;

/** History entries in one multi-row INSERT of `n`. */
function eventsInsert(n: number): string {
  return `insert into device_events (device_id, at, actor_id, actor_label, kind, changes, import_id) values ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`;
}

/** A run of new devices' history entries, one INSERT … SELECT over their consecutive ids (HistoryEntries). */
const IMPORTED_RUN =
  "insert into device_events (device_id, at, actor_id, actor_label, kind, import_id) select id, ?, ?, ?, 'imported', ? from devices where id between ? and ? order by id";

/**
 * An import's history entries, one per device, in the file's order, so the worker's writer and the one-thread path
 * give every entry the same id. A new device's entry holds who, when and the import, nothing its row does not
 * (decision 0049): a run of new devices with consecutive ids is one INSERT … SELECT over their rows, with no values
 * per row to build, send to the worker or bind. Changed and retired devices' entries (their old and new values) go
 * in multi-row INSERTs of CHUNK.
 */
class HistoryEntries {
  private rows: unknown[] = [];
  private run: [first: number, last: number] | null = null;
  private readonly full = eventsInsert(CHUNK);
  private readonly one = eventsInsert(1);

  constructor(
    private readonly head: { at: string; actorId: number; actorLabel: string; importId: number },
    /** Runs `sql` once per `width` parameters (WorkerOp's form). */
    private readonly emit: (sql: string, width: number, params: unknown[]) => void,
  ) {}

  /** Entries held, not yet emitted. */
  get pending(): number {
    return this.rows.length / EVENT_WIDTH + (this.run ? this.run[1] - this.run[0] + 1 : 0);
  }

  imported(deviceId: number): void {
    if (this.run && this.run[1] + 1 === deviceId) {
      this.run[1] = deviceId;
      return;
    }
    this.flush();
    this.run = [deviceId, deviceId];
  }

  other(deviceId: number, kind: string, changes: string | null): void {
    this.flushRun();
    const h = this.head;
    this.rows.push(deviceId, h.at, h.actorId, h.actorLabel, kind, changes, h.importId);
  }

  flush(): void {
    const rows = this.rows;
    if (rows.length > 0) {
      const full = rows.length - (rows.length % (CHUNK * EVENT_WIDTH));
      if (full > 0) this.emit(this.full, CHUNK * EVENT_WIDTH, full === rows.length ? rows : rows.slice(0, full));
      if (full < rows.length) this.emit(this.one, EVENT_WIDTH, rows.slice(full));
      this.rows = [];
    }
    this.flushRun();
  }

  private flushRun(): void {
    if (!this.run) return;
    const h = this.head;
    this.emit(IMPORTED_RUN, 6, [h.at, h.actorId, h.actorLabel, h.importId, this.run[0], this.run[1]]);
    this.run = null;
  }
}

/** The import's one audit entry. */
function importAudit(plan: ImportPlan, opts: CommitOptions, actor: Actor, importId: number, now: Date): AuditInput {
  return {
    actor,
    action: "INVENTORY_IMPORTED",
    entityType: "import",
    entityId: importId,
    newValues: {
      fileName: plan.file.name,
      sha256: plan.file.sha256,
      source: opts.source,
      fullExport: Boolean(opts.fullExport),
      counts: plan.counts,
      manufacturersCreated: plan.newManufacturers.map((m) => m.name),
      modelsCreated: plan.newModels.length,
    },
    at: now,
  };
}

function commitResult(plan: ImportPlan, importId: number | null): CommitResult {
  return {
    importId,
    counts: plan.counts,
    manufacturersCreated: plan.newManufacturers.length,
    modelsCreated: plan.newModels.length,
    aliasesAdded: plan.newAliases.length + plan.newManufacturers.reduce((n, m) => n + m.aliases.length, 0),
    sha256: plan.file.sha256,
  };
}

/** Files from this size (or API batches from this many records) are written while they are read (decision 0046). */
const PIPELINE_MIN_BYTES = 256 * 1024;
const PIPELINE_MIN_RECORDS = 2000;

/**
 * Whether this commit writes through the worker's transaction while the file is still being checked: a database file
 * (an in-memory one has no second connection), a file or batch large enough to be worth a thread, and not switched
 * off (CLEARLINE_IMPORT_WORKER=0 writes after the plan, on this thread, as before decision 0046).
 */
function pipelineSuits(db: Db, opts: CommitOptions): boolean {
  if (process.env.CLEARLINE_IMPORT_WORKER === "0" || sqliteOf(db).memory) return false;
  return opts.table ? opts.table.rowEstimate >= PIPELINE_MIN_RECORDS : opts.bytes.length >= PIPELINE_MIN_BYTES;
}

/**
 * The commit's writer while the plan still reads the file (decision 0046). The plan hands over each slice's new and
 * changed devices (PlanStream); the first slice begins a transaction in a worker thread (WorkerTx), which checks the
 * inventory is the one the plan started from, and the devices and their history entries are sent as SQL the worker
 * runs while this thread checks the next rows. New devices, manufacturers and models get their ids here (each
 * table's AUTOINCREMENT sequence, read once the worker holds the write lock, so nobody else can take them); the
 * import's own row is written last, with its counts, its id allotted the same way (foreign keys are checked at COMMIT:
 * `defer_foreign_keys`). A file that repeats an asset tag or CMMS id, or is not the one previewed, rolls the worker
 * back, and the finished plan is written as before.
 */
function importPipeline(
  db: Db,
  actor: Actor,
  opts: CommitOptions,
  hooks: CommitHooks,
  row: { at: string; actorLabel: string; source: string; touch: ImportTouch },
) {
  const { at, actorLabel, source, touch } = row;
  let tx: WorkerTx | null = null;
  let off = false;
  let handed = 0;
  let written = 0;
  let ran = 0;
  let total = 0;
  let finishing = false;
  let nextDeviceId = 0;
  let nextMakerId = 0;
  let nextModelId = 0;
  let importId = 0;
  let triggers: { name: string; sql: string }[] = [];
  const sent = { newDeviceIds: [] as number[], changedDeviceIds: [] as number[], newModelIds: [] as number[], makerIds: [] as number[] };
  // Temporary ids of the manufacturers and models this import creates → their rows; aliases written per manufacturer.
  const real = new Map<number, number>();
  const aliasesWritten = new Map<number, number>();
  const ctx: RowContext = {
    id: (v) => (typeof v === "number" && v < 0 ? real.get(v)! : v),
    idOrNull: (v) => (v !== null && v < 0 ? real.get(v)! : v),
    temporaryIds: false,
    source,
    at,
  };
  const insertAlias = "insert into manufacturer_aliases (manufacturer_id, alias, alias_key, created_at) values (?, ?, ?, ?) on conflict (alias_key) do nothing";

  /** The manufacturers, their aliases and the models the import creates, as far as they are known: first. */
  const referenceOps = (plan: Pick<ImportPlan, "newManufacturers" | "newModels">): WorkerOp[] => {
    const ops: WorkerOp[] = [];
    for (const m of plan.newManufacturers) {
      if (!real.has(m.tempId)) {
        const id = nextMakerId++;
        real.set(m.tempId, id);
        sent.makerIds.push(id);
        ops.push(["insert into manufacturers (id, name, created_at, updated_at) values (?, ?, ?, ?)", 4, [id, m.name, at, at]]);
      }
      const done = aliasesWritten.get(m.tempId) ?? 0;
      if (m.aliases.length > done) {
        ops.push([insertAlias, 4, m.aliases.slice(done).flatMap((a) => [real.get(m.tempId)!, a, normaliseManufacturerName(a), at])]);
        aliasesWritten.set(m.tempId, m.aliases.length);
      }
    }
    for (const m of plan.newModels) {
      if (real.has(m.tempId)) continue;
      const id = nextModelId++;
      real.set(m.tempId, id);
      sent.newModelIds.push(id);
      ops.push([
        "insert into device_models (id, manufacturer_id, name, name_key, device_class_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
        7,
        [id, ctx.id(m.manufacturerId), m.name, normaliseModelName(m.name), m.deviceClassId, at, at],
      ]);
    }
    if (real.size > 0) ctx.temporaryIds = true;
    return ops;
  };

  const opsFor = (batch: PlannedChange[], plan: Pick<ImportPlan, "newManufacturers" | "newModels">): WorkerOp[] => {
    const ops = referenceOps(plan);
    let current: WorkerOp | null = null;
    const events = new HistoryEntries({ at, actorId: actor.id, actorLabel, importId }, (sql, width, params) => ops.push([sql, width, params]));
    for (const c of batch) {
      const deviceId = c.kind === "new" ? nextDeviceId++ : c.deviceId!;
      const w = deviceWrite(c, ctx, c.kind === "new" ? deviceId : null);
      if (current && current[0] === w.sql) for (const p of w.params) current[2].push(p);
      else ops.push((current = [w.sql, w.params.length, w.params]));
      if (c.kind === "new") sent.newDeviceIds.push(deviceId);
      else if (w.rematch) sent.changedDeviceIds.push(deviceId);
      if (c.kind === "new") events.imported(deviceId);
      else events.other(deviceId, w.kind, w.changes);
      // The worker has this device's values now: the plan keeps a new device's only for the import's listed changes
      // (memory: 200,000 value objects held to the end are most of an import's peak) — unless a last check of the
      // plan reads them (the API's site restriction).
      if (c.kind === "new" && written >= MAX_LISTED_CHANGES && !opts.checkPlan) c.values = undefined;
      written++;
      if (hooks.onWrite && written % 1000 === 0) hooks.onWrite(written);
    }
    events.flush();
    return ops;
  };
  const send = async (ops: WorkerOp[], devices: number) => {
    await tx!.send(ops, () => {
      ran += devices;
      if (finishing) hooks.onProgress?.({ phase: "commit", done: Math.min(ran, total), total });
    });
  };
  const begin = async (fingerprint: string) => {
    tx = await WorkerTx.begin(db);
    // The worker holds the write lock: what this connection reads now is what the transaction starts from.
    if (inventoryFingerprint(db) !== fingerprint) {
      throw new AppError("CONFLICT", "The inventory changed while this file was being checked (another import or an edit): preview it again.");
    }
    // The next id SQLite's AUTOINCREMENT would give: past the sequence and past the largest id (should a row ever
    // have been given one by hand).
    const seq = (name: string) =>
      Math.max(
        db.get<{ seq: number }>(sql`select seq from sqlite_sequence where name = ${name}`)?.seq ?? 0,
        db.get<{ id: number | null }>(sql`select max(id) as id from ${sql.identifier(name)}`)?.id ?? 0,
      );
    nextDeviceId = seq("devices") + 1;
    nextMakerId = seq("manufacturers") + 1;
    nextModelId = seq("device_models") + 1;
    importId = seq("imports") + 1;
    triggers = sqliteOf(db).prepare(DATA_VERSION_TRIGGERS).all() as { name: string; sql: string }[];
    await tx.send([["PRAGMA defer_foreign_keys = ON", 0, []], ...triggers.map((t): WorkerOp => [`drop trigger ${t.name}`, 0, []])]);
  };
  const abandon = async () => {
    off = true;
    const t = tx;
    tx = null;
    for (const list of Object.values(sent)) list.length = 0;
    written = 0;
    handed = 0;
    await t?.rollback();
  };

  const stream: PlanStream = {
    async changes(batch, plan) {
      if (off) return false;
      if (opts.expectedSha256 && opts.expectedSha256 !== plan.sha256) {
        await abandon();
        return false;
      }
      if (!tx) {
        try {
          await begin(plan.fingerprint);
        } catch (e) {
          // Another writer, a moved inventory, SQLite's own refusal: the import is refused as before.
          if (e instanceof AppError || e instanceof WorkerSqliteError) throw e;
          // The thread itself could not start (db/tx-worker.mjs missing beside a server not run from the repository,
          // a thread limit): written after the plan on this thread instead, as before decision 0046.
          console.error("[clearline] the import's writer thread did not start; writing after the plan instead:", e);
          await abandon();
          return false;
        }
      }
      handed += batch.length;
      await send(opsFor(batch, plan), batch.length);
      return true;
    },
    discard: abandon,
  };

  return {
    stream,
    abandon,
    /** Whether the worker's transaction holds everything the plan streamed, and the plan's rest can follow it. */
    canFinish(): boolean {
      return tx !== null && !off;
    },
    /** Writes the plan's rest (retired devices, new aliases, the import's row, the audit entry) and commits. */
    async finish(plan: ImportPlan, now: Date): Promise<number> {
      const t = tx!;
      total = plan.changes.length;
      finishing = true;
      hooks.onProgress?.({ phase: "commit", done: Math.min(ran, total), total });
      const rest = plan.changes.slice(handed);
      const ops = opsFor(rest, plan);
      const aliases = plan.newAliases.flatMap((a) => [a.manufacturerId, a.alias, normaliseManufacturerName(a.alias), at]);
      if (aliases.length > 0)
        ops.push([
          "insert into manufacturer_aliases (manufacturer_id, alias, alias_key, created_at) values (?, ?, ?, ?) on conflict (alias_key) do nothing",
          4,
          aliases,
        ]);
      ops.push([importInsert(true), 18, [importId, ...importRow(plan, opts, actor, at)]]);
      ops.push([BUMP_INVENTORY, 0, []]);
      for (const tr of triggers) ops.push([tr.sql, 0, []]);
      for (const a of auditStatements(db, importAudit(plan, opts, actor, importId, now))) ops.push([a.sql, a.params.length, a.params]);
      await send(ops, rest.length);
      await t.commit();
      tx = null;
      hooks.onProgress?.({ phase: "commit", done: total, total });
      for (const id of sent.newDeviceIds) touch.newDeviceIds.push(id);
      for (const id of sent.changedDeviceIds) touch.changedDeviceIds.push(id);
      touch.newModelIds.push(...sent.newModelIds);
      touch.aliasedMakerIds.push(...sent.makerIds, ...plan.newAliases.map((a) => a.manufacturerId));
      return importId;
    },
  };
}

/**
 * The commit hands the event loop back after this long of writing (decision 0041): the transaction stays open on its
 * own connection, and the server answers other requests (and the progress poll) in between.
 */
const SLICE_MS = 40;

/**
 * Commits a CMMS import, all or nothing (issue #12): the rows without errors are written in one BEGIN IMMEDIATE
 * transaction with the import's history entry, a device event per created, changed or retired device (old and new
 * values), and one audit entry for the whole import. A crash or kill -9 before COMMIT leaves the inventory as it
 * was (SQLite's journal). The same file again changes nothing and writes nothing. Reading and checking the file
 * happen before the transaction, so the write lock is held only for the writes themselves.
 */
export interface CommitHooks {
  onWrite?: (devicesWritten: number) => void;
  /** planned: parse, check and match done; committed: the transaction committed; rematched: advisories and recalls re-matched. */
  onPhase?: (phase: "planned" | "committed" | "rematched") => void;
  /** Rows checked, matched and written (the progress bar); the writes are one transaction, reported as they go (decision 0041). */
  onProgress?: (progress: ImportProgress) => void;
}

export async function commitImport(db: Db, actor: Actor, opts: CommitOptions, hooks: CommitHooks = {}): Promise<CommitResult> {
  assertCanImport(db, actor);
  let now = clock.now();
  let at = now.toISOString();
  const actorLabel = `${actor.name} <${actor.email}>`;
  const source = opts.source.replace(/\s+/g, " ").trim();
  // New devices, models, aliases or versions change which devices the advisories and recalls reach (issue #13): only
  // what the import touched is re-matched, after the commit (rematch-after-import.ts).
  const touch: ImportTouch = { newDeviceIds: [], changedDeviceIds: [], newModelIds: [], aliasedMakerIds: [] };
  // A large file on a database file is written while it is still being read and checked (decision 0046).
  const pipeline = pipelineSuits(db, opts) ? importPipeline(db, actor, opts, hooks, { at, actorLabel, source, touch }) : null;
  let importId: number;
  let plan: ImportPlan;
  try {
    plan = await planImport(db, opts, hooks.onProgress, pipeline?.stream);
    hooks.onPhase?.("planned");
    if (opts.expectedSha256 && opts.expectedSha256 !== plan.file.sha256) {
      throw new AppError("CONFLICT", "This is not the file that was previewed: preview it again before committing.");
    }
    if (plan.mappingProblems.length > 0) throw new AppError("VALIDATION", plan.mappingProblems[0]!, { mapping: plan.mappingProblems });
    if (opts.refuseRowErrors && plan.errors.length > 0) throw opts.refuseRowErrors(plan.errors);
    opts.checkPlan?.(plan);
    if (plan.changes.length === 0 && plan.newManufacturers.length === 0 && plan.newModels.length === 0 && plan.newAliases.length === 0) {
      await pipeline?.abandon();
      return commitResult(plan, null);
    }
    const before = plan.newAliases.length > 0 || plan.newManufacturers.length > 0 ? makerResolution(db) : null;
    if (pipeline?.canFinish()) importId = await pipeline.finish(plan, now);
    else {
      // Another import's transaction is open (decision 0041): refused before anything is prepared, rather than waiting.
      if (sliceWriterOpen(db)) throw new AppError("CONFLICT", IMPORT_WRITING_MESSAGE);
      // Written now, after the plan: its instants are now's (the worker's writes took theirs when they began).
      now = clock.now();
      at = now.toISOString();
      importId = await writeTxInSlices(db, writeChanges);
    }
    hooks.onPhase?.("committed");
    await rematchAfterImport(db, touch, before, now, (p) => hooks.onProgress?.({ phase: "rematch", ...p }));
  } catch (e) {
    await pipeline?.abandon();
    throw e;
  }
  hooks.onPhase?.("rematched");
  return commitResult(plan, importId);

  /**
   * The writes, one transaction (writeTxInSlices): on a database file on a connection of its own, handing the event
   * loop back at each `yield` (every SLICE_MS of writing), so other requests and the progress poll are answered while
   * it runs; in memory (tests) the same steps run to the end at once.
   */
  function* writeChanges(tx: DbOrTx): Generator<void, number, void> {
    // Prepared statements on the transaction's own better-sqlite3 connection: plain INSERT/UPDATE, portable to PostgreSQL.
    const sqlite: Database.Database = sqliteOf(tx);
    if (inventoryFingerprint(tx) !== plan.fingerprint) {
      throw new AppError("CONFLICT", "The inventory changed while this file was being checked (another import or an edit): preview it again.");
    }
    // Temporary (negative) ids of new manufacturers and models → their new rows.
    const real = new Map<number, number>();
    const id = (v: unknown) => (typeof v === "number" && v < 0 ? real.get(v)! : v);
    const idOrNull = (v: number | null) => (v !== null && v < 0 ? real.get(v)! : v);
    // Without new manufacturers or models no value holds a temporary id: a new device's planned values are written as
    // they are, without a copy per row.
    const temporaryIds = plan.newManufacturers.length > 0 || plan.newModels.length > 0;
    const insertMaker = sqlite.prepare("insert into manufacturers (name, created_at, updated_at) values (?, ?, ?)");
    const insertAlias = sqlite.prepare(
      "insert into manufacturer_aliases (manufacturer_id, alias, alias_key, created_at) values (?, ?, ?, ?) on conflict (alias_key) do nothing",
    );
    for (const m of plan.newManufacturers) {
      const r = insertMaker.run(m.name, at, at);
      real.set(m.tempId, Number(r.lastInsertRowid));
      for (const a of m.aliases) insertAlias.run(Number(r.lastInsertRowid), a, normaliseManufacturerName(a), at);
    }
    for (const a of plan.newAliases) insertAlias.run(a.manufacturerId, a.alias, normaliseManufacturerName(a.alias), at);
    const insertModel = sqlite.prepare(
      "insert into device_models (manufacturer_id, name, name_key, device_class_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
    );
    for (const m of plan.newModels) {
      const r = insertModel.run(id(m.manufacturerId), m.name, normaliseModelName(m.name), m.deviceClassId, at, at);
      real.set(m.tempId, Number(r.lastInsertRowid));
      touch.newModelIds.push(Number(r.lastInsertRowid));
    }
    touch.aliasedMakerIds.push(...plan.newManufacturers.map((m) => real.get(m.tempId)!), ...plan.newAliases.map((a) => a.manufacturerId));

    const imp = sqlite.prepare(importInsert(false)).run(importRow(plan, opts, actor, at));
    const importId = Number(imp.lastInsertRowid);

    // The data-version triggers on devices (decision 0007's cache counters) bump `inventory` once per row: measured,
    // measured in isolation, 50,000 inserts took 3.9 s with it and 1.1 s without. Inside this transaction they are set aside and
    // the counter is bumped once at the end; DDL is transactional in SQLite, so a crash or a refusal restores them
    // with everything else, and other connections never see the table without them (decision 0020).
    const triggers = sqlite.prepare(DATA_VERSION_TRIGGERS).all() as { name: string; sql: string }[];
    for (const t of triggers) sqlite.exec(`drop trigger ${t.name}`);
    const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const prepared = (key: string, text: () => string) => statements.get(key) ?? statements.set(key, sqlite.prepare(text())).get(key)!;
    // History entries in the file's order, as the worker's writer writes them.
    const history = new HistoryEntries({ at, actorId: actor.id, actorLabel, importId }, (text, width, params) => {
      const st = prepared(text, () => text);
      for (let i = 0; i < params.length; i += width) st.run(params.slice(i, i + width));
    });
    let written = 0;
    const total = plan.changes.length;
    hooks.onProgress?.({ phase: "commit", done: 0, total });
    // The check, the new makers and models and the import's row are one slice, the devices the next ones.
    yield;
    let sliceStart = clock.ms();
    const progress = () => {
      written++;
      if (hooks.onWrite && written % 1000 === 0) hooks.onWrite(written);
      if (hooks.onProgress && written % PROGRESS_EVERY === 0) hooks.onProgress({ phase: "commit", done: written, total });
    };
    const rowCtx: RowContext = { id, idOrNull, temporaryIds, source, at };
    for (const c of plan.changes) {
      const w = deviceWrite(c, rowCtx, null);
      const r = prepared(w.sql, () => w.sql).run(w.params);
      const deviceId = c.kind === "new" ? Number(r.lastInsertRowid) : c.deviceId!;
      if (c.kind === "new") touch.newDeviceIds.push(deviceId);
      else if (w.rematch) touch.changedDeviceIds.push(deviceId);
      if (c.kind === "new") history.imported(deviceId);
      else history.other(deviceId, w.kind, w.changes);
      progress();
      if (history.pending >= CHUNK) {
        history.flush();
        if (clock.ms() - sliceStart >= SLICE_MS) {
          yield;
          sliceStart = clock.ms();
        }
      }
    }
    hooks.onProgress?.({ phase: "commit", done: written, total });
    history.flush();
    sqlite.prepare("update data_versions set version = version + 1 where domain = 'inventory'").run();
    for (const t of triggers) sqlite.exec(t.sql);
    appendAudit(tx, importAudit(plan, opts, actor, importId, now));
    return importId;
  }
}
