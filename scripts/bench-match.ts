// `npm run bench:match` (also run at the end of `npm run bench`): issue #13's benchmark lines, "re-match every
// advisory against the large inventory". On a copy of the large database (npm run seed:large; BENCH_DATABASE_PATH,
// default data/clearline-large.db), or, when it is missing, on a fresh in-memory one with the demo catalog's models
// and BENCH_MATCH_DEVICES devices (default 200,000): with 144 advisories (the 22 real ICSMA files and variants under
// other tracking ids, lib/services/advisories/add-bench-advisories.ts), it times matchAdvisories cold (no unreviewed
// match rows), warm (nothing changed: the steady state of "Re-match all") and incremental (1,000 devices given a new
// software version, re-matched as a CMMS import does). Wall time and the process's CPU time: on this shared machine
// the CPU time is what to compare across runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { backupDatabase, createDb, type Db } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { generateLargeInventory } from "@/db/seed/large/inventory";
import { addBenchAdvisories } from "@/lib/services/advisories/add-bench-advisories";
import { matchAdvisories } from "@/lib/services/advisories/match-advisories";
import { loadSecrets, setSecretsForTests } from "@/lib/server/config";
import { clock } from "@/lib/clock";

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const w = performance.now();
  const c = cpuMs();
  const value = fn();
  return { value, wall: (performance.now() - w) / 1000, cpu: (cpuMs() - c) / 1000 };
}

async function openDatabase(): Promise<{ db: Db; sqlite: ReturnType<typeof createDb>["sqlite"]; label: string; cleanup: () => void }> {
  const source = path.resolve(process.env.BENCH_DATABASE_PATH ?? path.join(process.cwd(), "data", "clearline-large.db"));
  if (fs.existsSync(source)) {
    process.env.DATABASE_PATH = source;
    loadSecrets();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-bench-match-"));
    const file = path.join(dir, "large.db");
    await backupDatabase(source, file);
    const { db, sqlite } = createDb(file);
    return { db, sqlite, label: `a copy of ${path.basename(source)}`, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  setSecretsForTests({
    authSecret: "bench-auth-secret-0123456789abcdef0123456789",
    auditKey: "bench-audit-key-0123456789abcdef0123456789ab",
    signatureKey: "bench-signature-key-0123456789abcdef01234567",
  });
  const { db, sqlite } = createDb(":memory:");
  await seedDemoIfEmpty(db);
  generateLargeInventory(db, { devices: Number(process.env.BENCH_MATCH_DEVICES ?? 200_000), seed: 7, today: clock.today() });
  return { db, sqlite, label: "an in-memory demo with a generated inventory (no large database)", cleanup: () => {} };
}

async function main() {
  const { db, sqlite, label, cleanup } = await openDatabase();
  try {
    const now = clock.now();
    addBenchAdvisories(db, { match: false, now });
    const devices = db.get<{ n: number }>(sql`select count(*) as n from devices`)!.n;
    const advisories = db.get<{ n: number }>(sql`select count(*) as n from advisories`)!.n;
    // Cold: as after importing every advisory for the first time (reviewed rows, governed data, stay).
    sqlite.exec("delete from advisory_device_matches where review_decision is null");
    const cold = timed(() => matchAdvisories(db, {}, now));
    const warm = timed(() => matchAdvisories(db, {}, now));
    // Incremental: 1,000 matched devices move to another software version, as a CMMS import would report them.
    const moved = sqlite
      .prepare("select distinct device_id from advisory_device_matches where confidence = 'version' order by device_id limit 1000")
      .pluck()
      .all() as number[];
    sqlite.prepare("update devices set software_version = software_version || '.1' where id in (select value from json_each(?))").run(JSON.stringify(moved));
    const incremental = timed(() => matchAdvisories(db, { scope: { deviceIds: moved } }, now));
    const n = (x: number) => x.toLocaleString("en-US");
    const sum = (cs: { written: number; removed: number; superseded: number }[]) => cs.reduce((s, c) => s + c.written + c.removed + c.superseded, 0);
    console.log(`re-match every advisory (${advisories}) against ${n(devices)} devices (${label}):`);
    console.log(`  cold ${cold.wall.toFixed(2)} s (CPU ${cold.cpu.toFixed(2)} s; ${n(cold.value.reduce((s, c) => s + c.matched, 0))} matches written)`);
    console.log(`  warm ${warm.wall.toFixed(2)} s (CPU ${warm.cpu.toFixed(2)} s; ${n(sum(warm.value))} rows changed)`);
    console.log(
      `  incremental, ${n(moved.length)} devices with a new version ${incremental.wall.toFixed(2)} s (CPU ${incremental.cpu.toFixed(2)} s; ${n(sum(incremental.value))} rows changed)`,
    );
  } finally {
    sqlite.close();
    cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
