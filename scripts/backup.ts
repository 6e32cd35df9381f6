// `npm run db:backup -- FILE`: a consistent online backup through SQLite's backup API, safe while the app runs.
import path from "node:path";
import { backupDatabase } from "@/db/client";
import { databasePath } from "@/lib/server/config";

async function main() {
  const target = process.argv[2];
  if (!target) {
    console.error("Usage: npm run db:backup -- <backup-file>");
    process.exit(2);
  }
  const source = databasePath();
  const out = path.resolve(target);
  const { bytes, ms } = await backupDatabase(source, out);
  console.log(`Backup of ${source} written to ${out} (${(bytes / 1024).toFixed(0)} KiB, ${ms} ms, integrity ok).`);
}

main().catch((e) => {
  console.error("Backup failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
