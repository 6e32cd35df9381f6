export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionStatus = "active" | "idle_expired" | "absolute_expired" | "revoked" | "user_inactive";

/**
 * Whether a server-side session may still be used at `now`. Idle and absolute limits follow common
 * hospital policy (HIPAA 164.312(a)(2)(iii) automatic logoff): 30 minutes idle, 12 hours in all.
 */
export function sessionStatus(
  s: { createdAt: string; lastSeenAt: string; revokedAt: string | null },
  userActive: boolean,
  policy: SessionPolicy,
  now: Date,
): SessionStatus {
  if (s.revokedAt) return "revoked";
  if (!userActive) return "user_inactive";
  const t = now.getTime();
  if (t - Date.parse(s.createdAt) > policy.absoluteHours * 3_600_000) return "absolute_expired";
  if (t - Date.parse(s.lastSeenAt) > policy.idleMinutes * 60_000) return "idle_expired";
  return "active";
}

/** lastSeenAt is refreshed at most this often, to keep reads from writing on every request. */
export const LAST_SEEN_REFRESH_MS = 30_000;
