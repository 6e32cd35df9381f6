import { and, desc, eq, gt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { THROTTLE, lockedMessage, throttleDecision } from "@/lib/rules/login-throttle";

export interface PasswordAttempt {
  id: number;
  /** Slow-down to wait before verifying, from the rule. */
  delayMs: number;
}

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

/**
 * Counts a password attempt *before* the password is verified (issue #10, finding 15): reads the recent
 * attempts and records this one as a failure in the caller's immediate transaction (`writeTx`), so two
 * requests can never both see the count below the limit. The row becomes a success only through
 * `markPasswordAttemptSucceeded`; a crash in between leaves a failure, which fails safe.
 * Throws AppError RATE_LIMITED when the rule pauses this attempt; nothing is recorded then.
 *
 * @param knownClient pass true when the caller already proved who the client is (a signed-in signer);
 *   otherwise it is derived from this client's past successes on this account.
 */
export function reservePasswordAttempt(tx: Tx, emailKey: string, clientKey: string, now: Date, knownClient?: boolean): PasswordAttempt {
  const failed = (...where: Parameters<typeof and>) =>
    tx
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.success, false), ...where))
      .all()
      .map((r) => r.at);
  const sinceWindow = minutesBefore(now, THROTTLE.windowMinutes);
  const lastPairSuccess = tx
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(
      and(eq(loginAttempts.emailKey, emailKey), eq(loginAttempts.clientKey, clientKey), eq(loginAttempts.success, true), gt(loginAttempts.at, sinceWindow)),
    )
    .orderBy(desc(loginAttempts.at))
    .limit(1)
    .get();
  const known =
    knownClient ??
    tx
      .select({ id: loginAttempts.id })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.emailKey, emailKey),
          eq(loginAttempts.clientKey, clientKey),
          eq(loginAttempts.success, true),
          gt(loginAttempts.at, minutesBefore(now, THROTTLE.knownClientDays * 24 * 60)),
        ),
      )
      .limit(1)
      .get() !== undefined;
  const decision = throttleDecision(
    {
      pairFailures: failed(
        eq(loginAttempts.emailKey, emailKey),
        eq(loginAttempts.clientKey, clientKey),
        gt(loginAttempts.at, lastPairSuccess?.at ?? sinceWindow),
      ),
      clientFailures: failed(eq(loginAttempts.clientKey, clientKey), gt(loginAttempts.at, sinceWindow)),
      accountFailures: failed(eq(loginAttempts.emailKey, emailKey), gt(loginAttempts.at, minutesBefore(now, THROTTLE.accountWindowMinutes))),
      knownClient: known,
    },
    now,
  );
  if (decision.kind === "locked") throw new AppError("RATE_LIMITED", lockedMessage(decision.scope, decision.retryAfterMinutes));
  const row = tx.insert(loginAttempts).values({ emailKey, clientKey, at: now.toISOString(), success: false }).returning({ id: loginAttempts.id }).get();
  return { id: row.id, delayMs: decision.delayMs };
}

/** The reserved attempt's password verified: it stops counting as a failure. */
export function markPasswordAttemptSucceeded(tx: Tx, attemptId: number): void {
  tx.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId)).run();
}
