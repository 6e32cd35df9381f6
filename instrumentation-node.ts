import { ConfigError, loadSecrets } from "./lib/server/config";
import { getDb } from "./lib/server/db";
import { whenWritable } from "./db/client";
import { anchorFilePath, anchorIfDue } from "./lib/services/audit/audit-anchor";
import { clock } from "./lib/clock";

/**
 * Refuses to start without the secrets production needs, warns on an old Node.js, and opens the
 * database (applying migrations, seeding the demo) before traffic arrives.
 */
export async function startServer(): Promise<void> {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 22) console.warn(`[clearline] Node.js ${process.versions.node} detected: production deployments should run Node.js 22 or newer.`);
  if (process.env.CLEARLINE_NOW && process.env.NODE_ENV === "production" && process.env.CLEARLINE_TEST_MODE !== "1") {
    console.warn("[clearline] CLEARLINE_NOW is ignored by a production server (it moves the clock only with CLEARLINE_TEST_MODE=1, for tests).");
  }
  if (clock.isMoved()) console.warn(`[clearline] TEST MODE: the clock is moved to ${clock.now().toISOString()} by CLEARLINE_NOW.`);
  try {
    loadSecrets();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[clearline] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const db = await getDb();
  // The audit chain's head goes outside the database once a day (issue #10, finding 18), so a database rolled back
  // to an older copy is caught by `npm run audit:verify`. A failure to write it must not stop the server.
  const anchor = () => {
    try {
      anchorIfDue(db, anchorFilePath(), clock.now());
    } catch (e) {
      console.error("[clearline] could not write the daily audit anchor:", e instanceof Error ? e.message : e);
    }
  };
  anchor();
  setInterval(anchor, 60 * 60_000).unref();
  startWebhookDelivery(db);
}

/**
 * Delivers queued webhooks every 15 seconds, one run at a time, off the request path. CLEARLINE_WEBHOOKS=0 turns it
 * off (for a second server process on the same database, so that only one delivers).
 */
function startWebhookDelivery(db: Awaited<ReturnType<typeof getDb>>): void {
  if (process.env.CLEARLINE_WEBHOOKS === "0") return;
  let running = false;
  let lastPastDueCheck = 0;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      // Patch items that became past due since the last run raise `patch.past_due` once each (issue #13 item 4),
      // checked at most every 5 minutes: a due date is a day, and at 200,000 devices the scan is not free.
      if (clock.ms() - lastPastDueCheck >= 5 * 60_000) {
        lastPastDueCheck = clock.ms();
        const { checkPastDuePatches } = await import("./lib/services/patches/notify-past-due-patches");
        // Not during an import's transaction, whose write lock would refuse it (decision 0048): after its COMMIT.
        await whenWritable(db, () => checkPastDuePatches(db, clock.now()));
      }
      const { deliverDueWebhooks } = await import("./lib/services/webhooks/deliver-due-webhooks");
      await deliverDueWebhooks(db);
    } catch (e) {
      console.error("[clearline] webhook delivery run failed", e);
    } finally {
      running = false;
    }
  }, 15_000);
  timer.unref();
}
