#!/usr/bin/env node
// The production server: Next.js in this process behind a plain HTTP server, so that every request carries the
// address it really came from (scripts/client-address.mjs) for the sign-in throttle. `next start` cannot do this:
// it keeps a client's own X-Forwarded-For. Started by scripts/start.mjs (npm start), the browser tests and the benchmark.
import http from "node:http";
import path from "node:path";
import v8 from "node:v8";
import next from "next";
import { CLIENT_HEADER, HSTS_VALUE, clientAddress, servedOverHttps, trustedHopsFromEnv } from "./client-address.mjs";
import { actionRequestProblem, replaceFrameworkFailure } from "./request-guard.mjs";

const root = path.resolve(import.meta.dirname, "..");

// How far V8 lets the old generation grow past what survived the last full collection before collecting again
// (decision 0044). By default the factor is up to 4× on a machine with this much memory: with ~115 MB live after
// the caches are warm, the heap reached ~400 MB of mostly garbage under the benchmark's 10 connections and the
// process 600–740 MB of RSS, against the goal of < 600 MB (issue #15). 1.5× keeps the peak near 400 MB for a few
// percent more GC time. It is a growing factor, not a limit: a larger live set still gets the memory it needs, so
// nothing can fail that did not before. CLEARLINE_HEAP_GROWING_PERCENT=0 leaves V8's own heuristic.
const growing = Number(process.env.CLEARLINE_HEAP_GROWING_PERCENT ?? 50);
if (Number.isInteger(growing) && growing > 0) v8.setFlagsFromString(`--heap-growing-percent=${growing}`);
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND || undefined;
let hops;
try {
  hops = trustedHopsFromEnv(process.env.TRUSTED_PROXY_HOPS);
} catch (e) {
  console.error(`[clearline] ${e.message}`);
  process.exit(1);
}
// Tells the app (same process) that CLIENT_HEADER was set here and can be trusted.
process.env.CLEARLINE_CLIENT_HEADER = "1";

const app = next({ dev: false, dir: root, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers[CLIENT_HEADER] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  if (servedOverHttps(req.headers["x-forwarded-proto"], Boolean(req.socket.encrypted), hops)) res.setHeader("Strict-Transport-Security", HSTS_VALUE);
  const problem = actionRequestProblem(req, hops);
  if (problem) {
    // The body is discarded unread. Up to 64 MB it is drained first, so the client, still sending, reads the answer
    // rather than a reset connection; anything larger is answered at once and the connection closed.
    const answer = () => {
      if (res.headersSent) return;
      res.writeHead(problem.status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
      res.end(`${problem.message}\n`);
    };
    req.on("error", () => undefined);
    req.resume();
    if (Number(req.headers["content-length"] ?? 0) <= 64 * 1024 * 1024) req.on("end", answer);
    else answer();
    return;
  }
  if (req.method === "POST" && req.headers["next-action"]) replaceFrameworkFailure(res);
  handle(req, res).catch((e) => {
    console.error("[clearline] request failed:", e);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => {
  console.log(`[clearline] Listening on http://${hostname ?? "localhost"}:${port}${hops ? ` behind ${hops} trusted proxy hop(s)` : ""}`);
});
// Stop once (a terminal's Ctrl-C reaches this process and its parent, which forwards it): finish requests in flight,
// close Next.js, and exit with the conventional code for the signal so supervisors see it was stopped.
let stopping = false;
for (const [sig, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), 10_000).unref();
    server.close(() => {
      Promise.resolve(app.close?.())
        .catch(() => undefined)
        .finally(() => process.exit(code));
    });
  });
}
