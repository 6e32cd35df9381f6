import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, isNotNull, ne } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { createDb } from "@/db/client";
import { activities, deviceClasses, devices, sites, users } from "@/db/schema";
import { getAccuracy } from "@/lib/services/inventory/get-accuracy";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { setSecretsForTests } from "@/lib/server/config";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { loadActivities, loadParties } from "@/lib/services/raci/raci-records";
import { setRaciCell } from "@/lib/services/raci/set-raci-cell";
import { getAssessmentResults } from "@/lib/services/assessments/results";
import { assessments } from "@/db/schema";
import { readVersions, versionedCache, versionedMemo, type CacheStats } from "@/lib/services/versioned-cache";
import { listDevices } from "@/lib/services/inventory/list-devices";
import { TEST_SECRETS } from "../test-db";
import { clock } from "@/lib/clock";
import { deviceModels } from "@/db/schema";
import { getRecallFigures } from "@/lib/services/recalls/get-recall-figures";
import { listSupportDecisions } from "@/lib/services/support-decisions/list-support-decisions";
import { createSupportDecision } from "@/lib/services/support-decisions/create-support-decision";
import { approveSupportDecision } from "@/lib/services/support-decisions/approve-support-decision";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Two connections to one database file: the app server and, say, a second server process or a script. */
async function twoConnections() {
  setSecretsForTests(TEST_SECRETS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-cache-"));
  dirs.push(dir);
  const file = path.join(dir, "c.db");
  const a = createDb(file);
  await seedDemoIfEmpty(a.db);
  const b = createDb(file);
  const actor = (db: typeof a.db, email: string) => {
    const { active: _x, ...rest } = loadActor(db, db.select().from(users).where(eq(users.email, email)).get()!.id)!;
    return rest;
  };
  return { a, b, actor };
}

describe("versioned read-model cache", () => {
  test("a value is computed once, then served until a domain it depends on moves", () => {
    setSecretsForTests(TEST_SECRETS);
    const { db } = createDb(":memory:");
    const stats: CacheStats = { hits: 0, misses: 0 };
    let computed = 0;
    const read = () => versionedCache(db, readVersions(db), ["raci"], "k", () => ++computed, stats);
    expect([read(), read(), read()]).toEqual([1, 1, 1]);
    expect(stats).toEqual({ hits: 2, misses: 1 });
    // A write to a table of another domain (here the organization's: a new device class) leaves it alone.
    const at = clock.now().toISOString();
    const before = readVersions(db);
    db.insert(deviceClasses).values({ name: "New class", createdAt: at, updatedAt: at }).run();
    expect(readVersions(db).org).toBe(before.org! + 1);
    expect(read()).toBe(1);
    // The triggers bump "raci" on a write to an activity.
    db.insert(activities).values({ name: "Segment the network", sortOrder: 1, createdAt: at, updatedAt: at }).run();
    expect(readVersions(db).raci).toBeGreaterThan(before.raci!);
    expect(read()).toBe(2);
  });

  test("a RACI change made through another connection (another server process) shows on this one's class page at once", async () => {
    const { a, b, actor } = await twoConnections();
    const syringe = a.db.select().from(deviceClasses).where(eq(deviceClasses.name, "Syringe pumps")).get()!.id;
    const recalls = loadActivities(a.db).find((x) => x.name.startsWith("Handle recalls"))!.id;
    const it = loadParties(a.db).find((p) => p.name === "IT Infrastructure")!.id;
    const cell = (v: ReturnType<typeof getRaciClass>) => v.cells.find((c) => c.activityId === recalls && c.partyId === it)!;
    const first = getRaciClass(a.db, actor(a.db, "auditor@lakeside.example"), syringe);
    expect(getRaciClass(a.db, actor(a.db, "auditor@lakeside.example"), syringe)).toStrictEqual(first);
    setRaciCell(b.db, actor(b.db, "it.lead@lakeside.example"), {
      scope: syringe,
      activityId: recalls,
      partyId: it,
      letter: "C",
      expectedRevision: first.revision,
    });
    const after = getRaciClass(a.db, actor(a.db, "auditor@lakeside.example"), syringe);
    expect(cell(after)).toMatchObject({ letter: "C", overriddenHere: true });
    expect(after.revision).toBe(first.revision + 1);
    a.sqlite.close();
    b.sqlite.close();
  });

  test("what the actor may do is worked out per call, not cached with the shared view", async () => {
    const { a, actor } = await twoConnections();
    const syringe = a.db.select().from(deviceClasses).where(eq(deviceClasses.name, "Syringe pumps")).get()!.id;
    const it = loadParties(a.db).find((p) => p.name === "IT Infrastructure")!.id;
    expect(getRaciClass(a.db, actor(a.db, "it.lead@lakeside.example"), syringe).editableParties).toEqual([it]);
    expect(getRaciClass(a.db, actor(a.db, "auditor@lakeside.example"), syringe).editableParties).toEqual([]);
    expect(getRaciClass(a.db, actor(a.db, "auditor@lakeside.example"), syringe).canSubmit).toBe(false);
    a.sqlite.close();
  });

  test("assessment results follow a new answer and a new action item written by another connection", async () => {
    const { a, b, actor } = await twoConnections();
    const cio = actor(a.db, "cio@lakeside.example");
    const approved = a.db
      .select()
      .from(assessments)
      .all()
      .find((x) => x.status === "approved")!;
    const r1 = getAssessmentResults(a.db, cio, approved.id);
    const gap = r1.gaps[0]!;
    const { createActionItem } = await import("@/lib/services/assessments/results");
    createActionItem(b.db, actor(b.db, "security.lead@lakeside.example"), {
      assessmentId: approved.id,
      subcategoryId: gap.subcategoryId,
      title: "Written elsewhere",
      ownerPartyId: loadParties(b.db)[0]!.id,
      ownerUserId: null,
      dueDate: "2027-03-01",
    });
    expect(getAssessmentResults(a.db, cio, approved.id).actionItems.map((i) => i.title)).toContain("Written elsewhere");
    a.sqlite.close();
    b.sqlite.close();
  });
  test("inventory accuracy (cached since issue #15) follows a device change written by another connection", async () => {
    const { a, b, actor } = await twoConnections();
    const auditor = actor(a.db, "auditor@lakeside.example");
    const located = (v: ReturnType<typeof getAccuracy>) => v.figures.find((f) => f.key === "location")!;
    const first = getAccuracy(a.db, auditor, {}, "2026-06-01");
    expect(first.figures.find((f) => f.key === "location")!.of).toBeGreaterThan(0);
    // Served from the cache while nothing moved: the very same object.
    expect(getAccuracy(a.db, auditor, {}, "2026-06-01")).toBe(first);
    const device = b.db
      .select()
      .from(devices)
      .where(and(isNotNull(devices.location), ne(devices.status, "retired")))
      .get()!;
    b.db.update(devices).set({ location: null }).where(eq(devices.id, device.id)).run();
    const after = getAccuracy(a.db, auditor, {}, "2026-06-01");
    expect(located(after).value).toBe(located(first).value - 1);
    expect(located(after).of).toBe(located(first).of);
    a.sqlite.close();
    b.sqlite.close();
  });
  test("an inventory page (memoized since issue #15) follows a device, a model and a site changed through another connection", async () => {
    const { a, b, actor } = await twoConnections();
    const auditor = actor(a.db, "auditor@lakeside.example");
    const device = a.db
      .select()
      .from(devices)
      .where(and(isNotNull(devices.modelId), ne(devices.status, "retired")))
      .get()!;
    const filter = { q: device.assetTag };
    const first = listDevices(a.db, auditor, filter, "2026-06-01");
    expect(first.rows.map((r) => r.id)).toContain(device.id);
    // Served from memory while nothing moved: the very same object.
    expect(listDevices(a.db, auditor, filter, "2026-06-01")).toBe(first);
    const row = () => listDevices(a.db, auditor, filter, "2026-06-01").rows.find((r) => r.id === device.id)!;
    // A device fact (inventory), its model's support dates (inventory) and its site's name (org), each written by
    // the other connection, show on the next read.
    b.db.update(devices).set({ location: "Room 4242" }).where(eq(devices.id, device.id)).run();
    expect(row().location).toBe("Room 4242");
    b.db.update(deviceModels).set({ endOfSupport: "2026-01-01", endOfSecurityPatches: "2026-01-01" }).where(eq(deviceModels.id, device.modelId!)).run();
    expect(row().support).toBe("unsupported");
    b.db.update(sites).set({ name: "Renamed campus" }).where(eq(sites.id, device.siteId)).run();
    expect(row().site).toBe("Renamed campus");
    // Another day is another page (support status is read against the date).
    expect(listDevices(a.db, auditor, filter, "2025-06-01").rows.find((r) => r.id === device.id)!.support).not.toBe("unsupported");
    a.sqlite.close();
    b.sqlite.close();
  });

  test("a memo keeps its most recent entries per namespace and leaves the other namespaces alone", () => {
    setSecretsForTests(TEST_SECRETS);
    const { db } = createDb(":memory:");
    const v = readVersions(db);
    let computed = 0;
    const read = (ns: string, k: string) => versionedMemo(db, v, ["inventory"], ns, k, () => ++computed, 3);
    expect(read("other", "x")).toBe(1);
    expect([read("list", "a"), read("list", "b"), read("list", "c")]).toEqual([2, 3, 4]);
    expect(read("list", "a")).toBe(2); // a hit makes "a" the most recent
    expect(read("list", "d")).toBe(5); // over 3: the least recently used ("b") goes
    expect(read("list", "b")).toBe(6);
    expect(read("list", "a")).toBe(2);
    expect(read("other", "x")).toBe(1);
  });

  test("replace-or-mitigate figures (cached since issue #15) follow a decision and its approval signed through another connection", async () => {
    const { a, b, actor } = await twoConnections();
    const cio = actor(a.db, "cio@lakeside.example");
    // Read on the day after the decision's review date, so that the approval alone makes it overdue.
    const today = clock.today();
    const tomorrow = new Date(clock.ms() + 86_400_000).toISOString().slice(0, 10);
    const figures = () => getRecallFigures(a.db, cio, {}, tomorrow);
    const uncached = () => {
      const v = listSupportDecisions(a.db, cio, tomorrow);
      return { unsupportedWithoutDecision: v.withoutDecision.length, decisionsOverdue: v.overdue.length };
    };
    const first = figures();
    expect(first).toMatchObject(uncached());
    expect(figures()).toEqual(first);
    const modelId = a.db.select().from(deviceModels).where(eq(deviceModels.name, "Brilliance 64")).get()!.id;
    const decision = createSupportDecision(
      b.db,
      actor(b.db, "ce.lead@lakeside.example"),
      { modelId, siteId: null, kind: "mitigate", replaceBy: null, capitalRequestRef: "", controls: ["physical_control"], details: "", reviewOn: today },
      clock.now(),
    );
    // Awaiting approval: not overdue yet.
    expect(figures().decisionsOverdue).toBe(first.decisionsOverdue);
    // The approval is only a signature row (the decision itself is append-only): migration 0021 bumps `recalls` for it.
    await approveSupportDecision(b.db, actor(b.db, "cio@lakeside.example"), { decisionId: decision.id, password: "lakeside-demo-2026" }, clock.now());
    const after = figures();
    expect(after.decisionsOverdue).toBe(first.decisionsOverdue + 1);
    expect(after).toMatchObject(uncached());
    a.sqlite.close();
    b.sqlite.close();
  });
});
