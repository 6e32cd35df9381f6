import type Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";
import { generateLargeDataset, LARGE_EMAIL_DOMAIN } from "@/db/seed/large/generate";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getDashboard, getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";
import { testDb } from "../test-db";

/**
 * Issue #6: every query the dashboard runs uses an index on the large tables. The dashboard is computed
 * (uncached: a fresh database) on a large-shaped dataset with planner statistics, every statement is
 * captured with the arguments it ran with, and its EXPLAIN QUERY PLAN must not scan a large table
 * without an index.
 */
const NOW = new Date("2026-11-01T00:00:00.000Z");
const SCALE = 0.05;
const SEED = 20261101;

/** Tables that grow with the health system; the others (sites, parties, users, activities, …) are small. */
const LARGE_TABLES = new Set([
  "audit_log",
  "action_items",
  "drills",
  "drill_objectives",
  "drill_findings",
  "drill_participants",
  "drill_plans",
  "drill_classes",
  "assessment_answers",
  "signatures",
  "raci_versions",
  "raci_overrides",
  "plan_acknowledgements",
]);

interface Captured {
  sql: string;
  args: unknown[];
}

/** Runs `fn` with every prepared statement recorded, with the arguments of its first execution. */
function captureStatements(sqlite: Database.Database, fn: () => void): Captured[] {
  const seen = new Map<string, Captured>();
  const original = sqlite.prepare;
  sqlite.prepare = function (this: Database.Database, source: string) {
    const stmt = original.call(sqlite, source);
    const entry = seen.get(source) ?? { sql: source, args: [] };
    seen.set(source, entry);
    const s = stmt as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const method of ["all", "get", "run", "iterate"]) {
      const run = s[method]!.bind(stmt);
      s[method] = (...args: unknown[]) => {
        if (entry.args.length === 0) entry.args = args;
        return run(...args);
      };
    }
    return stmt;
  } as typeof sqlite.prepare;
  try {
    fn();
  } finally {
    sqlite.prepare = original;
  }
  return [...seen.values()];
}

/** `SCAN <table>` of a large table without an index ("SCAN t USING [COVERING] INDEX …" is fine). */
function fullScans(plan: { detail: string }[]): string[] {
  return plan
    .map((p) => p.detail)
    .filter((d) => {
      const m = /^SCAN (\w+)/.exec(d);
      return m !== null && LARGE_TABLES.has(m[1]!) && !/USING (COVERING )?INDEX/.test(d);
    });
}

describe("dashboard query plans on a large-shaped dataset", () => {
  let sqlite: Database.Database;
  let captured: Captured[] = [];
  let cio: Actor;

  beforeAll(async () => {
    const t = testDb();
    sqlite = t.sqlite;
    await generateLargeDataset(t.db, { scale: SCALE, now: NOW, seed: SEED });
    sqlite.exec("ANALYZE");
    const row = sqlite.prepare("SELECT id FROM users WHERE email = ?").get(`cio@${LARGE_EMAIL_DOMAIN}`) as { id: number };
    const { active: _active, ...actor } = loadActor(t.db, row.id)!;
    cio = actor;
    const siteId = (sqlite.prepare("SELECT id FROM sites ORDER BY id LIMIT 1").get() as { id: number }).id;
    captured = captureStatements(sqlite, () => {
      getDashboard(t.db, cio, {}, NOW);
      getDashboard(t.db, cio, { siteId }, NOW);
      getMyDashboardItems(t.db, cio, NOW);
    });
  }, 120_000);

  test("the dashboard ran its queries (uncached)", () => {
    expect(cio.roles).toContain("leadership");
    expect(captured.length).toBeGreaterThan(10);
    expect(captured.some((c) => /from "action_items"/.test(c.sql))).toBe(true);
    expect(captured.some((c) => /from "raci_versions"/.test(c.sql))).toBe(true);
  });

  test("no statement scans a large table without an index", () => {
    const offenders: string[] = [];
    for (const { sql, args } of captured) {
      if (!/^\s*(select|with)\b/i.test(sql)) continue;
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
      const scans = fullScans(plan);
      if (scans.length) offenders.push(`${sql}\n  args: ${JSON.stringify(args).slice(0, 200)}\n  plan:\n${plan.map((p) => `    ${p.detail}`).join("\n")}`);
    }
    expect(offenders.length, `${offenders.length} statement(s) scan a large table without an index:\n\n${offenders.join("\n\n")}\n`).toBe(0);
  });
});
