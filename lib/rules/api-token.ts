/**
 * Service tokens of the integration API (/api/v1). Pure: format, scopes, expiry and the rate window.
 *
 * A token is `clt_<prefix>_<secret>`: the prefix (8 hex) finds the row and lets people recognise a token in logs
 * and lists; the secret (43 base64url characters, 256 bits) is compared by its SHA-256 in constant time.
 */
export const API_SCOPES = ["read", "write:inventory", "write:advisories", "write:patches", "write:recalls"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  read: "Read everything the token's site allows",
  "write:inventory": "Write the device inventory and its history",
  "write:advisories": "Upload advisories",
  "write:patches": "Record patch work (applied, not applicable, deferral requests)",
  "write:recalls": "Record recall actions",
};

const TOKEN = /^clt_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** Splits a presented token into its prefix and secret, or null when it is not shaped like one. */
export function parseApiToken(value: string | null | undefined): { prefix: string; secret: string } | null {
  const m = TOKEN.exec((value ?? "").trim());
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** The bearer token of an Authorization header (`Bearer clt_…`), or null. */
export function bearerToken(header: string | null | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

/** A token with "read" reads; a write scope is needed for each area's writes (read is not implied by a write scope). */
export function hasScope(granted: readonly string[], needed: ApiScope): boolean {
  return granted.includes(needed);
}

/** Valid through the end of its expiry day (UTC). */
export function isExpired(expiresOn: string, now: Date): boolean {
  return now.toISOString().slice(0, 10) > expiresOn;
}

/** Requests per token per minute before 429. */
export const API_RATE_PER_MINUTE = 600;

/**
 * A fixed one-minute window per token: allowed, or the seconds to wait (Retry-After). `hits` are the request times
 * in the current window, in epoch ms, newest last.
 */
export function rateDecision(
  windowStartMs: number,
  count: number,
  nowMs: number,
  limit = API_RATE_PER_MINUTE,
): { allowed: boolean; retryAfterSeconds: number; windowStartMs: number; count: number } {
  const start = nowMs - windowStartMs >= 60_000 ? nowMs : windowStartMs;
  const used = start === windowStartMs ? count : 0;
  if (used >= limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + 60_000 - nowMs) / 1000)), windowStartMs: start, count: used };
  return { allowed: true, retryAfterSeconds: 0, windowStartMs: start, count: used + 1 };
}
