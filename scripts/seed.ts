// Loads the demo health system (Lakeside Regional Health) into DATABASE_PATH when that database is empty.
import { createDb } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { databasePath, loadSecrets } from "@/lib/server/config";

async function main() {
  loadSecrets();
  const file = databasePath();
  const { db, sqlite } = createDb(file);
  console.log((await seedDemoIfEmpty(db)) ? `[clearline] Loaded the demo into ${file}` : `[clearline] ${file} already holds data; nothing was loaded.`);
  sqlite.close();
}
main().catch((e) => {
  console.error("[clearline] Could not load the demo:", e instanceof Error ? e.message : e);
  process.exit(1);
});
