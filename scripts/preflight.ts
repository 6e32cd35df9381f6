// Checks configuration and prepares the database before the server starts. Exit 1 with a clear message when it cannot.
import { createDb } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { ConfigError, databasePath, isDemoMode, loadSecrets } from "@/lib/server/config";

async function main() {
  try {
    loadSecrets();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[clearline] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const file = databasePath();
  const { db, sqlite } = createDb(file);
  if (isDemoMode() && (await seedDemoIfEmpty(db))) console.log(`[clearline] Loaded the demo health system (Lakeside Regional Health) into ${file}`);
  else console.log(`[clearline] Database: ${file}`);
  sqlite.close();
}

main().catch((e) => {
  console.error("[clearline] Could not prepare the database:", e instanceof Error ? e.message : e);
  process.exit(1);
});
