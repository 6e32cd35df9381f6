import { and, eq, inArray, sql } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx } from "@/db/client";
import { advisoryDeviceMatches as m, patchPastDueNotices } from "@/db/schema";
import { patchDueDate } from "@/lib/rules/patch-priority";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";
import { getPatchPolicy } from "./patch-policy";
import { scopeWhere, selectQueue, statusWhere } from "./patch-queue-sql";
import { filterIndex, queueIndex } from "./queue-index";

/**
 * A system step (no actor): emits the `patch.past_due` webhook once per patch item and due date, the first time the
 * item is found open past its due date, in the same transaction as the notice row that remembers it. Run by the
 * demo seed inside its transaction; the server's loop runs checkPastDuePatches. `onlyMatchIds` limits the check to
 * those items. Returns how many items became past due.
 */
export function notifyPastDuePatches(tx: DbOrTx, now: Date, onlyMatchIds?: number[]): number {
  const today = now.toISOString().slice(0, 10);
  const policy = getPatchPolicy(tx);
  const overdue = [];
  for (const ids of onlyMatchIds ? batches(onlyMatchIds, 500) : [undefined]) {
    const where = scopeWhere({});
    where.push(statusWhere("overdue", policy, today)!);
    if (ids) where.push(inArray(m.id, ids));
    overdue.push(...selectQueue(tx, where));
  }
  if (overdue.length === 0) return 0;
  const notified = new Set<string>();
  const deviceIds = [...new Set(overdue.map((r) => r.deviceId))];
  for (const ids of batches(deviceIds, 500)) {
    for (const n of tx.select().from(patchPastDueNotices).where(inArray(patchPastDueNotices.deviceId, ids)).all()) {
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

/**
 * The server's loop (instrumentation-node.ts, every 5 minutes): the past-due items come from the queue's index
 * (decision 0038) and the notices already sent are read without a transaction, so the usual outcome — nothing new —
 * takes no write lock and no query over the queue. Only items not yet notified are checked again, with the full
 * SQL rule, inside the write transaction that records their notices (an item worked on in between drops out there).
 * Before, the whole overdue queue was read inside BEGIN IMMEDIATE: 1–2 s of CPU and of write lock on the large
 * database every 5 minutes.
 */
export function checkPastDuePatches(db: Db, now: Date): number {
  const today = now.toISOString().slice(0, 10);
  const policy = getPatchPolicy(db);
  const index = queueIndex(db);
  const q = index.items;
  const sent = new Set(db.all<{ k: string }>(sql`select advisory_id || ':' || device_id || ':' || due_on as k from ${patchPastDueNotices}`).map((r) => r.k));
  const fresh: number[] = [];
  for (const i of filterIndex(index, { status: "overdue" }, policy, today)) {
    const cvss = q.cvss[i]!;
    const { dueOn } = patchDueDate(q.validatedOn[i]!, { onKev: q.kev[i] === 1, cvss: Number.isNaN(cvss) ? null : cvss }, policy);
    if (!sent.has(`${q.advisoryId[i]}:${q.deviceId[i]}:${dueOn}`)) fresh.push(q.matchId[i]!);
  }
  if (fresh.length === 0) return 0;
  return writeTx(db, (tx) => notifyPastDuePatches(tx, now, fresh));
}

function batches<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Whether a notice exists (for tests and the device page). */
export function hasPastDueNotice(db: DbOrTx, advisoryId: number, deviceId: number): boolean {
  return !!db
    .select()
    .from(patchPastDueNotices)
    .where(and(eq(patchPastDueNotices.advisoryId, advisoryId), eq(patchPastDueNotices.deviceId, deviceId)))
    .get();
}
