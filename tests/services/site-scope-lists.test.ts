import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { loadActor } from "@/lib/services/auth/load-actor";
import { listAssessments } from "@/lib/services/assessments/get-assessment";
import { listActionItems } from "@/lib/services/action-items/list-action-items";
import { listDrills } from "@/lib/services/drills/get-drills";
import { listPlans } from "@/lib/services/plans/get-plans";
import { testDb } from "../test-db";

describe("site scope in lists (issue #10, authorization matrix)", () => {
  test("a user limited to Eastgate lists Eastgate's and organization-wide records only; the unlimited CIO lists all", async () => {
    const { db, sqlite } = testDb();
    await seedDemoIfEmpty(db);
    const cioId = db.select().from(users).where(eq(users.email, "cio@lakeside.example")).get()!.id;
    const eastgate = (sqlite.prepare("select id from sites where name like 'Eastgate%'").get() as { id: number }).id;
    const actor = () => {
      const { active: _a, ...a } = loadActor(db, cioId)!;
      return a;
    };
    const all = {
      drills: listDrills(db, actor()),
      plans: listPlans(db, actor()),
      items: listActionItems(db, actor()),
      assessments: listAssessments(db, actor()),
    };
    expect(new Set(all.drills.map((d) => d.siteId)).size).toBeGreaterThan(1);

    db.update(users).set({ siteId: eastgate }).where(eq(users.id, cioId)).run();
    const drills = listDrills(db, actor());
    expect(drills.length).toBeGreaterThan(0);
    expect(drills.every((d) => d.siteId === eastgate)).toBe(true);
    const planSites = sqlite.prepare("select id, site_id as siteId from response_plans").all() as { id: number; siteId: number | null }[];
    expect(
      listPlans(db, actor())
        .map((p) => p.id)
        .sort(),
    ).toEqual(
      planSites
        .filter((p) => p.siteId == null || p.siteId === eastgate)
        .map((p) => p.id)
        .sort(),
    );
    const items = listActionItems(db, actor());
    expect(items.length).toBeLessThan(all.items.length);
    expect(items.every((i) => i.sourceType !== "drill" || drills.some((d) => `/drills/${d.id}` === i.sourceHref))).toBe(true);
    expect(listAssessments(db, actor()).every((a) => a.siteId == null || a.siteId === eastgate)).toBe(true);
  });
});
