// `npm run db:backup -- FILE`: a consistent online backup through SQLite's backup API, safe while the app runs.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "@/lib/server/config";

async function main() {
  const target = process.argv[2];
  if (!target) {
    console.error("Usage: npm run db:backup -- <backup-file>");
    process.exit(2);
  }
  const source = databasePath();
  if (!fs.existsSync(source)) {
    console.error(`No database at ${source} (set DATABASE_PATH to the database to back up).`);
    process.exit(1);
  }
  const out = path.resolve(target);
  if (fs.existsSync(out)) {
    console.error(`${out} already exists: choose a new file name, so no earlier backup is overwritten.`);
    process.exit(1);
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const started = Date.now();
  await db.backup(out);
  db.close();
  const check = new Database(out, { readonly: true });
  const ok = (check.pragma("integrity_check", { simple: true }) as string) === "ok";
  check.close();
  if (!ok) {
    console.error(`Backup written to ${out} but its integrity check failed.`);
    process.exit(1);
  }
  console.log(`Backup of ${source} written to ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB, ${Date.now() - started} ms, integrity ok).`);
}

main().catch((e) => {
  console.error("Backup failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
