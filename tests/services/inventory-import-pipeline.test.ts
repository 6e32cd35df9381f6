import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createDb, sliceWriterOpen, type Db } from "@/db/client";
import { WorkerTx } from "@/db/worker-tx";
import { sites } from "@/db/schema";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { verifyAuditChainUnchecked } from "@/lib/services/audit/verify-audit-chain";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { previewImport } from "@/lib/services/inventory/preview-import";
import { upsertDevicesRoute } from "@/lib/api/v1-routes";
import { call, token } from "./api-v1-helpers";
import { inventoryCounts, utf8 } from "./inventory-fixtures";
import { makeParty, makeUser, testDb } from "../test-db";

// Decision 0046: a large file on a database file is written by a worker thread's transaction while the rest of the
// file is still read and checked. What it writes must be exactly what the same import writes after its plan on this
// thread (CLEARLINE_IMPORT_WORKER=0): same rows, same ids, same history, same audit entry, same refusals.

const HEADER = "Asset Tag,CMMS ID,Serial Number,Manufacturer,Model,Site,Department,IP Address,Last Inventory Date";
const MAKERS = [
  ["Baxter", "Sigma Spectrum"],
  ["Phillips", "IntelliVue MX40"],
  ["GE Healthcare", "CARESCAPE B650"],
  ["Acme Imaging Co", "Vista 9"],
] as const;
/** `n` devices (from `from`), ~70 bytes a line: 5,000 lines are over the worker's threshold of 256 KiB. */
const lines = (n: number, from = 0, dept = "ICU") =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const [maker, model] = MAKERS[i % MAKERS.length]!;
    return `T${i},C${i},SN${i},${maker},${model},${i % 2 ? "LMH" : "NCH"},${dept},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},2026-11-0${1 + (i % 9)}`;
  });
const csv = (rows: string[]) => utf8([HEADER, ...rows].join("\n"));

