// `npm run bench:match` (also run at the end of `npm run bench`): issue #13's benchmark line, "re-match every
// advisory against the large inventory". On a copy of the large database (npm run seed:large), or, when it is missing,
// on a fresh in-memory one with the demo catalog's models and BENCH_MATCH_DEVICES devices (default 200,000), it imports
// 144 advisories (the 22 real ICSMA files, repeated under other tracking ids) and times matchAdvisories: cold (no
// match rows yet) and warm (nothing changed: the steady state of "Re-match all").
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { generateLargeInventory } from "@/db/seed/large/inventory";
import { readAdvisoryFiles } from "@/lib/services/advisories/read-advisory-files";
import { writeAdvisories } from "@/lib/services/advisories/import-advisories";
import { matchAdvisories } from "@/lib/services/advisories/match-advisories";
import { setSecretsForTests } from "@/lib/server/config";
import { clock } from "@/lib/clock";

async function main() {
  setSecretsForTests({ authSecret: "bench-auth-secret-0123456789abcdef0123456789", auditKey: "bench-audit-key-0123456789abcdef0123456789ab", signatureKey: "bench-signature-key-0123456789abcdef01234567" });
  const devicesWanted = Number(process.env.BENCH_MATCH_DEVICES ?? 200_000);
  const { db, sqlite } = createDb(":memory:");
  await seedDemoIfEmpty(db);
  const now = clock.now();
  generateLargeInventory(db, { devices: devicesWanted, seed: 7, today: now.toISOString().slice(0, 10) });
  const dir = path.join(process.cwd(), "db", "seed", "data", "csaf");
  const base = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (let k = 1; files.length < 144 - base.length; k++) {
    for (const f of base) {
      if (files.length >= 144 - base.length) break;
      const doc = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      doc.document.tracking.id = `${doc.document.tracking.id}-B${k}`;
      files.push({ name: `b${k}-${f}`, bytes: new TextEncoder().encode(JSON.stringify(doc)) });
    }
  }
  const read = readAdvisoryFiles(files);
  if (read.problems.length) throw new Error(read.problems.join(" "));
  const importer = db.get<{ id: number; name: string; email: string }>(sql`select id, name, email from users order by id limit 1`)!;
  db.transaction((tx) => writeAdvisories(tx, importer, read.advisories, files.map((f) => f.name), now), { behavior: "immediate" });
  const devices = db.get<{ n: number }>(sql`select count(*) as n from devices`)!.n;
  const advisories = db.get<{ n: number }>(sql`select count(*) as n from advisories`)!.n;
  sqlite.exec("delete from advisory_device_matches where review_decision is null");
  sqlite.exec("delete from oem_positions where 0");
  let t = performance.now();
  const cold = matchAdvisories(db);
  const coldMs = performance.now() - t;
  t = performance.now();
  const warm = matchAdvisories(db);
  const warmMs = performance.now() - t;
  const matched = cold.reduce((s, c) => s + c.matched, 0);
  console.log(`re-match every advisory (${advisories}) against ${devices.toLocaleString("en-US")} devices: cold ${(coldMs / 1000).toFixed(2)} s (${matched.toLocaleString("en-US")} matches written), warm ${(warmMs / 1000).toFixed(2)} s (${warm.reduce((s, c) => s + c.written + c.removed, 0)} rows changed)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
