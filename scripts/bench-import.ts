// `npm run bench:import`: the import benchmark of issue #12. In ONE run, on a copy of the large database
// (npm run seed:large), it imports a generated 200,000-row CMMS CSV through the real use case (parse, check, diff,
// commit) and bulk-inserts the same rows with raw better-sqlite3 into a table of the same shape (same columns and
// indexes as `devices`, holding the same devices the import started from, so both write into B-trees of the same
// size), then prints rows/s for both and `import rows/s ratio: X.XX` (import ÷ raw). A second import of the same
// file (no changes) is timed too; peak memory is the process's max RSS (the benchmark holds only the CSV bytes: its
// rows are generated again for the raw insert), and the longest the event loop was blocked in each phase (while it
// is blocked, a server answers nobody else). The ratio is the issue's: parse, check and commit; the re-match that
// follows the commit (issue #13) is printed on its own line and in a second ratio.
//
//   npm run bench:import
//   BENCH_DATABASE_PATH=/tmp/large.db BENCH_IMPORT_ROWS=50000 npm run bench:import
//   CLEARLINE_IMPORT_WORKER=0 npm run bench:import     (the commit after the plan, on one thread: decision 0046)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { backupDatabase, createDb } from "@/db/client";
import { WorkerTx } from "@/db/worker-tx";
import { DEMO_MANUFACTURERS } from "@/db/seed/inventory-data";
import { toCsv } from "@/lib/rules/spreadsheet";
import { loadActor } from "@/lib/services/auth/load-actor";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { loadSecrets } from "@/lib/server/config";
import { clock } from "@/lib/clock";