const dirs: string[] = [];
const opened: { close: () => void }[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CLEARLINE_IMPORT_WORKER;
  for (const c of opened.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function fileOrg() {
  testDb(); // the test secrets for this process
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-pipeline-"));
  dirs.push(dir);
  const { db, sqlite } = createDb(path.join(dir, "live.db"));
  opened.push(sqlite);
  const at = clock.now().toISOString();
  db.insert(sites)
    .values([
      { name: "Lakeside Main Hospital", code: "LMH", createdAt: at, updatedAt: at },
      { name: "Northshore Community Hospital", code: "NCH", createdAt: at, updatedAt: at },
    ])
    .run();
  const ce = makeParty(db, "Clinical Engineering");
  const lead = await makeUser(db, { roles: ["lead"], partyId: ce, leads: ce, name: "Carlos Estrada" });
  return { db, sqlite, lead };
}

/** Everything an import writes, without the instants (two runs commit at different times). */
function state(db: Db) {
  const q = (text: string) => db.all(sql.raw(text));
  return {
    manufacturers: q("select id, name from manufacturers order by id"),
    aliases: q("select id, manufacturer_id, alias, alias_key from manufacturer_aliases order by id"),
    models: q("select id, manufacturer_id, name, name_key, device_class_id from device_models order by id"),
    devices: q(
      "select id, asset_tag, serial_number, manufacturer_id, model_id, site_id, location, status, connected, ip_address, cmms_source, cmms_id, last_inventoried_on, import_fingerprint from devices order by id",
    ),
    // Each organization's user has an email of its own: the label is checked for the name.
    events: q("select id, device_id, actor_id, actor_label like 'Carlos Estrada <%>' as label, kind, changes, import_id from device_events order by id"),
    imports: q(
      "select id, file_name, sha256, source, full_export, rows_total, created_count, changed_count, unchanged_count, retired_count, error_count, changes from imports order by id",
    ),
    audit: q("select seq, actor_id, action, entity_type, entity_id, new_values from audit_log order by seq"),
    versionsBumped: q("select domain from data_versions where domain = 'inventory' and version > 0"),
    triggers: q("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'devices' order by name"),
  };
}

/** The same imports on two fresh organizations, one through the worker and one without it. */
async function both(steps: (db: Db, lead: Awaited<ReturnType<typeof fileOrg>>["lead"]) => Promise<unknown>) {
  const out: { state: ReturnType<typeof state>; results: unknown; workers: number }[] = [];
  for (const worker of [true, false]) {
    if (worker) delete process.env.CLEARLINE_IMPORT_WORKER;
    else process.env.CLEARLINE_IMPORT_WORKER = "0";
    const { db, lead } = await fileOrg();
    const begun = WorkerTx.begun;
    const results = await steps(db, lead);
    expect(verifyAuditChainUnchecked(db).ok).toBe(true);
    expect(sliceWriterOpen(db)).toBe(false);
    out.push({ state: state(db), results, workers: WorkerTx.begun - begun });
  }
  expect(out[1]!.workers).toBe(0);
  return { worker: out[0]!, thread: out[1]! };
}

describe("the import written by a worker thread while the file is checked (decision 0046)", () => {
  test("creates manufacturers, aliases, models, devices and their history exactly as the write after the plan does", async () => {
    const { worker, thread } = await both(async (db, lead) => {
      const first = await commitImport(db, lead, { fileName: "first.csv", bytes: csv(lines(6000)), source: "Maximo" });
      // Changes (a new department), new devices and, as a full export, devices to retire.
      const second = await commitImport(db, lead, {
        fileName: "second.csv",
        bytes: csv([...lines(4500, 0, "PICU"), ...lines(1500, 6000)]),
        source: "Maximo",
        fullExport: true,
      });
      const again = await commitImport(db, lead, {
        fileName: "second.csv",
        bytes: csv([...lines(4500, 0, "PICU"), ...lines(1500, 6000)]),
        source: "Maximo",
        fullExport: true,
      });
      return { first, second, again };
    });
    expect(worker.results).toEqual(thread.results);
    expect(worker.results).toMatchObject({
      first: { counts: { new: 6000, changed: 0 }, manufacturersCreated: 4, modelsCreated: 4 },
      second: { counts: { new: 1500, changed: 4500, missing: 1500 } },
      again: { importId: null, counts: { new: 0, changed: 0, unchanged: 6000 } },
    });
    expect(worker.state).toEqual(thread.state);
    expect(worker.state.devices).toHaveLength(7500);
    // Both imports that wrote went through the worker (the third wrote nothing and began nothing).
    expect(worker.workers).toBe(2);
    expect(worker.state.events).toHaveLength(6000 + 1500 + 4500 + 1500);
  }, 120_000);

  test("a file that repeats an asset tag after the writing began is planned again in full: the same errors, the same writes", async () => {
    const rows = lines(6000);
    rows.push(rows[10]!.replace(",C10,", ",C999999,")); // asset tag T10 again, at the end
    const { worker, thread } = await both(async (db, lead) => {
      const preview = await previewImport(db, lead, { fileName: "dup.csv", bytes: csv(rows), source: "Maximo" });
      const committed = await commitImport(db, lead, { fileName: "dup.csv", bytes: csv(rows), source: "Maximo" });
      return { errors: preview.errors.map((e) => [e.row, e.message]), counts: committed.counts };
    });
    expect(worker.results).toEqual(thread.results);
    expect(worker.results).toMatchObject({ counts: { new: 5999, errors: 2 } });
    expect(worker.state).toEqual(thread.state);
    // The commit began writing through the worker before the repeat was read, then rolled it back.
    expect(worker.workers).toBe(1);
  }, 120_000);

  test("a large file's rows are not kept once matched: a CMMS id repeated at the end reads the file again, and every count covers every row", async () => {
    // Decision 0051: rows matched beside pass 1 are dropped; spellings are counted as they are matched.
    const clean = lines(6000);
    const repeated = [...clean, clean[10]!.replace(/^T10,/, "T999999,")]; // CMMS id C10 again, under another tag
    const { worker, thread } = await both(async (db, lead) => {
      const once = await previewImport(db, lead, { fileName: "clean.csv", bytes: csv(clean), source: "Maximo" });
      const preview = await previewImport(db, lead, { fileName: "dup.csv", bytes: csv(repeated), source: "Maximo" });
      const committed = await commitImport(db, lead, { fileName: "dup.csv", bytes: csv(repeated), source: "Maximo" });
      const spellings = (p: typeof once) => Object.fromEntries(p.unknownManufacturers.map((u) => [u.name, u.rows]));
      return {
        clean: { counts: once.counts, spellings: spellings(once) },
        dup: { counts: preview.counts, spellings: spellings(preview), errors: preview.errors.map((e) => [e.row, e.message]) },
        committed: committed.counts,
      };
    });
    expect(worker.results).toEqual(thread.results);
    expect(worker.results).toMatchObject({
      clean: { counts: { rows: 6000, new: 6000, errors: 0 }, spellings: { "Acme Imaging Co": 1500 } },
      // Row 12 (T10, the file's 11th device) and the last row give C10: both set aside, every other row counted.
      dup: {
        counts: { rows: 6001, new: 5999, errors: 2 },
        spellings: { "Acme Imaging Co": 1500 },
        errors: [
          [12, "CMMS id C10 appears on rows 12, 6002: keep one row per device."],
          [6002, "CMMS id C10 appears on rows 12, 6002: keep one row per device."],
        ],
      },
      committed: { new: 5999, errors: 2 },
    });
    expect(worker.state).toEqual(thread.state);
    expect(worker.state.devices).toHaveLength(5999);
  }, 120_000);

  test("all or nothing: a refusal after the plan (row errors the caller will not commit) rolls the worker back and writes nothing", async () => {
    const { db, lead } = await fileOrg();
    await commitImport(db, lead, { fileName: "base.csv", bytes: csv(lines(100)), source: "Maximo" });
    const before = { counts: inventoryCounts(db), state: state(db) };
    const rows = lines(6000, 100);
    rows.push("T-BAD,CB,SNB,Baxter,Sigma Spectrum,LMH,ICU,10.0.0.300,2026-11-01"); // an IP that is not an IP, last
    await expect(
      commitImport(db, lead, {
        fileName: "bad.csv",
        bytes: csv(rows),
        source: "Maximo",
        refuseRowErrors: (errors) => new AppError("VALIDATION", `${errors.length} row has an error.`),
      }),
    ).rejects.toThrow("1 row has an error.");
    expect({ counts: inventoryCounts(db), state: state(db) }).toEqual(before);
    expect(sliceWriterOpen(db)).toBe(false);
    // The write lock is free: the good rows commit now.
    const r = await commitImport(db, lead, { fileName: "bad.csv", bytes: csv(rows), source: "Maximo" });
    expect(r.counts).toMatchObject({ new: 6000, errors: 1 });
  }, 120_000);

  test("a writer thread that cannot start (its script missing) leaves the import to this thread: committed whole, nothing lost", async () => {
    const { db, lead } = await fileOrg();
    // The worker's script is looked up under the working directory: an empty one has none.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-no-worker-"));
    dirs.push(elsewhere);
    vi.spyOn(process, "cwd").mockReturnValue(elsewhere);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const begun = WorkerTx.begun;
    const r = await commitImport(db, lead, { fileName: "big.csv", bytes: csv(lines(6000)), source: "Maximo" });
    expect(WorkerTx.begun - begun).toBe(1);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining("did not start"), expect.anything());
    expect(r.counts).toMatchObject({ new: 6000, errors: 0 });
    expect(inventoryCounts(db)).toMatchObject({ devices: 6000, device_events: 6000, imports: 1, manufacturers: 4, device_models: 4 });
    expect(verifyAuditChainUnchecked(db).ok).toBe(true);
    expect(sliceWriterOpen(db)).toBe(false);
  }, 120_000);

  test("a writer thread that ends in the middle (a crash, out of memory) fails the import cleanly: nothing written, the lock and the server's connection freed", async () => {
    const { db, sqlite, lead } = await fileOrg();
    await commitImport(db, lead, { fileName: "base.csv", bytes: csv(lines(100)), source: "Maximo" });
    const before = { counts: inventoryCounts(db), state: state(db) };
    // A stand-in for the worker's script that takes the write lock and then dies on the first batch.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-dying-worker-"));
    dirs.push(elsewhere);
    fs.mkdirSync(path.join(elsewhere, "db"));
    fs.writeFileSync(
      path.join(elsewhere, "db", "tx-worker.mjs"),
      `import { parentPort, workerData } from "node:worker_threads";
       import { createRequire } from "node:module";
       const Database = createRequire(${JSON.stringify(path.join(process.cwd(), "package.json"))})("better-sqlite3");
       const db = new Database(workerData.file);
       parentPort.on("message", (m) => {
         if (m.op === "begin") { db.exec("BEGIN IMMEDIATE"); parentPort.postMessage({ id: m.id, ok: true }); }
         else process.exit(1);
       });`,
    );
    vi.spyOn(process, "cwd").mockReturnValue(elsewhere);
    await expect(commitImport(db, lead, { fileName: "big.csv", bytes: csv(lines(6000, 100)), source: "Maximo" })).rejects.toThrow(
      "The database writer stopped.",
    );
    vi.restoreAllMocks();
    expect({ counts: inventoryCounts(db), state: state(db) }).toEqual(before);
    expect(sliceWriterOpen(db)).toBe(false);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    // Nothing is left holding the lock: the same file commits now.
    const r = await commitImport(db, lead, { fileName: "big.csv", bytes: csv(lines(6000, 100)), source: "Maximo" });
    expect(r.counts).toMatchObject({ new: 6000 });
  }, 120_000);

  test("the API's bulk upsert for a token limited to one site: a large batch of that site's devices is written through the worker, one of another site refuses the batch", async () => {
    const { db, lead } = await fileOrg();
    await commitImport(db, lead, { fileName: "base.csv", bytes: csv(lines(8)), source: "Maximo" }); // makers and models
    const admin = await makeUser(db, { roles: ["admin"] });
    const lmh = db.get<{ id: number }>(sql`select id from sites where code = 'LMH'`)!.id;
    const key = token(db, admin, ["write:inventory"], lmh);
    const records = (n: number, from: number) =>
      Array.from({ length: n }, (_, k) => ({ assetTag: `API-${from + k}`, site: "LMH", manufacturer: "Baxter", model: "Sigma Spectrum" }));
    const begun = WorkerTx.begun;
    const ok = await call(db, upsertDevicesRoute, key, { body: { source: "Maximo", devices: records(2500, 0) } });
    expect(ok.status).toBe(200);
    expect(WorkerTx.begun - begun).toBe(1);
    expect(db.get(sql`select count(*) as n from devices where asset_tag like 'API-%' and site_id = ${lmh}`)).toEqual({ n: 2500 });
    const before = inventoryCounts(db);
    const mixed = [...records(2499, 10_000), { assetTag: "API-ELSEWHERE", site: "NCH", manufacturer: "Baxter", model: "Sigma Spectrum" }];
    const refused = await call(db, upsertDevicesRoute, key, { body: { source: "Maximo", devices: mixed } });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).toContain("is at a site this token cannot see");
    expect(inventoryCounts(db)).toEqual(before);
    expect(sliceWriterOpen(db)).toBe(false);
  }, 120_000);
});
