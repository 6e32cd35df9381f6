/**
 * Password-guessing limits (NIST SP 800-63B §5.2.2: limit consecutive failed attempts on one account;
 * OWASP Authentication Cheat Sheet: lock per account *and* origin so an attacker cannot lock the real
 * user out). Three counters, each over its own rolling window:
 *
 * - per (account, client): a few failures slow that client down, a few more pause it for that account;
 * - per client (any account): password spraying from one address pauses that address;
 * - per account (any client): a ceiling on failures per hour. Reaching it pauses the account only for
 *   clients that have not signed in to it successfully lately, so a guesser with many addresses is held
 *   to the ceiling while the real user, from an address they used before, still gets in.
 *
 * A pending attempt (counted before its password is verified) is a failure until it succeeds: the
 * counts are taken and the attempt recorded in one immediate transaction, so however many requests
 * arrive at once, at most the allowance is ever verified (issue #10, finding 15).
 */
export const THROTTLE = {
  windowMinutes: 15,
  pairDelayAfter: 2,
  pairLockAfter: 5,
  clientDelayAfter: 10,
  clientLockAfter: 30,
  lockMinutes: 15,
  accountWindowMinutes: 60,
  accountCeiling: 20,
  knownClientDays: 30,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
} as const;

export interface AttemptHistory {
  /** Failed or pending attempts on this account from this client since the pair's last success (ISO times). */
  pairFailures: readonly string[];
  /** Failed or pending attempts from this client on any account (ISO times). */
  clientFailures: readonly string[];
  /** Failed or pending attempts on this account from any client (ISO times). */
  accountFailures: readonly string[];
  /** This client signed in to this account successfully within THROTTLE.knownClientDays. */
  knownClient: boolean;
}

export type LockScope = "pair" | "client" | "account";
export type ThrottleDecision = { kind: "allow"; delayMs: number } | { kind: "locked"; scope: LockScope; retryAfterMinutes: number };

export function throttleDecision(h: AttemptHistory, now: Date): ThrottleDecision {
  const t = now.getTime();
  const within = (xs: readonly string[], minutes: number) =>
    xs
      .map(Date.parse)
      .filter((x) => x > t - minutes * 60_000)
      .sort((a, b) => a - b);
  const pair = within(h.pairFailures, THROTTLE.windowMinutes);
  const cli = within(h.clientFailures, THROTTLE.windowMinutes);
  const acc = within(h.accountFailures, THROTTLE.accountWindowMinutes);

  const pauses: { scope: LockScope; until: number }[] = [];
  if (pair.length >= THROTTLE.pairLockAfter) pauses.push({ scope: "pair", until: pair[pair.length - 1]! + THROTTLE.lockMinutes * 60_000 });
  if (cli.length >= THROTTLE.clientLockAfter) pauses.push({ scope: "client", until: cli[cli.length - 1]! + THROTTLE.lockMinutes * 60_000 });
  // The ceiling lifts as soon as enough failures leave the rolling hour to make room for one more.
  if (!h.knownClient && acc.length >= THROTTLE.accountCeiling) {
    pauses.push({ scope: "account", until: acc[acc.length - THROTTLE.accountCeiling]! + THROTTLE.accountWindowMinutes * 60_000 });
  }
  const longest = pauses.filter((p) => p.until > t).sort((a, b) => b.until - a.until)[0];
  if (longest) return { kind: "locked", scope: longest.scope, retryAfterMinutes: Math.max(1, Math.ceil((longest.until - t) / 60_000)) };

  const over = Math.max(pair.length - THROTTLE.pairDelayAfter, cli.length - THROTTLE.clientDelayAfter);
  if (over < 0) return { kind: "allow", delayMs: 0 };
  return { kind: "allow", delayMs: Math.min(THROTTLE.maxDelayMs, THROTTLE.baseDelayMs * 2 ** over) };
}

/** What the person is told; every sentence starts the same way, so the sign-in form passes it through. */
export function lockedMessage(scope: LockScope, minutes: number): string {
  const wait = `try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  switch (scope) {
    case "pair":
      return `Too many failed sign-in attempts. Sign-in to this account from your address is paused; ${wait}.`;
    case "client":
      return `Too many failed sign-in attempts from your address. Sign-in from it is paused; ${wait}.`;
    case "account":
      return `Too many failed sign-in attempts on this account from many addresses. Sign-in from addresses not used for it lately is paused; ${wait}, or sign in from a computer you have used before.`;
  }
}
