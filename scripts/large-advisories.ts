// `tsx scripts/large-advisories.ts [database]`: gives the large database (npm run seed:large; default
// $BENCH_DATABASE_PATH, else data/clearline-large.db) the benchmark's 144 advisories (the 22 real CISA files and
// variants), matches them against its inventory and records an OEM-validated patch for every (advisory, model) pair
// matched on its version, so the patch queue of `npm run bench` has work in it (issue #13). Nothing happens when the
// database already has 144 advisories. Uses the secrets the database was keyed with (DATABASE_PATH's secrets.json).
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { addBenchAdvisories } from "@/lib/services/advisories/add-bench-advisories";
import { loadSecrets } from "@/lib/server/config";

const file = path.resolve(process.argv[2] ?? process.env.BENCH_DATABASE_PATH ?? path.join(process.cwd(), "data", "clearline-large.db"));
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}: run npm run seed:large first.`);
  process.exit(1);
}
process.env.DATABASE_PATH = file;
loadSecrets();
const { db, sqlite } = createDb(file);
try {
  const r = addBenchAdvisories(db);
  console.log(
    r.imported === 0 && r.matchSeconds === null
      ? `[advisories] ${path.basename(file)} already has the benchmark's advisories.`
      : `[advisories] imported ${r.imported} advisories into ${path.basename(file)}, matched them in ${r.matchSeconds?.toFixed(2)} s, recorded ${r.positions} OEM-validated patches.`,
  );
} finally {
  sqlite.close();
}
