import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { createDb, type Db } from "@/db/client";
import { devices, patchRecords } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { addDays } from "@/lib/rules/patch-priority";
import { PATCH_STATUSES } from "@/lib/rules/patch-state";
import { setSecretsForTests } from "@/lib/server/config";
import { listPatchQueue, queueWhere, resolveQueueFilter, PATCH_PAGE_SIZE } from "@/lib/services/patches/list-patch-queue";
import { selectQueue } from "@/lib/services/patches/patch-queue-sql";
import { getPatchPolicy } from "@/lib/services/patches/patch-policy";
import { filterIndex, queueIndex, queuePage, rowsAt } from "@/lib/services/patches/queue-index";
import { savePatchPolicy } from "@/lib/services/patches/save-patch-policy";
import { patchRoutes } from "@/lib/services/patches/route-patches";
import { recordPatchApplied } from "@/lib/services/patches/record-patch-applied";
import { clock } from "@/lib/clock";
import type { PatchQueueFilter } from "@/lib/validation/patches";
import { TEST_SECRETS } from "../test-db";
import { actorOf, devicesOfClass, makeAdvisory, matchDevices, patchDemo, validatePatch } from "./patch-fixtures";

/**
 * Decision 0038: the /patches page filters a ranked index held in memory instead of querying the queue per request.
 * The index must select exactly what the SQL filter (queueWhere + selectQueue, which the API, the export and the
 * dashboard use) selects, in the same rank, for every filter — and follow a write from another connection at once.
 */
const today = clock.today();

type Demo = Awaited<ReturnType<typeof patchDemo>>;
let d: Demo;

/** The item ids, in rank order, that the SQL filter selects and that the index selects. */
function both(db: Db, actor: Actor, f: PatchQueueFilter) {
  const routes = patchRoutes(db, actor);
  const policy = getPatchPolicy(db);
  const { where, outOfScope } = queueWhere(actor, f, routes, policy, today);
  const viaSql = outOfScope ? [] : selectQueue(db, where).map((r) => r.matchId);
  const resolved = resolveQueueFilter(actor, f, routes, today);
  const ix = queueIndex(db);
  const viaIndex = resolved.outOfScope ? [] : filterIndex(ix, resolved, policy, today).map((i) => ix.items.matchId[i]!);
  return { viaSql, viaIndex };
}

beforeAll(async () => {
  d = await patchDemo();
  // Items in every state: more advisories with validated patches of every age and severity, and recorded outcomes.
  const signatureId = d.db.get<{ id: number }>(sql`select id from signatures order by id limit 1`)!.id;
  const by = d.admin.id;
  const at = clock.now().toISOString();
  const cases = [
    { cls: "Ventilators", cvss: 9.8, kev: true, ago: 20 },
    { cls: "Infusion pumps", cvss: 7.5, kev: false, ago: 45 },
    { cls: "Patient monitors", cvss: 5.0, kev: false, ago: 100 },
    { cls: "Telemetry transmitters", cvss: null, kev: false, ago: 3 },
    { cls: "Ventilators", cvss: 9.1, kev: false, ago: 27 },
  ];
  for (const c of cases) {
    const devs = devicesOfClass(d.db, c.cls, 12);
    if (devs.length === 0) continue;
    const modelId = devs[0]!.modelId;
    const chosen = devs.filter((x) => x.modelId === modelId);
    const adv = makeAdvisory(d.db, { cvss: c.cvss, kev: c.kev });
    matchDevices(
      d.db,
      adv,
      chosen.map((x) => x.id),
    );
    validatePatch(d.db, adv.advisoryId, modelId, addDays(today, -c.ago));
    // Outcomes on the first few devices: applied, not applicable, deferred until later, deferred until yesterday (open again).
    const rec = (deviceId: number, values: Partial<typeof patchRecords.$inferInsert>) =>
      d.db
        .insert(patchRecords)
        .values({ advisoryId: adv.advisoryId, deviceId, recordedBy: by, recordedAt: at, outcome: "applied", ...values })
        .run();
    const [a, b, e, f, g] = chosen;
    if (a) rec(a.id, { outcome: "applied", appliedOn: today, workOrder: "WO-1" });
    if (b) rec(b.id, { outcome: "not_applicable", reason: "decommissioned module" });
    if (e) rec(e.id, { outcome: "deferred", deferUntil: addDays(today, 30), reason: "surgery schedule", signatureId });
    if (f) rec(f.id, { outcome: "deferred", deferUntil: addDays(today, -1), reason: "surgery schedule", signatureId });
    if (g) rec(g.id, { outcome: "deferred", deferUntil: today, reason: "last day of the deferral", signatureId });
  }
});

