#!/usr/bin/env node
// `npm run bench`: the benchmark of issues #6 and #15. In ONE run, against the production server on the
// health-system-scale database (npm run seed:large), it measures with autocannon a bare dynamic page of the
// same build (app/bench-baseline: root layout only, no session, no database; served only because this script
// starts the server with CLEARLINE_BENCH_BASELINE=1), the signed-in shell (/help) and the heavy pages, and
// prints requests/s, p50/p99 latency and each p50 as a multiple of the bare page's p50 — the ratio is what to
// compare, since this machine is shared and noisy.
//
//   npm run bench
//
// Environment:
//   BENCH_DATABASE_PATH  the large database (default data/clearline-large.db); created with
//                        `npm run seed:large -- --out <file>` when it is missing
//   BENCH_PORT           first port to try (default 3390); a port in use is skipped, never reused
//   BENCH_DURATION       seconds per URL (default 10)
//   BENCH_CONNECTIONS    concurrent connections (default 10)
//   BENCH_EMAIL / BENCH_PASSWORD   who signs in (default cio@meridian.example / meridian-large-2026)
//   BENCH_DASHBOARD_PATH the dashboard's path (default /dashboard; "?site=<id>" is appended for one site)
//   BENCH_PAGES          only these pages, by key (bare, shell, dashboard, dashboardSite, raci, results, inventory,
//                        patches), comma-separated; the bare page is always measured
//
// The server runs as in production (NODE_ENV=production, SEED_DEMO=0), which refuses to start without
// NEXTAUTH_SECRET, AUDIT_HMAC_KEY and SIGNATURE_HMAC_KEY. The benchmark passes the secrets the seed
// keyed the database with: those in its environment, else <folder of the database>/secrets.json.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { buildIsCurrent } from "./build-state.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const DURATION = positive(process.env.BENCH_DURATION, 10);
const CONNECTIONS = positive(process.env.BENCH_CONNECTIONS, 10);
const EMAIL = process.env.BENCH_EMAIL ?? "cio@meridian.example";
const PASSWORD = process.env.BENCH_PASSWORD ?? "meridian-large-2026";
const DASHBOARD = process.env.BENCH_DASHBOARD_PATH || "/dashboard";
const dbFile = path.resolve(process.env.BENCH_DATABASE_PATH ?? path.join(root, "data", "clearline-large.db"));

