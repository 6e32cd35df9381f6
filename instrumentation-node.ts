import { ConfigError, loadSecrets } from "./lib/server/config";
import { getDb } from "./lib/server/db";

/**
 * Refuses to start without the secrets production needs, warns on an old Node.js, and opens the
 * database (applying migrations, seeding the demo) before traffic arrives.
 */
export async function startServer(): Promise<void> {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 22) console.warn(`[clearline] Node.js ${process.versions.node} detected: production deployments should run Node.js 22 or newer.`);
  try {
    loadSecrets();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[clearline] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  await getDb();
}
