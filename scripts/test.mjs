#!/usr/bin/env node
// `npm test`: type-check, unit and service tests (vitest), then the browser suite (Playwright) against a
// production build on its own database. Stops at the first failing stage.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const stages = [
  ["Type-check", bin("tsc"), ["--noEmit"]],
  ["Unit and service tests", bin("vitest"), ["run"]],
  ["Browser tests", bin("playwright"), ["test"]],
];
for (const [name, cmd, args] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  console.log(`=== ${name}: ${r.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
