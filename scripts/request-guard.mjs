// Refusals the production server gives before Next.js reads a server-action request (issue #10, finding 20). Next.js
// answers these with HTTP 500 ("Body exceeded 6mb limit", "Malformed part header", "Invalid Server Actions request",
// a body that does not decode) before any of our code runs; a client that sent a malformed request should be told what
// was wrong, with a 4xx. Shared by scripts/server.mjs and its tests.

/** The largest server-action body: a 5 MB evidence file (lib/rules/evidence.ts) plus its form, with room to spare. */
export const MAX_ACTION_BODY_BYTES = 6 * 1024 * 1024;

const ACTION_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded", "text/plain"];

export const MESSAGES = {
  origin: "This request did not come from Clearline's own pages and was refused.",
  tooLarge: "The upload is too large: the limit is 5 MB per file.",
  type: "This request's content type is not accepted: send the form from Clearline's page.",
  unreadable: "This request could not be read (its body is empty or malformed). Reload the page and try again; nothing was saved.",
};

/**
 * @param {string | undefined} origin the Origin header
 * @param {string | undefined} host the host the client addressed (Host, or a trusted proxy's X-Forwarded-Host)
 */
export function sameOrigin(origin, host) {
  if (!origin || origin === "null" || !host) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && u.host === host && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * Why a server-action request must be refused before Next.js parses it, or null.
 * @param {{ method?: string, headers: Record<string, string | string[] | undefined> }} req
 * @param {number} trustedHops
 * @returns {{ status: number, message: string } | null}
 */
export function actionRequestProblem(req, trustedHops) {
  const h = req.headers;
  if (req.method !== "POST" || !h["next-action"]) return null;
  const one = (v) => (Array.isArray(v) ? v[0] : v);
  const host = (trustedHops > 0 ? one(h["x-forwarded-host"]) : undefined) ?? one(h.host);
  if (!sameOrigin(one(h.origin), host)) return { status: 403, message: MESSAGES.origin };
  const length = Number(one(h["content-length"]) ?? NaN);
  if (Number.isFinite(length) && length > MAX_ACTION_BODY_BYTES) return { status: 413, message: MESSAGES.tooLarge };
  if (!Number.isFinite(length) && one(h["transfer-encoding"]) === undefined) return { status: 400, message: MESSAGES.unreadable };
  if (length === 0) return { status: 400, message: MESSAGES.unreadable };
  const type = (one(h["content-type"]) ?? "").split(";")[0].trim().toLowerCase();
  if (!ACTION_TYPES.includes(type)) return { status: 415, message: MESSAGES.type };
  return null;
}

/**
 * Our server actions answer every failure of their own as a sentence in the page (lib/server/action.ts), so an HTTP
 * 500 on an action request comes from the framework reading the request (a malformed multipart part, a body that does
 * not decode, a chunked body over the limit). Such a response is replaced by a 400 with a sentence; the framework's
 * own error is still in the server log.
 * @param {import("node:http").ServerResponse} res
 */
export function replaceFrameworkFailure(res) {
  let replaced = false;
  const { writeHead, write, end } = res;
  const replace = () => {
    if (replaced) return true;
    if (res.statusCode !== 500 || res.headersSent) return false;
    replaced = true;
    const body = `${MESSAGES.unreadable}\n`;
    for (const name of ["content-type", "content-length", "content-encoding", "transfer-encoding", "etag", "vary"]) res.removeHeader(name);
    writeHead.call(res, 400, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
    end.call(res, body);
    return true;
  };
  res.writeHead = function (status, ...rest) {
    if (status === 500) {
      res.statusCode = 500;
      replace();
      return res;
    }
    return writeHead.call(res, status, ...rest);
  };
  res.write = function (...args) {
    if (replace()) return true;
    return write.apply(res, args);
  };
  res.end = function (...args) {
    if (replace()) return res;
    return end.apply(res, args);
  };
}
