// Applies pending migrations to DATABASE_PATH (default ./data/clearline.db). The server also does this at start.
import { createDb } from "@/db/client";
import { databasePath } from "@/lib/server/config";

const file = databasePath();
const { sqlite } = createDb(file);
console.log(`[clearline] Migrations applied to ${file}`);
sqlite.close();
