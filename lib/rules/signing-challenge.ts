import type { RecordRef } from "./signature";

/**
 * Signing by re-authentication at the OpenID provider (issue #14; docs/decisions/0031-sso-signing-challenges.md).
 * 21 CFR 11.200(a)(1): a signature made outside one continuous session of controlled access is made with every
 * identification component; a fresh provider login (`prompt=login`, `max_age=0`) is that proof for a person whose
 * Clearline password does not exist. These rules decide whether a challenge may be satisfied and then used.
 */

/** How long a challenge stays open: long enough for a provider login with MFA, short enough to mean "now". */
export const SIGNING_CHALLENGE_MINUTES = 10;

export interface SigningChallengeState {
  userId: number;
  sessionId: string;
  entityType: string;
  entityId: string;
  createdAt: string;
  expiresAt: string;
  satisfiedAt: string | null;
  usedAt: string | null;
}

export const SIGNING_CHALLENGE_REFUSALS = {
  missing: "Re-authenticate with your identity provider first: nothing was signed.",
  wrong_user: "This re-authentication belongs to someone else: nothing was signed. Re-authenticate yourself to sign.",
  wrong_session: "This re-authentication was started in another session: nothing was signed. Re-authenticate again to sign.",
  wrong_record: "This re-authentication was for another record: nothing was signed. Re-authenticate again to sign this one.",
  not_satisfied: "The re-authentication at your identity provider was not completed: nothing was signed. Re-authenticate again to sign.",
  expired: `The re-authentication is more than ${SIGNING_CHALLENGE_MINUTES} minutes old: nothing was signed. Re-authenticate again to sign.`,
  used: "This re-authentication was used for a signature already: nothing was signed. Re-authenticate again for each signature.",
  stale_login: "Your identity provider reused an earlier login instead of asking you again: nothing was signed. Re-authenticate again to sign.",
  other_identity: "You signed in at your identity provider as someone else: nothing was signed. Re-authenticate as yourself to sign.",
  inactive: "Your Clearline account is deactivated: nothing was signed.",
} as const;
export type SigningChallengeRefusal = keyof typeof SIGNING_CHALLENGE_REFUSALS;

/** The challenge's expiry, from its creation. */
export function signingChallengeExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SIGNING_CHALLENGE_MINUTES * 60_000);
}

/**
 * Whether a provider login may satisfy a challenge. `authTime` is the ID token's `auth_time` (seconds since the
 * epoch, OpenID Connect Core §2, required when `max_age` is requested). It must be no older than the challenge:
 * compared in whole seconds, since `auth_time` has no finer resolution. A missing `auth_time` is a stale login.
 */
export function reauthenticationVerdict(
  ch: Pick<SigningChallengeState, "sessionId" | "createdAt" | "expiresAt" | "satisfiedAt" | "usedAt">,
  login: { sessionId: string | null; authTime: unknown; now: Date },
): { ok: true; authTime: Date } | { ok: false; reason: SigningChallengeRefusal } {
  if (ch.usedAt) return { ok: false, reason: "used" };
  if (login.sessionId !== ch.sessionId) return { ok: false, reason: "wrong_session" };
  if (login.now.getTime() >= Date.parse(ch.expiresAt)) return { ok: false, reason: "expired" };
  if (typeof login.authTime !== "number" || !Number.isFinite(login.authTime)) return { ok: false, reason: "stale_login" };
  if (login.authTime < Math.floor(Date.parse(ch.createdAt) / 1000)) return { ok: false, reason: "stale_login" };
  return { ok: true, authTime: new Date(login.authTime * 1000) };
}

/** Whether a satisfied challenge may authorize this signature, now, by this user, on this record. */
export function challengeUseVerdict(
  ch: SigningChallengeState | undefined,
  use: { userId: number; ref: RecordRef; now: Date },
): { ok: true } | { ok: false; reason: SigningChallengeRefusal } {
  if (!ch) return { ok: false, reason: "missing" };
  if (ch.userId !== use.userId) return { ok: false, reason: "wrong_user" };
  if (ch.entityType !== use.ref.entityType || ch.entityId !== use.ref.entityId) return { ok: false, reason: "wrong_record" };
  if (ch.usedAt) return { ok: false, reason: "used" };
  if (!ch.satisfiedAt) return { ok: false, reason: "not_satisfied" };
  if (use.now.getTime() >= Date.parse(ch.expiresAt)) return { ok: false, reason: "expired" };
  return { ok: true };
}

/** A path on this site to come back to; anything else (another origin, `//host`, a backslash trick) becomes "/". */
export function safeReturnPath(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\") || /[\u0000-\u001f]/.test(path)) return "/";
  return path.slice(0, 500);
}