function positive(v, fallback) {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}
const log = (m) => console.log(`[bench] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------- build

/** The same rule as scripts/start.mjs: build when there is no build or a source is newer than it. */
function buildIfStale() {
  if (buildIsCurrent(root)) {
    log("Using the existing production build (.next is newer than the sources).");
    return;
  }
  log("Building the production app (no build, or sources changed)…");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (r.status !== 0) throw new BenchError(`next build failed (exit ${r.status}).`);
}

// ------------------------------------------------------------------------------------------- database

function ensureLargeDb() {
  if (fs.existsSync(dbFile)) {
    log(`Database: ${dbFile}`);
    return;
  }
  log(`${dbFile} is missing: creating it with npm run seed:large (a few minutes at most)…`);
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "scripts", "seed-large.ts"), "--out", dbFile],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: "development", DATABASE_PATH: dbFile },
      stdio: "inherit",
    },
  );
  if (r.status !== 0 || !fs.existsSync(dbFile)) throw new BenchError(`seed:large failed (exit ${r.status}).`);
}

/** The secrets the database was keyed with: the environment first, else secrets.json next to the file. */
function secretsEnv() {
  const file = path.join(path.dirname(dbFile), "secrets.json");
  const stored = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const env = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? stored.authSecret,
    AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY ?? stored.auditKey,
    SIGNATURE_HMAC_KEY: process.env.SIGNATURE_HMAC_KEY ?? stored.signatureKey,
  };
  const missing = Object.entries(env)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) throw new BenchError(`No ${missing.join(", ")}: set them, or keep ${file} (written by seed:large) next to the database.`);
  return env;
}

/** The ids the URLs need, read from the database itself (read-only). */
function pickIds() {
  const Database = require("better-sqlite3");
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const site = sqlite.prepare("SELECT id, name FROM sites WHERE archived_at IS NULL ORDER BY id LIMIT 1").get();
    const raci = sqlite
      .prepare(
        "SELECT v.device_class_id AS id, c.name FROM raci_versions v JOIN device_classes c ON c.id = v.device_class_id WHERE v.status = 'effective' ORDER BY v.device_class_id LIMIT 1",
      )
      .get();
    const assessment = sqlite
      .prepare(
        "SELECT id, name FROM assessments WHERE status = 'approved' ORDER BY CASE scope_type WHEN 'organization' THEN 0 ELSE 1 END, approved_at DESC, id LIMIT 1",
      )
      .get();
    if (!site || !raci || !assessment)
      throw new BenchError(`The database lacks a site, an effective RACI class or an approved assessment: is ${dbFile} a seed:large database?`);
    // Issue #12: the inventory list filtered by a site and a root class (with its subtree) that has devices there.
    const inventoryClass = sqlite
      .prepare(
        `SELECT c.id, c.name FROM device_classes c WHERE c.parent_id IS NULL AND EXISTS (
           SELECT 1 FROM devices d JOIN device_models m ON m.id = d.model_id JOIN device_classes k ON k.id = m.device_class_id
           WHERE d.site_id = ? AND (k.id = c.id OR k.parent_id = c.id)) ORDER BY c.id LIMIT 1`,
      )
      .get(site.id);
    if (!inventoryClass)
      throw new BenchError(`The database has no devices at ${site.name}: re-create it with npm run seed:large (it now adds 200,000 devices).`);
    // Issue #13 item 4: the patch queue filtered by the party that holds R for patching in most signed classes.
    const patchParty = sqlite
      .prepare("SELECT id, name FROM parties WHERE archived_at IS NULL ORDER BY CASE WHEN name LIKE 'Clinical Engineering%' THEN 0 ELSE 1 END, id LIMIT 1")
      .get();
    return { site, raci, assessment, inventoryClass, patchParty };
  } finally {
    sqlite.close();
  }
}

// --------------------------------------------------------------------------------------------- server

function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port); // all interfaces, IPv4 and IPv6: anything already listening on the port makes this fail
  });
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

async function freePort(first) {
  for (let port = first; port < first + 100; port++) {
    if ((await portFree(port)) && !(await portAnswers(port))) return port;
    log(`Port ${port} is in use: trying the next one (an existing server is never reused).`);
  }
  throw new BenchError(`No free port in ${first}–${first + 99}.`);
}

let server = null;

function startServer(port, secrets) {
  const env = {
    ...process.env,
    ...secrets,
    NODE_ENV: "production",
    SEED_DEMO: "0",
    DATABASE_PATH: dbFile,
    PORT: String(port),
    HOSTNAME_BIND: "127.0.0.1",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // Serves the bare baseline page (app/bench-baseline/page.tsx); without it the page is "not found".
    CLEARLINE_BENCH_BASELINE: "1",
  };
  // Its own process group, so the whole tree is stopped at the end.
  // The same production server as `npm start` (scripts/server.mjs: Next.js in-process behind node:http).
  server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `  [server] ${l}`)
      .join("\n");
  server.stdout.on("data", (c) => console.log(prefix(c)));
  server.stderr.on("data", (c) => console.error(prefix(c)));
  server.exited = new Promise((resolve) => server.on("exit", (code, signal) => resolve({ code, signal })));
  return server;
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

async function stopServerAndWait() {
  if (!server) return;
  stopServer();
  const done = await Promise.race([server.exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await server.exited;
  }
}

async function waitForHealth(base) {
  const deadline = Date.now() + 120_000;
  let alive = true;
  server.exited.then(() => (alive = false));
  while (Date.now() < deadline) {
    if (!alive) throw new BenchError("The server exited before it became healthy (see its output above).");
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new BenchError("The server did not answer /api/health within 120 s.");
}

// ------------------------------------------------------------------------------------------- memory

function descendants(pid) {
  const children = new Map();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

function statusKb(pid, field) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function memorySampler(pid) {
  let tree = descendants(pid);
  let peakKb = 0;
  let phaseKb = 0;
  let ticks = 0;
  const sample = () => {
    if (ticks++ % 25 === 0) tree = descendants(pid); // the tree rarely changes: rescan /proc every 5 s
    const kb = tree.reduce((s, p) => s + statusKb(p, "VmRSS"), 0);
    peakKb = Math.max(peakKb, kb);
    phaseKb = Math.max(phaseKb, kb);
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    /** The peak since the previous call (per measured URL). */
    phase() {
      sample();
      const kb = phaseKb;
      phaseKb = 0;
      return kb;
    },
    stop() {
      clearInterval(timer);
      sample();
      tree = descendants(pid);
      const hwm = tree.map((p) => ({ pid: p, kb: statusKb(p, "VmHWM") }));
      return { peakRssKb: peakKb, hwmSumKb: hwm.reduce((s, x) => s + x.kb, 0), hwmMaxKb: Math.max(0, ...hwm.map((x) => x.kb)), processes: tree.length };
    },
  };
}

// ---------------------------------------------------------------------------------------------- auth

function cookiesFrom(res, jar) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
}
const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** next-auth v4's credentials flow, as the sign-in form does it: CSRF token and cookie, then the callback. */
async function signIn(base) {
  const jar = new Map();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  cookiesFrom(csrfRes, jar);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    // Unsafe methods must come from the app's own origin (lib/server/route.ts), as a browser's would.
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: base },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, callbackUrl: `${base}/`, json: "true" }),
  });
  cookiesFrom(res, jar);
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new BenchError(`Sign-in as ${EMAIL} failed (HTTP ${res.status}, ${res.headers.get("location") ?? "no redirect"}).`);
  return `${session}=${jar.get(session)}`;
}

// ------------------------------------------------------------------------------------------ measuring

const html = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/**
 * What a browser's document request accepts. Pages send read-only markup made once per data version only once, in the
 * HTML, when the request is for a document (decision 0045); the benchmark measures what a browser is sent.
 */
const DOCUMENT = "text/html,application/xhtml+xml";

/** 200, the signed-in shell (except for the bare page), and not the sign-in page, an error or "not found" in its place. */
async function verifyPage(base, target, cookie) {
  const res = await fetch(base + target.path, { headers: { cookie, accept: DOCUMENT }, redirect: "manual" });
  const body = await res.text();
  const problem =
    res.status !== 200
      ? `HTTP ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}`
      : target.signedIn !== false && !body.includes('aria-label="Main"')
        ? "no signed-in navigation in the page (the sign-in page?)"
        : body.includes(">Not found</h1>")
          ? "the page says Not found"
          : body.includes("Something went wrong")
            ? "the page shows the error boundary"
            : target.expect && !body.includes(target.expect)
              ? `the page does not contain “${target.expect}”`
              : null;
  if (problem) throw new BenchError(`${target.label} (${target.path}) is not the real page: ${problem}.`);
  return body.length;
}

async function warm(base, target, cookie, n = 15) {
  for (let i = 0; i < n; i++) {
    const r = await fetch(base + target.path, { headers: { cookie, accept: DOCUMENT }, redirect: "manual" });
    await r.arrayBuffer();
  }
}

async function measure(base, target, cookie) {
  const autocannon = require("autocannon");
  const result = await autocannon({
    url: base + target.path,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { cookie, accept: "text/html,application/xhtml+xml" },
    timeout: 30,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0)
    throw new BenchError(`${target.label}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts during the measurement.`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

// ------------------------------------------------------------------------------------------ bundles

/**
 * Without .next/diagnostics/route-bundle-stats.json: the same lists rebuilt from the build's own manifests,
 * i.e. the root main files of build-manifest.json plus every entry JS file of the route's segments in its
 * page_client-reference-manifest.js (which is what the diagnostics file lists for a route).
 */
function routeBundlesFromManifests() {
  const next = path.join(root, ".next");
  const buildManifest = path.join(next, "build-manifest.json");
  if (!fs.existsSync(buildManifest)) return null;
  const rootMain = JSON.parse(fs.readFileSync(buildManifest, "utf8")).rootMainFiles ?? [];
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "page_client-reference-manifest.js") files.push(p);
    }
  };
  walk(path.join(next, "server", "app"));
  const stats = [];
  for (const f of files) {
    const sandbox = { self: {} };
    sandbox.globalThis = sandbox.self;
    new Function("self", "globalThis", fs.readFileSync(f, "utf8"))(sandbox.self, sandbox.self);
    for (const [entry, m] of Object.entries(sandbox.self.__RSC_MANIFEST ?? {})) {
      const route = entry.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
      if (route === "/_global-error") continue;
      const chunks = [...new Set([...Object.values(m.entryJSFiles ?? {}).flat(), ...rootMain])].map((c) => `.next/${c}`);
      stats.push({
        route,
        firstLoadUncompressedJsBytes: chunks.reduce((n, c) => n + (fs.existsSync(path.join(root, c)) ? fs.statSync(path.join(root, c)).size : 0), 0),
        firstLoadChunkPaths: chunks,
      });
    }
  }
  return stats.length ? stats : null;
}

/** First-load JS of every route, gzip-compressed, largest first, from Next's build diagnostics (or the manifests). */
function routeBundles() {
  const file = path.join(root, ".next", "diagnostics", "route-bundle-stats.json");
  let stats;
  let source;
  if (fs.existsSync(file)) {
    stats = JSON.parse(fs.readFileSync(file, "utf8"));
    source = path.relative(root, file);
  } else {
    stats = routeBundlesFromManifests();
    source = ".next/build-manifest.json and page_client-reference-manifest.js files (route-bundle-stats.json is absent)";
  }
  if (!stats) return { source: null, top: [] };
  const gz = new Map();
  const gzipSize = (p) => {
    if (!gz.has(p)) {
      const abs = path.join(root, p);
      gz.set(p, fs.existsSync(abs) ? zlib.gzipSync(fs.readFileSync(abs), { level: 9 }).length : NaN);
    }
    return gz.get(p);
  };
  const top = stats
    .map((r) => ({ route: r.route, raw: r.firstLoadUncompressedJsBytes, gzip: r.firstLoadChunkPaths.reduce((s, p) => s + gzipSize(p), 0) }))
    .sort((a, b) => b.gzip - a.gzip || a.route.localeCompare(b.route));
  return { source, top };
}

// --------------------------------------------------------------------------------------------- main

const f2 = (n) => n.toFixed(2);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/**
 * Issue #13: the patch queue means something only with advisories matched to the inventory and OEM-validated
 * patches. When seed:large made none, scripts/large-advisories.ts imports the 144 benchmark advisories into the
 * database, matches them and records the patches (once: later runs find them there).
 */
function ensureAdvisories() {
  const r = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "scripts", "large-advisories.ts"), dbFile],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: "development", DATABASE_PATH: dbFile },
      stdio: "inherit",
    },
  );
  if (r.status !== 0) throw new BenchError(`scripts/large-advisories.ts failed (exit ${r.status}).`);
}

async function main() {
  ensureLargeDb();
  ensureAdvisories();
  const secrets = secretsEnv();
  buildIfStale();
  const ids = pickIds();
  const port = await freePort(Math.floor(positive(process.env.BENCH_PORT, 3390)));
  const base = `http://127.0.0.1:${port}`;
  log(`Starting scripts/server.mjs on ${base} (NODE_ENV=production, SEED_DEMO=0, DATABASE_PATH=${dbFile})`);
  startServer(port, secrets);
  await waitForHealth(base);
  log("Server healthy; signing in as " + EMAIL);
  const cookie = await signIn(base);

  const dashboardTitle = DASHBOARD === "/dashboard" ? "Leadership dashboard" : undefined;
  const targets = [
    { key: "bare", label: "bare dynamic page (baseline)", path: "/bench-baseline", expect: "A bare dynamic page", signedIn: false, goal: 1 },
    { key: "shell", label: "signed-in shell", path: "/help", expect: "The words and scales Clearline uses", goal: 1.25 },
    { key: "dashboard", label: "dashboard (whole organization)", path: DASHBOARD, expect: dashboardTitle, goal: 2.5 },
    {
      key: "dashboardSite",
      label: `dashboard (site: ${ids.site.name})`,
      path: `${DASHBOARD}${DASHBOARD.includes("?") ? "&" : "?"}site=${ids.site.id}`,
      expect: dashboardTitle,
      goal: 2.5,
    },
    { key: "raci", label: `RACI class (${ids.raci.name})`, path: `/raci/${ids.raci.id}`, expect: `${html(ids.raci.name)} — RACI`, goal: 2 },
    {
      key: "results",
      label: "assessment results",
      path: `/assessments/${ids.assessment.id}/results`,
      expect: `Results: ${html(ids.assessment.name)}`,
      goal: 2,
    },
    {
      key: "inventory",
      label: `inventory (site and class: ${ids.inventoryClass.name})`,
      path: `/inventory?site=${ids.site.id}&deviceClass=${ids.inventoryClass.id}`,
      expect: "Inventory accuracy",
      goal: 2,
    },
    { key: "patches", label: `patch queue (party: ${ids.patchParty.name})`, path: `/patches?party=${ids.patchParty.id}`, expect: "Patch queue", goal: 2 },
  ];
  // BENCH_PAGES=bare,shell,patches measures only those pages (keys above); the bare page is always measured.
  const only = (process.env.BENCH_PAGES ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  if (only.length > 0) {
    const unknown = only.filter((k) => !targets.some((t) => t.key === k));
    if (unknown.length) throw new BenchError(`BENCH_PAGES: unknown page ${unknown.join(", ")} (known: ${targets.map((t) => t.key).join(", ")}).`);
    targets.splice(0, targets.length, ...targets.filter((t) => t.key === "bare" || only.includes(t.key)));
  }
  for (const t of targets) {
    const bytes = await verifyPage(base, t, cookie);
    t.htmlKib = bytes / 1024;
    log(`verified ${t.path}: 200, the real page (${t.htmlKib.toFixed(0)} KiB of HTML)`);
  }
  for (const t of targets) await warm(base, t, cookie);

  const memory = memorySampler(server.pid);
  memory.phase();
  const results = [];
  for (const t of targets) {
    log(`measuring ${t.path} for ${DURATION} s with ${CONNECTIONS} connections…`);
    const m = await measure(base, t, cookie);
    results.push({ ...t, ...m, rssKb: memory.phase() });
  }
  const mem = memory.stop();
  // The session must still be valid at the end: otherwise a page could have measured a redirect.
  await verifyPage(base, targets[1], cookie);
  await stopServerAndWait();

  const bare = results[0].p50;
  // A page none of whose requests completed within the duration has no p50: NaN, which no goal accepts.
  const ratio = (r) => (bare > 0 && r.total > 0 ? r.p50 / bare : NaN);
  const tail = (r) => (r.p50 > 0 && r.total > 0 ? r.p99 / r.p50 : NaN);
  const w = Math.max(...results.map((r) => r.path.length)) + 2;
  const lw = Math.max(...results.map((r) => r.label.length)) + 2;
  console.log("");
  console.log(
    `Clearline benchmark — ${new Date().toISOString()} — ${CONNECTIONS} connections, ${DURATION} s per URL, node ${process.version}, ${path.basename(dbFile)}`,
  );
  console.log("");
  const mb = (kb) => (kb / 1024).toFixed(0);
  console.log(
    `| ${pad("page", lw)}| ${pad("URL", w)}| ${lpad("HTML KiB", 8)} | ${lpad("req/s", 8)} | ${lpad("p50 ms", 7)} | ${lpad("p99 ms", 7)} | ${lpad("p99/p50", 7)} | ${lpad("× bare", 6)} | ${lpad("goal", 5)} | ${lpad("peak RSS MB", 11)} |`,
  );
  console.log(
    `|${"-".repeat(lw + 1)}|${"-".repeat(w + 1)}|${"-".repeat(10)}|${"-".repeat(10)}|${"-".repeat(9)}|${"-".repeat(9)}|${"-".repeat(9)}|${"-".repeat(8)}|${"-".repeat(7)}|${"-".repeat(13)}|`,
  );
  for (const r of results) {
    console.log(
      `| ${pad(r.label, lw)}| ${pad(r.path, w)}| ${lpad(r.htmlKib.toFixed(0), 8)} | ${lpad(r.rps.toFixed(1), 8)} | ${lpad(r.p50, 7)} | ${lpad(r.p99, 7)} | ${lpad(f2(tail(r)), 7)} | ${lpad(f2(ratio(r)), 6)} | ${lpad(r.key === "bare" ? "—" : `≤${r.goal}`, 5)} | ${lpad(mb(r.rssKb), 11)} |`,
    );
  }
  console.log("");
  const peakKb = Math.max(mem.peakRssKb, mem.hwmMaxKb);
  console.log(
    `Server peak memory: ${mb(mem.peakRssKb)} MB (highest VmRSS of the server process tree, sampled every 200 ms); ` +
      `VmHWM ${mb(mem.hwmMaxKb)} MB (largest process), ${mb(mem.hwmSumKb)} MB summed over ${mem.processes} process(es).`,
  );
  const bundles = routeBundles();
  if (bundles.source) {
    console.log(`First-load JS per route (gzip level 9, from ${bundles.source}), largest first:`);
    for (const b of bundles.top)
      console.log(`  ${pad(b.route, 40)} ${lpad((b.gzip / 1024).toFixed(1), 7)} KiB gzip (${(b.raw / 1024).toFixed(0)} KiB uncompressed)`);
  } else {
    console.log("First-load JS: unknown (neither .next/diagnostics/route-bundle-stats.json nor the build manifests were found).");
  }
  const verdict = (ok) => (ok ? "met" : "NOT met");
  console.log("Goals (issue #15), p50 as a multiple of the bare page:");
  for (const r of results.slice(1))
    console.log(`  ${pad(r.label, lw)} ${r.total > 0 ? f2(ratio(r)) : `no request completed in ${DURATION} s`} ≤ ${r.goal} (${verdict(ratio(r) <= r.goal)})`);
  const worstTail = results.reduce((a, r) => (!(tail(r) <= tail(a)) ? r : a));
  // Issue #13 item 4: the patch queue filtered by party against both trivial pages of this run.
  const patches = results.find((r) => r.key === "patches");
  const shell = results.find((r) => r.key === "shell");
  if (patches && shell) {
    const vsShell = shell.p50 > 0 && shell.total > 0 && patches.total > 0 ? patches.p50 / shell.p50 : NaN;
    console.log(
      `  ${pad(`patch queue ${patches.path}`, lw)} ${f2(ratio(patches))}× bare page, ${f2(vsShell)}× /help (≤ 2× the trivial page: ${verdict(vsShell <= 2)} against /help)`,
    );
  }
  console.log(`  p99 ≤ 3× p50 on every page: worst ${f2(tail(worstTail))} on ${worstTail.path} (${verdict(results.every((r) => tail(r) <= 3))})`);
  console.log(`  server peak memory < 600 MB: ${mb(peakKb)} MB (${verdict(peakKb < 600 * 1024)})`);
  if (bundles.top[0])
    console.log(
      `  first-load JS ≤ 160 KiB gzip on every route: largest ${(bundles.top[0].gzip / 1024).toFixed(1)} KiB, ${bundles.top[0].route} (${verdict(bundles.top[0].gzip <= 160 * 1024)})`,
    );
  console.log("");
  // Issue #13: re-matching every advisory against the large inventory (scripts/bench-match.ts, in its own process
  // once the server is stopped, so the two do not share the machine's cores).
  await stopServerAndWait().catch(() => {});
  const match = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "scripts", "bench-match.ts")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "development" },
  });
  console.log(match.status === 0 ? match.stdout.trim() : `re-match every advisory: failed (${(match.stderr || match.stdout).trim().split("\n")[0]})`);
  const dashboard = results.find((r) => r.key === "dashboard");
  if (dashboard) console.log(`dashboard p50 ratio vs bare page: ${f2(ratio(dashboard))}`);
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    stopServer();
    process.exit(130);
  });
}
process.on("exit", stopServer);

main().catch(async (e) => {
  console.error(`[bench] ${e instanceof BenchError ? e.message : (e?.stack ?? e)}`);
  await stopServerAndWait().catch(() => {});
  process.exit(1);
});
