// The address a sign-in attempt comes from, for the per-client throttle. Shared by scripts/server.mjs and its tests.
//
// `X-Forwarded-For` is written by whoever sent the request: without a proxy in front, a client can put anything there
// (and Next.js keeps it as it is). So the address is read from the right: the TCP peer this server sees, then, for
// each reverse proxy the operator says is in front (TRUSTED_PROXY_HOPS), one entry further left of the header, which
// that proxy appended. Entries further left than the trusted hops are the client's own words and are ignored.

/**
 * @param {string | string[] | undefined} forwardedFor the X-Forwarded-For header(s) as received
 * @param {string | undefined} peer the socket's remote address
 * @param {number} trustedHops reverse proxies in front of this server (0: none)
 * @returns {string}
 */
export function clientAddress(forwardedFor, peer, trustedHops) {
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...listed, peer || "unknown"];
  const hops = Number.isInteger(trustedHops) && trustedHops > 0 ? trustedHops : 0;
  const address = chain[Math.max(0, chain.length - 1 - hops)] ?? "unknown";
  return address.replace(/^::ffff:/, "").slice(0, 64);
}

/** TRUSTED_PROXY_HOPS as a number of hops; anything else is refused with a message saying what to write. */
export function trustedHopsFromEnv(value) {
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) {
    throw new Error(`TRUSTED_PROXY_HOPS must be the number of reverse proxies in front of Clearline (0 to 10), not "${value}".`);
  }
  return n;
}

export const CLIENT_HEADER = "x-clearline-client";

// RFC 6797: a year, subdomains included. Sent only on responses that travelled over HTTPS (a browser ignores it on
// plain HTTP, and sending it there would tell nothing true).
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Whether the client reached us over HTTPS: our own TLS socket, or — only behind trusted reverse proxies
 * (TRUSTED_PROXY_HOPS > 0) — the X-Forwarded-Proto that the proxy nearest to us wrote (the last entry). Without a
 * trusted proxy the header is the client's own words and is ignored.
 *
 * @param {string | string[] | undefined} forwardedProto the X-Forwarded-Proto header(s) as received
 * @param {boolean} encrypted the socket is TLS
 * @param {number} trustedHops reverse proxies in front of this server (0: none)
 * @returns {boolean}
 */
export function servedOverHttps(forwardedProto, encrypted, trustedHops) {
  if (encrypted) return true;
  if (!(Number.isInteger(trustedHops) && trustedHops > 0)) return false;
  const listed = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : (forwardedProto ?? ""))
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return listed.at(-1) === "https";
}
