// `npm run seed:large`: creates the health-system-scale database of issue #6 in its own file, for
// performance work and the benchmark. The app runs against it with DATABASE_PATH=<that file>.
//
//   npm run seed:large                                   -> data/clearline-large.db
//   npm run seed:large -- --out /tmp/large.db            (or LARGE_DATABASE_PATH=/tmp/large.db)
//   npm run seed:large -- --force                        replace an existing file
//   npm run seed:large -- --now 2026-11-01T00:00:00Z --seed 20261101 --scale 1
// Scale 1 includes 200,000 devices in the inventory (issue #12) and 144 advisories matched to it, with OEM answers,
// patch work and recalls (issue #13; --advisories 0 leaves them out).
//
// Deterministic: the same --seed, --now and --scale give the same rows, signatures and audit chain
// (given the same secrets). --now is the dataset's "today" (default 2026-11-01T00:00:00Z): three years
// of history end on it, some drills are planned after it, and "overdue" is relative to it — the app
// computes due dates from the real clock, so figures drift as real time moves past --now.
//
// Secrets: signatures and the audit chain are keyed with the secrets the app loads for that file —
// AUDIT_HMAC_KEY / SIGNATURE_HMAC_KEY from the environment, else <folder of the file>/secrets.json
// (generated there outside production). Run the app with the same environment and DATABASE_PATH.
// Every user's password is LARGE_PASSWORD (printed at the end), e.g. cio@meridian.example.
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { generateLargeDataset, LARGE_DEFAULT_NOW, LARGE_DEFAULT_SEED, LARGE_EMAIL_DOMAIN, LARGE_PASSWORD } from "@/db/seed/large/generate";
import { generateLargeInventory } from "@/db/seed/large/inventory";
import { generateLargeAdvisories } from "@/db/seed/large/advisories";
import { tableCounts } from "@/db/seed/large/generate";
import { ConfigError, loadSecrets } from "@/lib/server/config";

const USAGE = `Usage: npm run seed:large -- [--out <file>] [--force] [--now <ISO date>] [--seed <integer>] [--scale <number>] [--advisories <number>]
  --out     database file to create (default: $LARGE_DATABASE_PATH, else data/clearline-large.db)
  --force   replace the file if it exists
  --now     the dataset's base date (default ${LARGE_DEFAULT_NOW})
  --seed    PRNG seed (default ${LARGE_DEFAULT_SEED})
  --scale   1 = 30 sites, 300 classes, 2,000 drills, 10,000 items, 500,000 audit entries, 200,000 devices (default 1)
  --advisories  advisories to import and match: the 22 real ones plus generated variants (default 144 at scale 1; 0 = none)`;

function parseArgs(argv: string[]) {
  const out: { out?: string; force: boolean; now?: string; seed?: string; scale?: string; advisories?: string; help: boolean } = { force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) fail(`${a} needs a value.`);
      return v;
    };
    if (a === "--force") out.force = true;
    else if (a === "--help" || a === "-h") out.help = true;
    else if (a === "--out") out.out = value();
    else if (a === "--now") out.now = value();
    else if (a === "--seed") out.seed = value();
    else if (a === "--scale") out.scale = value();
    else if (a === "--advisories") out.advisories = value();
    else fail(`Unknown argument: ${a}`);
  }
  return out;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const removeDbFiles = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
};

