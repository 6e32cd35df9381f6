import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { loadActor } from "@/lib/services/auth/load-actor";
import { findDevice } from "@/lib/services/inventory/find-device";
import { getAccuracy } from "@/lib/services/inventory/get-accuracy";
import { getDevice } from "@/lib/services/inventory/get-device";
import { listDevices } from "@/lib/services/inventory/list-devices";
import { testDb } from "../test-db";

test("a user limited to one site sees, finds and counts only that site's devices; another site's device is not found", async () => {
  const { db } = testDb();
  await seedDemoIfEmpty(db);
  const cio = db.select().from(users).where(eq(users.email, "cio@lakeside.example")).get()!;
  const eastgate = db.get<{ id: number }>(sql`select id from sites where name = 'Eastgate Outpatient Clinic'`)!.id;
  db.update(users).set({ siteId: eastgate }).where(eq(users.id, cio.id)).run();
  const { active: _a, ...scoped } = loadActor(db, cio.id)!;
  const perSite = db.all<{ site_id: number; n: number }>(sql`select site_id, count(*) as n from devices group by site_id`);
  const admin = loadActor(db, db.select().from(users).where(eq(users.email, "admin@lakeside.example")).get()!.id)!;
  // What the admin sees when asking for Eastgate is all the scoped CIO sees, without asking.
  const own = listDevices(db, admin, { site: eastgate } as never).total;
  expect(own).toBeGreaterThan(0);
  expect(listDevices(db, scoped, {} as never).total).toBe(own);
  const otherSite = perSite.find((r) => r.site_id !== eastgate)!.site_id;
  expect(listDevices(db, scoped, { site: otherSite } as never).total).toBe(0);
  expect(getAccuracy(db, scoped, { siteId: null })).toEqual(getAccuracy(db, admin, { siteId: eastgate }));
  const foreign = db.get<{ id: number; tag: string }>(sql`select id, asset_tag as tag from devices where site_id = ${otherSite} limit 1`)!;
  expect(() => getDevice(db, scoped, foreign.id)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  expect(() => findDevice(db, scoped, foreign.tag)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
});
