// Whether the production build in .next is current: it exists and no source is newer than it.
// Shared by scripts/start.mjs (npm start) and scripts/bench.mjs.
import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "next.config.js",
  "package.json",
  "tsconfig.json",
];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** @param {string} root the repository */
export function buildIsCurrent(root) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const sourceTime = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return fs.statSync(buildId).mtimeMs >= sourceTime;
}
