import type Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { deviceClasses, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { cellAt } from "@/lib/rules/raci";
import { createDeviceClass } from "@/lib/services/admin/create-device-class";
import { loadActor } from "@/lib/services/auth/load-actor";
import { testDb } from "@/tests/test-db";
import { getRaciClass } from "./get-raci-class";
import { loadActivities, loadParties, resolveClass } from "./raci-records";
import { setRaciCell } from "./set-raci-cell";

let db: Db;
let sqlite: Database.Database;
let admin: Actor;
const deep: number[] = []; // deep[i] is the class at depth i + 2 under Infusion pumps → Syringe pumps

const cls = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;

/**
 * Counts the SQL statements `fn` executes on the better-sqlite3 handle: every prepare(), and every execution of any
 * statement — including one prepared once per connection before `fn` ran (readVersions, the session reads), which is
 * why executions are counted on the Statement prototype rather than on the statements `fn` prepares.
 */
function countStatements<T>(fn: () => T): { prepared: number; executed: number; sql: string[]; result: T } {
  const original = sqlite.prepare;
  const proto = Object.getPrototypeOf(original.call(sqlite, "select 1")) as Record<string, unknown>;
  const methods = ["run", "get", "all", "iterate"] as const;
  const saved = methods.map((m) => proto[m]);
  let prepared = 0;
  let executed = 0;
  const seen: string[] = [];
  sqlite.prepare = function (this: Database.Database, source: string) {
    prepared++;
    seen.push(source);
    return original.call(this, source);
  } as typeof sqlite.prepare;
  methods.forEach((m, i) => {
    const f = saved[i] as (...a: unknown[]) => unknown;
    proto[m] = function (this: unknown, ...args: unknown[]) {
      executed++;
      return f.apply(this, args);
    };
  });
  try {
    const result = fn();
    return { prepared, executed, sql: seen, result };
  } finally {
    sqlite.prepare = original;
    methods.forEach((m, i) => (proto[m] = saved[i]));
  }
}

beforeAll(async () => {
  ({ db, sqlite } = testDb());
  await seedDemoIfEmpty(db);
  const adminId = db.select().from(users).where(eq(users.email, "admin@lakeside.example")).get()!.id;
  const { active: _a, ...actor } = loadActor(db, adminId)!;
  admin = actor;
  const base = {
    description: "",
    regulated: "yes" as const,
    fdaClass: null,
    connectivity: "wired" as const,
    remoteVendorAccess: false,
    storesPhi: false,
    lifeSustaining: false,
    criticality: "low" as const,
  };
  let parent = cls("Syringe pumps");
  for (let depth = 2; depth <= 5; depth++) {
    parent = createDeviceClass(db, admin, { ...base, name: `Syringe pumps, level ${depth}`, parentId: parent }).id;
    deep.push(parent);
  }
  // An override at level 2 and one at level 4, so the deep class really inherits through the chain.
  const recalls = loadActivities(db).find((a) => a.name.startsWith("Handle recalls"))!.id;
  const oem = loadParties(db).find((p) => p.name === "OEM (Manufacturer)")!.id;
  const sec = loadParties(db).find((p) => p.name === "Information Security")!.id;
  setRaciCell(db, admin, { scope: deep[0]!, activityId: recalls, partyId: oem, letter: "R", expectedRevision: 0 });
  setRaciCell(db, admin, { scope: deep[2]!, activityId: recalls, partyId: sec, letter: "I", expectedRevision: 0 });
});

describe("resolveClass costs a fixed number of queries whatever the depth of the tree", () => {
  test("the depth-5 class really is five levels down and inherits through every level", () => {
    const r = resolveClass(db, deep[3]!);
    expect(r.chain.map((c) => c.className)).toEqual([
      "Infusion pumps",
      "Syringe pumps",
      "Syringe pumps, level 2",
      "Syringe pumps, level 3",
      "Syringe pumps, level 4",
      "Syringe pumps, level 5",
    ]);
    const recalls = r.activities.find((a) => a.name.startsWith("Handle recalls"))!.id;
    const oem = r.parties.find((p) => p.name === "OEM (Manufacturer)")!.id;
    const sec = r.parties.find((p) => p.name === "Information Security")!.id;
    const fromLevel2 = cellAt(r.resolved, recalls, oem);
    expect(fromLevel2.letter).toBe("R");
    expect(fromLevel2.source).toEqual({ kind: "class", classId: deep[0], className: "Syringe pumps, level 2" });
    expect(fromLevel2.overriddenHere).toBe(false);
    expect(cellAt(r.resolved, recalls, sec)).toMatchObject({
      letter: "I",
      overriddenHere: false,
      source: { kind: "class", className: "Syringe pumps, level 4" },
    });
  });

  test("depth 0, depth 1 and depth 5 execute the same number of statements", () => {
    const [vent, syringe, level5] = [cls("Ventilators"), cls("Syringe pumps"), deep[3]!];
    const depth0 = countStatements(() => resolveClass(db, vent));
    const depth1 = countStatements(() => resolveClass(db, syringe));
    const depth5 = countStatements(() => resolveClass(db, level5));
    expect(depth1.result.chain).toHaveLength(2);
    expect(depth5.result.chain).toHaveLength(6);

    expect(depth1.executed).toBeGreaterThan(0);
    expect(depth5.executed).toBe(depth1.executed);
    expect(depth5.prepared).toBe(depth1.prepared);
    expect(depth0.executed).toBe(depth1.executed);
    // Device classes, overrides of the chain, activities, parties, template.
    expect(depth1.executed).toBeLessThanOrEqual(5);
  });

  test("every intermediate depth costs the same too", () => {
    const ids = [cls("Ventilators"), cls("Infusion pumps"), cls("Syringe pumps"), ...deep];
    const costs = ids.map((id) => countStatements(() => resolveClass(db, id)).executed);
    expect(new Set(costs).size).toBe(1);
  });

  test("the whole class page (getRaciClass) costs the same at depth 1 and depth 5", () => {
    const [syringe, level5] = [cls("Syringe pumps"), deep[3]!];
    const depth1 = countStatements(() => getRaciClass(db, admin, syringe));
    const depth5 = countStatements(() => getRaciClass(db, admin, level5));
    expect(depth1.executed).toBeGreaterThan(5);
    expect(depth5.executed).toBe(depth1.executed);
  });
});
