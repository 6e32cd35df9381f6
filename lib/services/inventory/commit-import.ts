import type Database from "better-sqlite3";
import type { Db, DbOrTx } from "@/db/client";
import { sliceWriterOpen, sqliteOf, writeTxInSlices } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, IMPORT_WRITING_MESSAGE } from "@/lib/errors";
import { canonicalJson } from "@/lib/rules/canonical";
import { normaliseManufacturerName, normaliseModelName } from "@/lib/rules/manufacturer";
import { appendAudit } from "@/lib/services/audit/append-audit";
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
  const plan = await planImport(db, opts, hooks.onProgress);
  hooks.onPhase?.("planned");
  if (opts.expectedSha256 && opts.expectedSha256 !== plan.file.sha256) {
    throw new AppError("CONFLICT", "This is not the file that was previewed: preview it again before committing.");
  }
  if (plan.mappingProblems.length > 0) throw new AppError("VALIDATION", plan.mappingProblems[0]!, { mapping: plan.mappingProblems });
  if (opts.refuseRowErrors && plan.errors.length > 0) throw opts.refuseRowErrors(plan.errors);
  opts.checkPlan?.(plan);
  const result = (importId: number | null): CommitResult => ({
    importId,
    counts: plan.counts,
    manufacturersCreated: plan.newManufacturers.length,
    modelsCreated: plan.newModels.length,
    aliasesAdded: plan.newAliases.length + plan.newManufacturers.reduce((n, m) => n + m.aliases.length, 0),
    sha256: plan.file.sha256,
  });
  if (plan.changes.length === 0 && plan.newManufacturers.length === 0 && plan.newModels.length === 0 && plan.newAliases.length === 0) return result(null);
  // Another import's transaction is open (decision 0041): refused before anything is prepared, rather than waiting.
  if (sliceWriterOpen(db)) throw new AppError("CONFLICT", IMPORT_WRITING_MESSAGE);

  const now = clock.now();
  const at = now.toISOString();
  const actorLabel = `${actor.name} <${actor.email}>`;
  const source = opts.source.replace(/\s+/g, " ").trim();
  // New devices, models, aliases or versions change which devices the advisories and recalls reach (issue #13): only
  // what the import touched is re-matched, after the commit (rematch-after-import.ts).
  const touch: ImportTouch = { newDeviceIds: [], changedDeviceIds: [], newModelIds: [], aliasedMakerIds: [] };
  const before = plan.newAliases.length > 0 || plan.newManufacturers.length > 0 ? makerResolution(db) : null;
  const importId = await writeTxInSlices(db, writeChanges);
  hooks.onPhase?.("committed");
  await rematchAfterImport(db, touch, before, now, (p) => hooks.onProgress?.({ phase: "rematch", ...p }));
  hooks.onPhase?.("rematched");
  return result(importId);

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

    const listed = plan.changes.slice(0, MAX_LISTED_CHANGES).map((c) => ({ assetTag: c.assetTag, kind: c.kind, fields: changeFields(c) }));
    const imp = sqlite
      .prepare(
        `insert into imports (at, actor_id, actor_label, file_name, sha256, size_bytes, source, profile_id, mapping, full_export, rows_total, created_count, changed_count, unchanged_count, retired_count, error_count, changes)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        at,
        actor.id,
        actorLabel,
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
      );
    const importId = Number(imp.lastInsertRowid);

    // The data-version triggers on devices (decision 0007's cache counters) bump `inventory` once per row: measured,
    // measured in isolation, 50,000 inserts took 3.9 s with it and 1.1 s without. Inside this transaction they are set aside and
    // the counter is bumped once at the end; DDL is transactional in SQLite, so a crash or a refusal restores them
    // with everything else, and other connections never see the table without them (decision 0020).
    const triggers = sqlite
      .prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'devices' and name in ('devices_dv_insert', 'devices_dv_update')")
      .all() as { name: string; sql: string }[];
    for (const t of triggers) sqlite.exec(`drop trigger ${t.name}`);
    // History entries go in multi-row INSERTs of CHUNK, in the file's order.
    const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const prepared = (key: string, text: () => string) => statements.get(key) ?? statements.set(key, sqlite.prepare(text())).get(key)!;
    const eventRows: unknown[][] = [];
    const flushEvents = () => {
      for (let i = 0; i < eventRows.length; i += CHUNK) {
        const part = eventRows.slice(i, i + CHUNK);
        prepared(
          `e:${part.length}`,
          () =>
            `insert into device_events (device_id, at, actor_id, actor_label, kind, changes, import_id) values ${part.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        ).run(...part.flat());
      }
      eventRows.length = 0;
    };
    const event = (deviceId: number, kind: string, changes: string) => eventRows.push([deviceId, at, actor.id, actorLabel, kind, changes, importId]);
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
    for (const c of plan.changes) {
      let values: Record<string, unknown>;
      // A new device's history entry holds its values only ({ field: value }, decision 0039): its old values are all
      // null, and the pairs cost bytes and time at 200,000 rows; readers expand it (decodeEventChanges).
      let changes: string;
      if (c.kind === "new" && c.values) {
        if (temporaryIds) {
          values = {};
          for (const f in c.values) {
            const v = c.values[f as keyof typeof c.values];
            if (v !== undefined) values[f] = id(v);
          }
        } else values = c.values;
        changes = JSON.stringify(values);
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
      const key = cols.join(",");
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
      if (c.kind === "new") {
        // One row per statement: measured faster than 100-row INSERT ... RETURNING on SQLite (0.80 s vs 1.09 s
        // for 30,000 devices), and than 50-row INSERTs with the ids given (decision 0039: 3.6–4.0 s against
        // 2.6–2.9 s of CPU for the commit of 50,000 devices); the events, which need no ids back, are the ones batched.
        const stmt = prepared(
          `i:${key}`,
          () =>
            `insert into devices (${cols.map((k) => COLUMN[k]).join(", ")}, import_fingerprint, created_at, updated_at) values (${cols.map(() => "?").join(", ")}, ?, ?, ?)`,
        );
        const deviceId = Number(stmt.run(...cols.map((k) => sqlValue(values[k])), fingerprint, at, at).lastInsertRowid);
        touch.newDeviceIds.push(deviceId);
        event(deviceId, "imported", changes);
      } else {
        const stmt = prepared(
          `u:${key}`,
          () => `update devices set ${cols.map((k) => `${COLUMN[k]} = ?`).join(", ")}, import_fingerprint = ?, updated_at = ? where id = ?`,
        );
        stmt.run(...cols.map((k) => sqlValue(values[k])), fingerprint, at, c.deviceId);
        if (c.kind === "retire" || "modelId" in values || "softwareVersion" in values || "status" in values) touch.changedDeviceIds.push(c.deviceId!);
        event(c.deviceId!, c.kind === "retire" ? "retired" : "changed", changes);
      }
      progress();
      if (eventRows.length >= CHUNK) {
        flushEvents();
        if (clock.ms() - sliceStart >= SLICE_MS) {
          yield;
          sliceStart = clock.ms();
        }
      }
    }
    hooks.onProgress?.({ phase: "commit", done: written, total });
    flushEvents();
    sqlite.prepare("update data_versions set version = version + 1 where domain = 'inventory'").run();
    for (const t of triggers) sqlite.exec(t.sql);
    appendAudit(tx, {
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
    });
    return importId;
  }
}
