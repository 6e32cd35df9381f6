import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { clock } from "@/lib/clock";
import { writeAdvisories } from "./import-advisories";
import { matchAdvisories } from "./match-advisories";
import { readAdvisoryFiles, type UploadedFile } from "./read-advisory-files";
import { writeOemPosition } from "./record-oem-position";

/** The real CISA medical advisories (../shared/data/csaf-icsma), else the 22 that ship with the demo. */
function advisoryDir(): string {
  const shared = path.resolve(process.cwd(), "..", "shared", "data", "csaf-icsma");
  return fs.existsSync(shared) ? shared : path.join(process.cwd(), "db", "seed", "data", "csaf");
}

/**
 * The benchmark's advisories (issue #13): the 22 real CSAF files, then variants of them under other tracking ids
 * ("-B1", "-B2", …) up to `count` (CISA's ICS medical advisories numbered 144 when the data was taken). Read through
 * the same checks as an upload.
 */
export function benchAdvisoryFiles(count = 144): UploadedFile[] {
  const dir = advisoryDir();
  const base = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const files: UploadedFile[] = base.map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(dir, f))) }));
  for (let k = 1; files.length < count; k++) {
    for (const f of base) {
      if (files.length >= count) break;
      const doc = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      doc.document.tracking.id = `${doc.document.tracking.id}-B${k}`;
      files.push({ name: `b${k}-${f}`, bytes: new TextEncoder().encode(JSON.stringify(doc)) });
    }
  }
  return files;
}

/**
 * Gives a benchmark database (npm run seed:large) advisories to match and an OEM-validated patch for every
 * (advisory, model) pair matched on its version, so the patch queue has work in it: imported as the first admin,
 * matched, positions recorded with an audit entry each (writeOemPosition). Does nothing when the database already
 * has `count` advisories. Not a use case: scripts call it on a database they own.
 */
export function addBenchAdvisories(
  db: Db,
  opts: { count?: number; match?: boolean; now?: Date } = {},
): { imported: number; matchSeconds: number | null; positions: number } {
  const count = opts.count ?? 144;
  const now = opts.now ?? clock.now();
  const have = db.get<{ n: number }>(sql`select count(*) as n from advisories`)!.n;
  if (have >= count) return { imported: 0, matchSeconds: null, positions: 0 };
  const files = benchAdvisoryFiles(count);
  const read = readAdvisoryFiles(files);
  if (read.problems.length) throw new Error(read.problems.join(" "));
  const admin = db.get<{ id: number; name: string; email: string }>(
    sql`select u.id, u.name, u.email from users u join user_roles r on r.user_id = u.id where r.role = 'admin' order by u.id limit 1`,
  );
  if (!admin) throw new Error("The database has no admin to import the advisories as.");
  const result = writeTx(db, (tx) =>
    writeAdvisories(
      tx,
      admin,
      read.advisories,
      files.map((f) => f.name),
      now,
    ),
  );
  if (opts.match === false) return { imported: result.created + result.updated, matchSeconds: null, positions: 0 };
  const started = clock.ms();
  matchAdvisories(db, {}, now);
  const matchSeconds = (clock.ms() - started) / 1000;
  const pairs = db.all<{ advisoryId: number; trackingId: string; modelId: number; modelName: string; version: string | null }>(sql`
    select m.advisory_id as advisoryId, a.tracking_id as trackingId, m.model_id as modelId, dm.name as modelName, max(d.software_version) as version
    from advisory_device_matches m join advisories a on a.id = m.advisory_id join device_models dm on dm.id = m.model_id join devices d on d.id = m.device_id
    where m.confidence = 'version' and not exists (select 1 from oem_positions p where p.advisory_id = m.advisory_id and p.model_id = m.model_id)
    group by m.advisory_id, m.model_id order by m.advisory_id, m.model_id`);
  const validatedOn = new Date(now.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  writeTx(db, (tx) => {
    for (const p of pairs) {
      writeOemPosition(
        tx,
        admin,
        {
          ...p,
          position: "patch_available",
          bulletinRef: `${p.trackingId} vendor bulletin`,
          bulletinUrl: null,
          validatedVersion: `${p.version ?? "1.0"}-fix`,
          validatedOn,
          installNotes: "Benchmark data: install during planned downtime.",
          note: null,
        },
        now,
      );
    }
  });
  return { imported: result.created + result.updated, matchSeconds, positions: pairs.length };
}
