/**
 * Sign-in throttling (NIST SP 800-63B §5.2.2: limit failed attempts). Failures are counted per account
 * (email as typed, lower-cased, known or not) and per client within a window; after a few, each attempt
 * is slowed; after more, attempts are refused for a while, even with the right password.
 */
export const THROTTLE = {
  windowMinutes: 15,
  accountDelayAfter: 3,
  accountLockAfter: 8,
  clientDelayAfter: 10,
  clientLockAfter: 30,
  lockMinutes: 15,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
} as const;

export type ThrottleDecision = { kind: "allow"; delayMs: number } | { kind: "locked"; retryAfterMinutes: number };

/**
 * @param accountFailures times of failed attempts for this account since its last success, newest last
 * @param clientFailures times of failed attempts from this client, newest last
 */
export function throttleDecision(accountFailures: readonly string[], clientFailures: readonly string[], now: Date): ThrottleDecision {
  const windowStart = now.getTime() - THROTTLE.windowMinutes * 60_000;
  const recent = (xs: readonly string[]) => xs.map(Date.parse).filter((t) => t > windowStart);
  const acc = recent(accountFailures);
  const cli = recent(clientFailures);
  const lockedUntil = (times: number[], after: number) =>
    times.length >= after ? Math.max(...times) + THROTTLE.lockMinutes * 60_000 : 0;
  const until = Math.max(lockedUntil(acc, THROTTLE.accountLockAfter), lockedUntil(cli, THROTTLE.clientLockAfter));
  if (until > now.getTime()) {
    return { kind: "locked", retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
  }
  const over = Math.max(acc.length - THROTTLE.accountDelayAfter, cli.length - THROTTLE.clientDelayAfter);
  if (over < 0) return { kind: "allow", delayMs: 0 };
  return { kind: "allow", delayMs: Math.min(THROTTLE.maxDelayMs, THROTTLE.baseDelayMs * 2 ** over) };
}

export function lockedMessage(minutes: number): string {
  return `Too many failed sign-in attempts. Sign-in is paused for this account; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
