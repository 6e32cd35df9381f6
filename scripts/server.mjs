#!/usr/bin/env node
// The production server: Next.js in this process behind a plain HTTP server, so that every request carries the
// address it really came from (scripts/client-address.mjs) for the sign-in throttle. `next start` cannot do this:
// it keeps a client's own X-Forwarded-For. Started by scripts/start.mjs (npm start), the browser tests and the benchmark.
import http from "node:http";
import path from "node:path";
import next from "next";
import { CLIENT_HEADER, clientAddress, trustedHopsFromEnv } from "./client-address.mjs";

const root = path.resolve(import.meta.dirname, "..");
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
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`[clearline] Listening on http://${hostname ?? "localhost"}:${port}${hops ? ` behind ${hops} trusted proxy hop(s)` : ""}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
