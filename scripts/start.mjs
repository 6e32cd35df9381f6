#!/usr/bin/env node
// `npm start`: builds the app if there is no current build, then runs the production server with the
// demo health system (unless SEED_DEMO=0). PORT changes the port (default 3000).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsCurrent } from "./build-state.mjs";

const root = path.resolve(import.meta.dirname, "..");
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.warn(`\n[clearline] WARNING: Node.js ${process.versions.node}. Clearline runs here, but production should use Node.js 22 or newer.\n`);
}

const port = process.env.PORT ?? "3000";
const env = { ...process.env, PORT: port, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" };
env.NEXTAUTH_URL ??= `http://localhost:${port}`;

if (!buildIsCurrent(root)) {
  console.log("[clearline] Building the app (first start or sources changed)…");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Preflight: secrets present (or generated in demo mode), migrations applied, demo seeded.
const pre = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "scripts", "preflight.ts")], {
  cwd: root,
  env,
  stdio: "inherit",
});
if (pre.status !== 0) process.exit(pre.status ?? 1);

console.log(`[clearline] Starting on http://localhost:${port}`);
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
// A server killed by a signal (e.g. out of memory) is a failure for whoever supervises this process.
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 9) : 1)));
