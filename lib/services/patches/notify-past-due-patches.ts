import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { patchPastDueNotices } from "@/db/schema";
import { patchDueDate } from "@/lib/rules/patch-priority";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";
import { getPatchPolicy } from "./patch-policy";
import { scopeWhere, selectQueue, statusWhere } from "./patch-queue-sql";

/**
 * A system step (no actor): emits the `patch.past_due` webhook once per patch item and due date, the first time the
 * item is found open past its due date, in the same transaction as the notice row that remembers it. Run by the
 * server's 15-second loop (instrumentation-node.ts) and by the demo seed. Returns how many items became past due.
 */
export function notifyPastDuePatches(tx: DbOrTx, now: Date): number {
  const today = now.toISOString().slice(0, 10);
  const policy = getPatchPolicy(tx);
  const where = scopeWhere({});
  where.push(statusWhere("overdue", policy, today)!);
  const overdue = selectQueue(tx, where);
  if (overdue.length === 0) return 0;
  const notified = new Set<string>();
  const deviceIds = [...new Set(overdue.map((r) => r.deviceId))];
  for (let i = 0; i < deviceIds.length; i += 500) {
    for (const n of tx
      .select()
      .from(patchPastDueNotices)
      .where(inArray(patchPastDueNotices.deviceId, deviceIds.slice(i, i + 500)))
      .all()) {
      notified.add(`${n.advisoryId}:${n.deviceId}:${n.dueOn}`);
    }
  }
  let count = 0;
  for (const r of overdue) {
    const { dueOn } = patchDueDate(r.validatedOn, { onKev: r.kev === 1, cvss: r.cvss }, policy);
    if (notified.has(`${r.advisoryId}:${r.deviceId}:${dueOn}`)) continue;
    tx.insert(patchPastDueNotices).values({ advisoryId: r.advisoryId, deviceId: r.deviceId, dueOn, notifiedAt: now.toISOString() }).onConflictDoNothing().run();
    enqueueWebhookEvent(
      tx,
      "patch.past_due",
      {
        advisory: r.trackingId,
        assetTag: r.assetTag,
        site: r.site,
        model: r.model,
        dueOn,
        knownExploited: r.kev === 1,
        cvss: r.cvss,
        validatedOn: r.validatedOn,
        validatedVersion: r.validatedVersion,
      },
      now,
    );
    count++;
  }
  return count;
}

/** Whether a notice exists (for tests and the device page). */
export function hasPastDueNotice(db: DbOrTx, advisoryId: number, deviceId: number): boolean {
  return !!db
    .select()
    .from(patchPastDueNotices)
    .where(and(eq(patchPastDueNotices.advisoryId, advisoryId), eq(patchPastDueNotices.deviceId, deviceId)))
    .get();
}