describe("patch queue index (decision 0038)", () => {
  test("the index selects the same items in the same rank as the SQL filter, for every filter", () => {
    const parties = d.db.all<{ id: number }>(sql`select id from parties`).map((p) => p.id);
    const sites = d.db.all<{ id: number }>(sql`select id from sites`).map((s) => s.id);
    const advisory = d.db.get<{ id: number }>(sql`select max(advisory_id) as id from oem_positions`)!.id;
    const device = d.db.get<{ id: number }>(sql`select device_id as id from patch_records order by id limit 1`)!.id;
    const filters: PatchQueueFilter[] = [{}];
    for (const status of [...PATCH_STATUSES, "all"] as const) {
      filters.push({ status }, { status, party: "none" }, { status, site: sites[0] });
      for (const party of parties) filters.push({ status, party }, { status, party, role: "responsible" }, { status, party, role: "accountable" });
    }
    for (const age of ["upTo30", "upTo60", "upTo90", "over90"] as const) filters.push({ age }, { age, status: "all" });
    filters.push({ advisory }, { device, status: "all" }, { site: sites[1], party: parties[0] });
    let nonEmpty = 0;
    for (const actor of [d.auditor, d.ce, d.cio]) {
      for (const f of filters) {
        const { viaSql, viaIndex } = both(d.db, actor, f);
        expect(viaIndex, JSON.stringify(f)).toEqual(viaSql);
        if (viaSql.length > 0) nonEmpty += 1;
      }
    }
    // The comparison means something only if most filters find items.
    expect(nonEmpty).toBeGreaterThan(filters.length);
  });

  test("a site-scoped user's index view is their site's only, as in SQL", () => {
    // The auditor's rights, scoped to the site with the most items (as an admin would scope a site's user).
    const siteId = d.db.get<{ id: number }>(
      sql`select d.site_id as id from advisory_device_matches m join devices d on d.id = m.device_id group by 1 order by count(*) desc limit 1`,
    )!.id;
    const actor: Actor = { ...d.auditor, siteId };
    for (const f of [{}, { status: "all" as const }, { site: actor.siteId! }, { site: actor.siteId! + 1 }]) {
      const { viaSql, viaIndex } = both(d.db, actor, f);
      expect(viaIndex).toEqual(viaSql);
      expect(viaIndex.length > 0).toBe(f.site === undefined || f.site === siteId);
    }
  });

  test("the page is the index's slice, with the rows the SQL query ranks there", () => {
    const routes = patchRoutes(d.db, d.auditor);
    const policy = getPatchPolicy(d.db);
    const f: PatchQueueFilter = { status: "all" };
    const all = selectQueue(d.db, queueWhere(d.auditor, f, routes, policy, today).where);
    expect(all.length).toBeGreaterThan(PATCH_PAGE_SIZE);
    const p1 = listPatchQueue(d.db, d.auditor, f, today);
    const p2 = listPatchQueue(d.db, d.auditor, { ...f, page: 2 }, today);
    expect(p1.total).toBe(all.length);
    const key = (r: { advisoryId: number; deviceId: number }) => `${r.advisoryId}:${r.deviceId}`;
    expect([...p1.rows, ...p2.rows].map(key)).toEqual(all.slice(0, p1.rows.length + p2.rows.length).map(key));
    // Every shown fact equals the SQL row's (the ranking facts come from the index, the rest by primary key).
    const byKey = new Map(all.map((r) => [key(r), r]));
    for (const r of p1.rows) {
      const s = byKey.get(key(r))!;
      expect([r.onKev, r.cvss, r.assetTag, r.trackingId, r.site, r.validatedOn, r.workOrder]).toEqual([
        s.kev === 1,
        s.cvss,
        s.assetTag,
        s.trackingId,
        s.site,
        s.validatedOn,
        s.workOrder,
      ]);
    }
  });
});

describe("patch queue index: query plans", () => {
  test("the page's rows are read by primary key, never by scanning the matches", () => {
    const sqls: string[] = [];
    const original = d.sqlite.prepare;
    d.sqlite.prepare = function (this: typeof d.sqlite, source: string) {
      sqls.push(source);
      return original.call(d.sqlite, source);
    } as typeof d.sqlite.prepare;
    try {
      const ix = queueIndex(d.db);
      rowsAt(d.db, ix.items, [0, 1, 2]);
    } finally {
      d.sqlite.prepare = original;
    }
    const read = sqls.find((s) => /where "advisory_device_matches"\."id" in/i.test(s));
    expect(read, sqls.join("\n")).toBeDefined();
    const ids = [...read!.matchAll(/\?/g)].map((_, i) => i + 1);
    const plan = (d.sqlite.prepare(`EXPLAIN QUERY PLAN ${read}`).all(...ids) as { detail: string }[]).map((p) => p.detail);
    expect(
      plan.some((p) => /^SEARCH advisory_device_matches USING INTEGER PRIMARY KEY/.test(p)),
      plan.join("\n"),
    ).toBe(true);
    expect(plan.filter((p) => /^SCAN advisory_device_matches\b/.test(p))).toEqual([]);
  });
});

