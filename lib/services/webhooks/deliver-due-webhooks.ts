import { and, asc, eq, lte } from "drizzle-orm";
import { whenWritable, type Db } from "@/db/client";
import { webhookDeliveries, webhookSubscriptions } from "@/db/schema";
import { clock } from "@/lib/clock";
import { nextAttempt, signatureHeader } from "@/lib/rules/webhook";
import { unseal } from "@/lib/server/secret-box";

export interface DeliveryRun {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Sends every due delivery once: POST the payload, signed (HMAC-SHA256 over timestamp and body), with a 10-second
 * timeout. A 2xx answer delivers it; anything else schedules the next attempt (1, 5, 30, 120, 720 minutes), and after
 * the sixth attempt it has failed — visible in the delivery log. No transaction is held while waiting on a receiver.
 */
export async function deliverDueWebhooks(db: Db, opts: { now?: () => Date; limit?: number; fetchImpl?: typeof fetch } = {}): Promise<DeliveryRun> {
  const now = opts.now ?? (() => clock.now());
  const send = opts.fetchImpl ?? fetch;
  const due = db
    .select({ d: webhookDeliveries, s: webhookSubscriptions })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(and(eq(webhookDeliveries.state, "pending"), lte(webhookDeliveries.nextAttemptAt, now().toISOString())))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(opts.limit ?? 50)
    .all();
  const run: DeliveryRun = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  for (const { d, s } of due) {
    run.attempted++;
    let status: number | null = null;
    let error: string | null = null;
    if (s.disabledAt) {
      error = "The subscription was disabled.";
    } else {
      try {
        const t = Math.floor(now().getTime() / 1000);
        const res = await send(s.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Clearline-Webhooks/1",
            "clearline-event": d.eventType,
            "clearline-delivery": String(d.id),
            "clearline-event-id": d.eventId,
            "clearline-signature": signatureHeader(unseal(s.secretSealed), d.payload, t),
          },
          body: d.payload,
          redirect: "manual",
          signal: AbortSignal.timeout(10_000),
        });
        status = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (res.status < 200 || res.status >= 300) error = `The receiver answered ${res.status}.`;
      } catch (e) {
        error =
          e instanceof Error && e.name === "TimeoutError"
            ? "No answer within 10 seconds."
            : `Could not reach the receiver (${e instanceof Error ? e.message : "error"}).`;
      }
    }
    const attempts = d.attempts + 1;
    const at = now();
    // The receiver was called (an await): an import may hold the write lock by now, so the outcome waits for its COMMIT
    // rather than being lost (decision 0048).
    if (!error) {
      await whenWritable(db, () =>
        db
          .update(webhookDeliveries)
          .set({ state: "delivered", attempts, lastStatus: status, lastError: null, deliveredAt: at.toISOString() })
          .where(eq(webhookDeliveries.id, d.id))
          .run(),
      );
      run.delivered++;
      continue;
    }
    const next = s.disabledAt ? ({ state: "failed" } as const) : nextAttempt(attempts, at);
    await whenWritable(db, () =>
      db
        .update(webhookDeliveries)
        .set({ state: next.state, attempts, lastStatus: status, lastError: error, ...(next.state === "pending" ? { nextAttemptAt: next.at } : {}) })
        .where(eq(webhookDeliveries.id, d.id))
        .run(),
    );
    if (next.state === "failed") run.failed++;
    else run.retrying++;
  }
  return run;
}
