import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { generateLargeInventory } from "@/db/seed/large/inventory";
import { loadActor } from "@/lib/services/auth/load-actor";
import { listDevices } from "@/lib/services/inventory/list-devices";
import { readVersions } from "@/lib/services/versioned-cache";
import type { DeviceFilter } from "@/lib/validation/inventory";
import { clock } from "@/lib/clock";
import { testDb } from "../test-db";

/**
 * Issue #12: the inventory list's filters use indexes. 20,000 generated devices on the demo organization, ANALYZE,
 * then each filter's statements are captured with their arguments and EXPLAIN QUERY PLAN must not scan `devices`
 * without an index. (The accuracy drill-downs — no location, stale, duplicates — are counts over the whole
 * inventory and may scan; they are not in this list.)
 */
function capture(sqlite: Database.Database, fn: () => void): { sql: string; args: unknown[] }[] {
  const seen = new Map<string, { sql: string; args: unknown[] }>();
  const original = sqlite.prepare;
  sqlite.prepare = function (this: Database.Database, source: string) {
    const stmt = original.call(sqlite, source);
    const entry = seen.get(source) ?? { sql: source, args: [] };
    seen.set(source, entry);
    const s = stmt as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ["all", "get", "run", "iterate"]) {
      const f = s[m]!.bind(stmt);
      s[m] = (...args: unknown[]) => {
        if (entry.args.length === 0) entry.args = args;
        return f(...args);
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

describe("inventory list query plans (20,000 devices)", () => {
  let db: Db;
  let sqlite: Database.Database;
  const today = clock.today();
  beforeAll(async () => {
    const t = testDb();
    db = t.db;
    sqlite = t.sqlite;
    await seedDemoIfEmpty(db);
    generateLargeInventory(db, { devices: 20_000, today, seed: 7 });
    sqlite.exec("ANALYZE");
  }, 120_000);

  const filters = (): [string, DeviceFilter][] => {
    const site = db.get<{ id: number }>(sql`select id from sites order by id limit 1`)!.id;
    const cls = db.get<{ id: number }>(sql`select id from device_classes where name = 'Infusion pumps'`)!.id;
    const maker = db.get<{ id: number }>(sql`select id from manufacturers where name = 'Philips'`)!.id;
    const model = db.get<{ id: number }>(sql`select id from device_models order by id limit 1`)!.id;
    const tag = db.get<{ t: string }>(sql`select asset_tag as t from devices order by id desc limit 1`)!.t;
    return [
      ["site and class", { site, deviceClass: cls }],
      ["class", { deviceClass: cls }],
      ["manufacturer", { manufacturer: maker }],
      ["model", { model }],
      ["site and status", { site, status: "in_service" }],
      ["support status", { support: "unsupported" }],
      ["search", { q: tag }],
      ["search, lower case", { q: tag.toLowerCase() }],
      ["page 3 of everything", { page: 3 }],
    ];
  };

  // listDevices memoizes a page per data version (decision 0042): a stamp no memo holds makes it run its queries, so
  // that their plans are what these tests check (a memo hit would issue no statement and pass for nothing).
  let unseen = 0;
  const fresh = () => ({ ...readVersions(db), inventory: -++unseen });

  test("no list statement scans the devices table without an index", () => {
    const actor = (() => {
      const { active: _a, ...a } = loadActor(db, 1)!;
      return a;
    })();
    const offenders: string[] = [];
    for (const [label, f] of filters()) {
      const statements = capture(sqlite, () => {
        const r = listDevices(db, actor, f, today, fresh());
        expect(r.total, label).toBeGreaterThan(0);
      });
      for (const s of statements) {
        if (!/^\s*(select|with)\b/i.test(s.sql)) continue;
        const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[];
        const scans = plan.map((p) => p.detail).filter((d) => /^SCAN (devices|d)\b/.test(d) && !/USING (COVERING )?INDEX/.test(d));
        if (scans.length) offenders.push(`${label}: ${s.sql}\n${plan.map((p) => `    ${p.detail}`).join("\n")}`);
      }
    }
    expect(offenders, offenders.join("\n\n")).toEqual([]);
  });

  test("a page's ids come from the index alone, sorted without reading the rows (site and class)", () => {
    const { active: _a, ...actor } = loadActor(db, 1)!;
    const [, f] = filters()[0]!;
    const statements = capture(sqlite, () => listDevices(db, actor, f, today, fresh()));
    const ids = statements.find((s) => /^select "id" from "devices"/i.test(s.sql) && /order by "devices"."asset_tag"/i.test(s.sql));
    expect(ids, statements.map((s) => s.sql).join("\n")).toBeDefined();
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${ids!.sql}`).all(...ids!.args) as { detail: string }[]).map((p) => p.detail);
    expect(
      plan.some((d) => /^SEARCH devices USING COVERING INDEX devices_site_status_idx/.test(d)),
      plan.join("\n"),
    ).toBe(true);
  });
});