describe("patch queue index: fresh after a committed write from another connection", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const x of dirs.splice(0)) fs.rmSync(x, { recursive: true, force: true });
  });

  test("recording work, retiring a device and a new OEM-validated patch, written by another process, show at once", async () => {
    setSecretsForTests(TEST_SECRETS);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-queue-index-"));
    dirs.push(dir);
    const file = path.join(dir, "q.db");
    const a = createDb(file);
    await seedDemoIfEmpty(a.db);
    const b = createDb(file);
    try {
      const auditor = actorOf(a.db, "auditor@lakeside.example");
      const ceOnB = actorOf(b.db, "ce.lead@lakeside.example");
      const first = listPatchQueue(a.db, auditor, {}, today);
      expect(first.total).toBeGreaterThan(0);
      const ix = queueIndex(a.db);
      expect(queueIndex(a.db).items).toBe(ix.items); // served from memory while nothing moved

      // A page read twice is cut from the index once (queuePage's memo)…
      const policy = getPatchPolicy(a.db);
      const resolved = resolveQueueFilter(auditor, {}, patchRoutes(a.db, auditor), today);
      expect(queuePage(a.db, queueIndex(a.db), resolved, policy, today, 1, PATCH_PAGE_SIZE)).toBe(
        queuePage(a.db, queueIndex(a.db), resolved, policy, today, 1, PATCH_PAGE_SIZE),
      );

      // 1. Work recorded through the other connection: the item leaves the open queue, and a page that still holds it
      //    (every status, the one device) shows the work order — the memo's rows are not reused after the write.
      const item = first.rows.find((r) => r.responsible?.some((h) => h.partyId === ceOnB.partyId))!;
      expect(listPatchQueue(a.db, auditor, { status: "all", device: item.deviceId }, today).rows.map((r) => r.workOrder)).not.toContain("WO-77");
      recordPatchApplied(b.db, ceOnB, { advisoryId: item.advisoryId, deviceId: item.deviceId, appliedOn: today, workOrder: "WO-77", notes: "" });
      const afterWork = listPatchQueue(a.db, auditor, {}, today);
      expect(afterWork.total).toBe(first.total - 1);
      expect(queueIndex(a.db).items).toBe(ix.items); // only the outcomes were re-read
      expect(listPatchQueue(a.db, auditor, { status: "applied", device: item.deviceId }, today).rows.map((r) => r.workOrder)).toContain("WO-77");
      expect(listPatchQueue(a.db, auditor, { status: "all", device: item.deviceId }, today).rows.map((r) => r.workOrder)).toContain("WO-77");

      // 2. A device retired through the other connection: its items leave the queue.
      const other = afterWork.rows[0]!;
      const itemsOfDevice = listPatchQueue(a.db, auditor, { device: other.deviceId }, today).total;
      b.db.update(devices).set({ status: "retired" }).where(eq(devices.id, other.deviceId)).run();
      expect(listPatchQueue(a.db, auditor, {}, today).total).toBe(afterWork.total - itemsOfDevice);

      // 3. A new OEM-validated patch through the other connection: its devices join the queue.
      const devs = devicesOfClass(b.db, "Ventilators", 5).filter((x, _i, all) => x.modelId === all[0]!.modelId);
      const adv = makeAdvisory(b.db, { cvss: 9.9, kev: true });
      matchDevices(
        b.db,
        adv,
        devs.map((x) => x.id),
      );
      validatePatch(b.db, adv.advisoryId, devs[0]!.modelId, addDays(today, -1));
      const withNew = listPatchQueue(a.db, auditor, { advisory: adv.advisoryId }, today);
      expect(withNew.rows.map((r) => r.deviceId).sort()).toEqual(devs.map((x) => x.id).sort());
      expect(withNew.rows[0]!.onKev).toBe(true);

      // 4. A new patch policy saved through the other connection: the page's policy and due dates follow at once
      //    (the policy is cached under the org counter, which a settings write bumps).
      const before = listPatchQueue(a.db, auditor, { advisory: adv.advisoryId }, today);
      savePatchPolicy(b.db, actorOf(b.db, "admin@lakeside.example"), { kevDays: 3, criticalDays: 30, highDays: 60, otherDays: 90 });
      const after = listPatchQueue(a.db, auditor, { advisory: adv.advisoryId }, today);
      expect(before.policy.kevDays).not.toBe(3);
      expect(after.policy.kevDays).toBe(3);
      expect(after.rows[0]!.dueOn).toBe(addDays(addDays(today, -1), 3));
    } finally {
      a.sqlite.close();
      b.sqlite.close();
    }
  });
});