// The server's heap growing factor (scripts/server.mjs, decision 0044), so that the peak memory printed is the server's.
const growing = Number(process.env.CLEARLINE_HEAP_GROWING_PERCENT ?? 50);
if (Number.isInteger(growing) && growing > 0) v8.setFlagsFromString(`--heap-growing-percent=${growing}`);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const source = path.resolve(process.env.BENCH_DATABASE_PATH ?? path.join(process.cwd(), "data", "clearline-large.db"));
const log = (m: string) => console.log(`[bench:import] ${m}`);
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main() {
  if (!fs.existsSync(source)) {
    console.error(`No large database at ${source}: run npm run seed:large first (or set BENCH_DATABASE_PATH).`);
    process.exit(1);
  }
  // The copy uses the secrets the large database was keyed with.
  process.env.DATABASE_PATH = source;
  loadSecrets();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-bench-import-"));
  try {
    const file = path.join(dir, "large.db");
    log(`copying ${source} to ${file}`);
    await backupDatabase(source, file);
    const { db, sqlite } = createDb(file);
    const sites = sqlite.prepare("select code from sites order by id").all() as { code: string }[];
    const admin = sqlite.prepare("select u.id from users u join user_roles r on r.user_id = u.id where r.role = 'admin' order by u.id limit 1").get() as {
      id: number;
    };
    const { active: _a, ...actor } = loadActor(db, admin.id)!;
    const models = DEMO_MANUFACTURERS.flatMap((m) => m.models.map((x) => [m.name, x.name, x.description, x.versions[0] ?? ""] as const));

    const header = [
      "Asset Tag",
      "CMMS ID",
      "Serial Number",
      "Manufacturer",
      "Model",
      "Equipment Type",
      "Site",
      "Department",
      "Status",
      "IP Address",
      "Hostname",
      "Software Version",
      "Last Inventory Date",
    ];
    const today = clock.today();
    const row = (i: number): string[] => {
      const [maker, model, description, version] = models[i % models.length]!;
      const site = sites[i % sites.length]!.code;
      const connected = i % 3 === 0;
      return [
        `BENCH-${String(i).padStart(7, "0")}`,
        `B${i}`,
        `BSN${i}`,
        maker,
        model,
        description,
        site,
        `Unit ${i % 40}`,
        "In service",
        connected ? `172.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : "",
        connected ? `bench-${i}` : "",
        version,
        today,
      ];
    };
    const parts: Buffer[] = [Buffer.from(toCsv([header]))];
    for (let i = 0; i < ROWS; i += 10_000) parts.push(Buffer.from(toCsv(Array.from({ length: Math.min(10_000, ROWS - i) }, (_, k) => row(i + k)))));
    const csv = Buffer.concat(parts);
    parts.length = 0;
    log(`generated ${ROWS.toLocaleString("en-US")} rows (${(csv.length / 1048576).toFixed(1)} MiB of CSV)`);

    // The raw insert's table: the shape of `devices` (columns and indexes), holding the devices the import starts
    // from, so that both insert into indexes of the same size (an empty table's indexes are cheaper to grow).
    const ddl = (
      sqlite.prepare("select sql from sqlite_master where tbl_name = 'devices' and sql is not null and type in ('table', 'index')").all() as { sql: string }[]
    ).map((r) =>
      r.sql
        .replace(/`devices`|"devices"|\bdevices\b/g, "bench_raw")
        .replace(/(INDEX|index) `?([a-z_]+)`?/g, (_m, kw: string, name: string) => `${kw} bench_raw_${name}`),
    );
    for (const s of ddl) sqlite.exec(s);
    const prefilled = sqlite.prepare("insert into bench_raw select * from devices").run().changes;
    log(`raw table prefilled with the ${prefilled.toLocaleString("en-US")} devices the import starts from`);
    // The same again with a history table shaped like `device_events` (its columns, indexes and foreign keys, pointing
    // at this copy): what the import must write at the least — each device and its history entry — without parsing,
    // checking or anything else. Its time against the raw insert's is the ceiling of the ratio for an import that
    // keeps a history entry per device (issue #12's "history of work").
    const shape = (table: string, as: string, renames: [RegExp, string][]) =>
      (
        sqlite.prepare("select sql from sqlite_master where tbl_name = ? and sql is not null and type in ('table', 'index')").all(table) as {
          sql: string;
        }[]
      ).map((r) =>
        renames
          .reduce((text, [from, to]) => text.replace(from, to), r.sql)
          .replace(/(INDEX|index) `?([a-z_]+)`?/g, (_m, kw: string, name: string) => `${kw} ${as}_${name}`),
      );
    for (const s of [
      ...shape("devices", "bench_dev", [[/`devices`|"devices"|\bdevices\b/g, "bench_dev"]]),
      ...shape("device_events", "bench_hist", [
        [/`device_events`|"device_events"|\bdevice_events\b/g, "bench_hist"],
        [/REFERENCES `devices`/g, "REFERENCES `bench_dev`"],
      ]),
    ])
      sqlite.exec(s);
    sqlite.prepare("insert into bench_dev select * from devices").run();
    global.gc?.();

    // 1. The import, end to end.
    const rssBefore = process.memoryUsage().rss / 1048576;
    // The longest stretch without a turn of the event loop: a 5 ms timer's largest gap, and the gap still open when a
    // phase ends (a synchronous commit never lets the timer run until it returns).
    const stall = { last: performance.now(), max: 0, timer: null as ReturnType<typeof setInterval> | null };
    const tick = () => {
      const now = performance.now();
      stall.max = Math.max(stall.max, now - stall.last);
      stall.last = now;
    };
    const stalls: string[] = [];
    let t = performance.now();
    // Milliseconds of each phase of each import: planned (parse, check, match), committed (the transaction),
    // rematched (advisories and recalls re-matched for what the import touched, issue #13: after the commit).
    const phaseMs: Record<string, Record<string, number>> = {};
    const phases = (label: string) => {
      const start = performance.now();
      let last = start;
      const mine = (phaseMs[label] = {} as Record<string, number>);
      // CPU seconds of this process beside the wall time: on a machine shared with other builds the wall time
      // stretches with the load, the CPU time much less.
      let cpu = process.cpuUsage();
      stall.last = performance.now();
      stall.max = 0;
      stall.timer ??= setInterval(tick, 5);
      return {
        onPhase: (phase: string) => {
          tick();
          const now = performance.now();
          const worst = stall.max;
          const used = process.cpuUsage(cpu);
          cpu = process.cpuUsage();
          log(
            `${label}: ${phase} after ${((now - last) / 1000).toFixed(2)} s, CPU ${((used.user + used.system) / 1e6).toFixed(2)} s (event loop blocked at most ${worst.toFixed(0)} ms at a time)`,
          );
          mine[phase] = now - last;
          stalls.push(`${label} ${phase === "planned" ? "plan" : phase === "committed" ? "commit" : "re-match"}: ${worst.toFixed(0)} ms`);
          stall.max = 0;
          last = now;
        },
      };
    };
    const workersBefore = WorkerTx.begun;
    const first = await commitImport(db, actor, { fileName: "bench.csv", bytes: csv, source: "Bench CMMS" }, phases("first import"));
    // Decision 0046: a file this large is written by a worker thread's transaction while it is checked
    // (CLEARLINE_IMPORT_WORKER=0: after the plan, on this thread).
    const throughWorker = WorkerTx.begun > workersBefore;
    const importMs = performance.now() - t;
    const importPeak = maxRssMb();
    if (first.counts.new !== ROWS || first.counts.errors !== 0) throw new Error(`unexpected counts ${JSON.stringify(first.counts)}`);

    // 2. Raw better-sqlite3 bulk insert of the same rows into the table shaped like `devices`.
    const siteIds = new Map((sqlite.prepare("select id, code from sites").all() as { id: number; code: string }[]).map((s) => [s.code, s.id]));
    const makerIds = new Map((sqlite.prepare("select id, name from manufacturers").all() as { id: number; name: string }[]).map((m) => [m.name, m.id]));
    const modelIds = new Map(
      (sqlite.prepare("select id, manufacturer_id, name from device_models").all() as { id: number; manufacturer_id: number; name: string }[]).map((m) => [
        `${m.manufacturer_id}|${m.name}`,
        m.id,
      ]),
    );
    const insert = sqlite.prepare(
      `insert into bench_raw (asset_tag, cmms_id, serial_number, manufacturer_id, model_id, description, site_id, location, status, ip_address, hostname, connected, software_version, cmms_source, last_inventoried_on, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'in_service', ?, ?, ?, ?, 'Bench CMMS', ?, ?, ?)`,
    );
    const at = clock.now().toISOString();
    // Row i as the raw inserts' parameters (both raw statements take the same columns in the same order).
    const rawParams = (i: number) => {
      const r = row(i);
      const makerId = makerIds.get(r[3]!)!;
      const modelId = modelIds.get(`${makerId}|${r[4]}`) ?? null;
      const siteId = siteIds.get(r[6]!)!;
      return [r[0], r[1], r[2], makerId, modelId, r[5], siteId, r[7], r[9] || null, r[10] || null, r[9] ? 1 : 0, r[11], r[12], at, at];
    };
    t = performance.now();
    const rawCpu = process.cpuUsage();
    sqlite
      .transaction(() => {
        for (let i = 0; i < ROWS; i++) {
          insert.run(rawParams(i));
        }
      })
      .immediate();
    const rawMs = performance.now() - t;
    const rawCpuUsed = process.cpuUsage(rawCpu);
    log(`raw insert: CPU ${((rawCpuUsed.user + rawCpuUsed.system) / 1e6).toFixed(2)} s, wall ${(rawMs / 1000).toFixed(2)} s`);

    // 2b. The same rows and a history entry each (as the import writes a new device's: who, when, the import; its values
    // are the row's own, decision 0048), raw, in one transaction.
    const insertDev = sqlite.prepare(
      `insert into bench_dev (asset_tag, cmms_id, serial_number, manufacturer_id, model_id, description, site_id, location, status, ip_address, hostname, connected, software_version, cmms_source, last_inventoried_on, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'in_service', ?, ?, ?, ?, 'Bench CMMS', ?, ?, ?)`,
    );
    const insertHist = sqlite.prepare(
      `insert into bench_hist (device_id, at, actor_id, actor_label, kind, changes, import_id) values ${Array.from({ length: 100 }, () => "(?, ?, ?, ?, 'imported', ?, ?)").join(", ")}`,
    );
    const label = `${actor.name} <${actor.email}>`;
    t = performance.now();
    sqlite
      .transaction(() => {
        let hist: unknown[] = [];
        for (let i = 0; i < ROWS; i++) {
          const id = insertDev.run(rawParams(i)).lastInsertRowid;
          hist.push(id, at, actor.id, label, null, first.importId);
          if (hist.length === 600) {
            insertHist.run(hist);
            hist = [];
          }
        }
        if (hist.length > 0) throw new Error("BENCH_IMPORT_ROWS must be a multiple of 100.");
      })
      .immediate();
    const histMs = performance.now() - t;
    const withValues = sqlite.prepare("select count(*) from device_events where import_id = ? and changes is not null").pluck().get(first.importId) as number;
    log(
      `raw insert with a history entry per device: wall ${(histMs / 1000).toFixed(2)} s (entries of who, when and the import, as the import writes a new device's: ${withValues} of its ${ROWS.toLocaleString("en-US")} entries hold values)`,
    );

    // 3. The same file again: no changes, nothing written.
    t = performance.now();
    const second = await commitImport(db, actor, { fileName: "bench.csv", bytes: csv, source: "Bench CMMS" }, phases("second import"));
    const secondMs = performance.now() - t;
    clearInterval(stall.timer!);
    if (second.importId !== null) throw new Error("the second import wrote something");
    sqlite.close();

    // The figure is the import itself: parse, check, commit. The re-match of advisories and recalls that
    // commitImport runs after its transaction (issue #13) is timed and printed on its own line, and the whole use case
    // (import + re-match) beside it, so neither is hidden.
    const f = phaseMs["first import"]!;
    const coreMs = f.planned! + f.committed!;
    const rematchMs = f.rematched ?? importMs - coreMs;
    const importRate = ROWS / (coreMs / 1000);
    const rawRate = ROWS / (rawMs / 1000);
    console.log("");
    log(
      `import (parse, check, diff, commit with history and audit): ${(coreMs / 1000).toFixed(2)} s, ${Math.round(importRate).toLocaleString("en-US")} rows/s (plan ${(f.planned! / 1000).toFixed(2)} s, commit ${(f.committed! / 1000).toFixed(2)} s; ${throughWorker ? "written by the worker thread while checked" : "written after the plan on this thread"})`,
    );
    log(
      `re-match of advisories and recalls after the commit (not in the figure above): ${(rematchMs / 1000).toFixed(2)} s; whole use case ${(importMs / 1000).toFixed(2)} s, ${Math.round(ROWS / (importMs / 1000)).toLocaleString("en-US")} rows/s`,
    );
    log(`raw better-sqlite3 bulk insert, same rows, same table shape: ${(rawMs / 1000).toFixed(2)} s, ${Math.round(rawRate).toLocaleString("en-US")} rows/s`);
    log(
      `second import of the same file (0 changes, nothing written): ${(secondMs / 1000).toFixed(2)} s = ${(secondMs / coreMs).toFixed(2)} of the first's parse, check and commit (${(secondMs / importMs).toFixed(2)} of its whole use case)`,
    );
    log(`import rows/s ratio with the re-match included: ${(ROWS / (importMs / 1000) / rawRate).toFixed(2)}`);
    log(
      `raw insert with a history entry per device: ${(histMs / 1000).toFixed(2)} s, ${(histMs / rawMs).toFixed(2)}× the raw insert: the ratio's ceiling for an import that writes the same (it does nothing else) is ${(rawMs / histMs).toFixed(2)}`,
    );
    log(
      `peak memory (max RSS of this process): ${importPeak.toFixed(0)} MB after the import (RSS ${rssBefore.toFixed(0)} MB before it, holding the CSV bytes)`,
    );
    log(`longest event-loop block: ${stalls.join("; ")}`);
    console.log(`import rows/s ratio: ${(importRate / rawRate).toFixed(2)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
