#!/usr/bin/env node
// `npm test`: type-check, unit and service tests (vitest) twice — at today's date and with the one clock
// (CLEARLINE_NOW, lib/clock.ts) moved a year and a half ahead, across a year end and a leap day — then the browser
// suite (Playwright) against a production build on its own database, at today's date. Stops at the first failing stage.
// SKIP_SHIFTED_CLOCK=1 leaves out the second vitest run (for a quick local loop; CI never sets it).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Today + 18 months (UTC); if that span holds no 29 February, the 1 March after the next one. */
export function shiftedDate(today = new Date()) {
  const t = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 18, Math.min(today.getUTCDate(), 28)));
  const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const crossesLeapDay = (from, to) => {
    for (let y = from.getUTCFullYear(); y <= to.getUTCFullYear(); y++) {
      if (!isLeap(y)) continue;
      const leapDay = Date.UTC(y, 1, 29);
      if (leapDay > from.getTime() && leapDay <= to.getTime()) return true;
    }
    return false;
  };
  if (crossesLeapDay(today, t)) return t.toISOString().slice(0, 10);
  let y = today.getUTCFullYear();
  while (!isLeap(y) || Date.UTC(y, 1, 29) <= today.getTime()) y++;
  return `${y}-03-01`;
}

const shifted = process.env.CLEARLINE_SHIFTED_NOW ?? shiftedDate();
const stages = [
  ["Type-check", bin("tsc"), ["--noEmit"], {}],
  ["Unit and service tests", bin("vitest"), ["run"], {}],
  ...(process.env.SKIP_SHIFTED_CLOCK === "1"
    ? []
    : [[`Unit and service tests with the clock at ${shifted} (CLEARLINE_NOW)`, bin("vitest"), ["run"], { CLEARLINE_NOW: shifted }]]),
  ["Browser tests", bin("playwright"), ["test"], {}],
];
// The tests read the public reference data (NIST CSF, CISA advisories, KEV, FDA samples, a CMMS export) from
// ../shared/data beside the checkout, as CI has it: without it, say so once rather than fail dozens of tests.
const shared = path.resolve(root, "..", "shared", "data");
if (!fs.existsSync(shared)) {
  console.error(
    `The reference data the tests read is not at ${shared}: clone Clearline beside the shared/ folder (it holds data/ with nist-csf, csaf-icsma, kev, fda-openfda and device-inventory), then run npm test again.`,
  );
  process.exit(1);
}
for (const [name, cmd, args, env] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${r.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