async function main() {
  // "--out=x" is accepted as well as "--out x".
  const args = parseArgs(
    process.argv.slice(2).flatMap((a) => (a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a])),
  );
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const target = path.resolve(args.out ?? process.env.LARGE_DATABASE_PATH ?? path.join(process.cwd(), "data", "clearline-large.db"));
  const now = new Date(args.now ?? LARGE_DEFAULT_NOW);
  if (Number.isNaN(now.getTime())) fail(`--now is not a date: ${args.now}`);
  const seed = args.seed === undefined ? LARGE_DEFAULT_SEED : Number(args.seed);
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer: ${args.seed}`);
  const scale = args.scale === undefined ? 1 : Number(args.scale);
  if (!(scale > 0) || !Number.isFinite(scale)) fail(`--scale must be a positive number: ${args.scale}`);
  const advisoryCount = args.advisories === undefined ? Math.max(22, Math.round(144 * Math.min(1, scale))) : Number(args.advisories);
  if (!Number.isSafeInteger(advisoryCount) || advisoryCount < 0) fail(`--advisories must be a whole number (0 for none): ${args.advisories}`);

  if (fs.existsSync(target) && !args.force) {
    console.error(`${target} already exists. Nothing was changed.\nRe-run with --force to replace it (its data is lost), or choose another file with --out.`);
    process.exit(1);
  }

  // Secrets resolve exactly as the app resolves them when started with DATABASE_PATH=<target>.
  process.env.DATABASE_PATH = target;
  try {
    loadSecrets();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[seed:large] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const secretsSource = process.env.AUDIT_HMAC_KEY && process.env.SIGNATURE_HMAC_KEY ? "the environment" : path.join(path.dirname(target), "secrets.json");

  // Built under a temporary name and renamed at the end: a failed run leaves no half-built database.
  const building = `${target}.building-${process.pid}`;
  removeDbFiles(building);
  const started = performance.now();
  console.log(`[seed:large] Creating ${target}\n[seed:large] scale ${scale}, seed ${seed}, base date ${now.toISOString()}, secrets from ${secretsSource}`);
  try {
    const { db, sqlite } = createDb(building);
    // Bulk load: no fsync per commit, a large page cache. synchronous=FULL is restored before closing.
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144");
    sqlite.pragma("temp_store = MEMORY");
    sqlite.pragma("wal_autocheckpoint = 0");
    const result = await generateLargeDataset(db, { scale, now, seed, onProgress: (m) => console.log(`[seed:large] ${m}`) });
    // Issue #12: a CMMS-sized inventory, 200,000 devices at scale 1.
    const deviceCount = Math.max(100, Math.round(200_000 * scale));
    console.log(`[seed:large] inventory: ${deviceCount.toLocaleString("en-US")} devices`);
    const inventory = generateLargeInventory(db, {
      devices: deviceCount,
      seed,
      today: now.toISOString().slice(0, 10),
      onProgress: (n) => console.log(`[seed:large] inventory: ${n.toLocaleString("en-US")} devices`),
    });
    result.tables.devices = inventory.devices;
    // Issue #13: advisories, KEV, matches (through matchAdvisories), OEM answers, patch work and recalls.
    const advisories =
      advisoryCount > 0 ? generateLargeAdvisories(db, { now, seed, total: advisoryCount, onProgress: (m) => console.log(`[seed:large] ${m}`) }) : null;
    Object.assign(result.tables, tableCounts(sqlite));

    console.log("[seed:large] checkpoint, statistics and foreign-key check");
    const fkProblems = sqlite.pragma("foreign_key_check") as unknown[];
    if (fkProblems.length) throw new Error(`foreign key check found ${fkProblems.length} problem(s), e.g. ${JSON.stringify(fkProblems[0])}`);
    sqlite.exec("ANALYZE");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.pragma("wal_autocheckpoint = 1000");
    sqlite.pragma("synchronous = FULL");
    sqlite.close();

    if (fs.existsSync(target)) removeDbFiles(target);
    fs.renameSync(building, target);
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${building}${suffix}`, { force: true });

    const seconds = (performance.now() - started) / 1000;
    const size = fs.statSync(target).size;
    const width = Math.max(...Object.keys(result.tables).map((t) => t.length));
    console.log("\n[seed:large] Rows per table:");
    for (const [t, n] of Object.entries(result.tables)) console.log(`  ${t.padEnd(width)}  ${n.toLocaleString("en-US").padStart(9)}`);
    const { raci, assessments, drills } = result.stats;
    console.log(
      `\n[seed:large] RACI versions: ${raci.effective} effective, ${raci.inReview} in review, ${raci.returned} returned (${raci.versions} in all); ${raci.classesWithViolations} classes with open violations.` +
        `\n[seed:large] Assessments: ${assessments.approved} approved, ${assessments.inReview} in review, ${assessments.inProgress} in progress.` +
        `\n[seed:large] Drills: ${drills.drills}; improvement items: ${drills.items} (${drills.overdueItems} overdue on ${now.toISOString().slice(0, 10)}).` +
        `\n[seed:large] Audit trail: ${result.auditEntries.toLocaleString("en-US")} entries (${result.domainAuditEntries.toLocaleString("en-US")} domain events, the rest sign-in history); last hash ${result.lastAuditHash.slice(0, 16)}…`,
    );
    if (advisories) {
      const o = advisories.oemPositions;
      const r = advisories.patchRecords;
      console.log(
        `[seed:large] Advisories: ${advisories.advisories} (${advisories.variants} generated variants of the 22 real ones), ${advisories.kevEntries.toLocaleString("en-US")} KEV entries, ${advisories.matches.toLocaleString("en-US")} device matches.` +
          `\n[seed:large] OEM answers per (advisory, model): ${Object.entries(o)
            .map(([k, n]) => `${k} ${n}`)
            .join(", ")}.` +
          `\n[seed:large] Patch queue: ${advisories.patchItems.toLocaleString("en-US")} items; ${r.applied} applied, ${r.not_applicable} not applicable, ${r.deferred} deferred; ${advisories.pastDueNotices.toLocaleString("en-US")} past-due notices. Recalls: ${advisories.recalls}.` +
          `\n[seed:large] Advisory steps: import ${advisories.timings.importS.toFixed(1)} s, matching ${advisories.timings.matchS.toFixed(1)} s, OEM answers/patch work/recalls ${advisories.timings.workS.toFixed(1)} s.`,
      );
    }
    console.log(`\n[seed:large] Done in ${seconds.toFixed(1)} s: ${target} (${(size / 1024 / 1024).toFixed(1)} MiB).`);
    console.log(
      `[seed:large] Run the app on it: DATABASE_PATH=${target} npm start   — sign in as cio@${LARGE_EMAIL_DOMAIN} (or admin@, ce.lead@, …) with password ${LARGE_PASSWORD}`,
    );
  } catch (e) {
    removeDbFiles(building);
    throw e;
  }
}

main().catch((e) => {
  console.error("[seed:large] Failed:", e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
