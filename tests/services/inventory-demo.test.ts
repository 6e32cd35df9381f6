import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { demoCmmsExportCsv } from "@/db/seed/inventory-demo";
import { DEMO_CMMS_SOURCE } from "@/db/seed/inventory-data";
import { loadActor } from "@/lib/services/auth/load-actor";
import { previewImport } from "@/lib/services/inventory/preview-import";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { clock } from "@/lib/clock";
import { addDays } from "@/lib/rules/patch-priority";
import { sampleCmmsExportCsv } from "@/lib/services/inventory/sample-export";
import { testDb } from "../test-db";

describe("the demo inventory", () => {
  test("about 1,200 devices over Lakeside's three sites, with connected, unsupported, duplicate and incomplete ones", async () => {
    const { db } = testDb();
    const started = clock.ms();
    await seedDemoIfEmpty(db);
    expect(clock.ms() - started).toBeLessThan(15_000);
    const n = (q: string) => db.get<{ n: number }>(sql.raw(q))!.n;
    expect(n("select count(*) as n from devices")).toBeGreaterThanOrEqual(1150);
    expect(n("select count(*) as n from devices")).toBeLessThanOrEqual(1250);
    expect(
      db.all<{ code: string }>(sql`select s.code from devices d join sites s on s.id = d.site_id group by s.code order by s.code`).map((r) => r.code),
    ).toEqual(["EOC", "LMH", "NCH"]);
    expect(n("select count(*) as n from devices where connected = 1 and ip_address is not null")).toBeGreaterThan(400);
    const today = clock.today();
    expect(
      n(
        `select count(*) as n from devices d join device_models m on m.id = d.model_id where coalesce(min(m.end_of_support, m.end_of_security_patches), m.end_of_support, m.end_of_security_patches) <= '${today}'`,
      ),
    ).toBeGreaterThan(50);
    expect(n("select count(*) as n from (select 1 from devices group by manufacturer_id, model_id, serial_number having count(*) > 1)")).toBe(3);
    expect(n("select count(*) as n from devices where location is null")).toBeGreaterThan(0);
    expect(n("select count(*) as n from devices where connected = 1 and ip_address is null and mac_address is null")).toBeGreaterThan(0);
    expect(n("select count(*) as n from device_models where device_class_id is null")).toBeGreaterThan(0);
    expect(n("select count(*) as n from device_models where end_of_support is null and end_of_security_patches is null")).toBeGreaterThan(0);
    expect(n("select count(*) as n from device_events where kind = 'changed' and work_order is not null")).toBeGreaterThan(0);
    expect(n("select count(*) as n from audit_log where action = 'INVENTORY_IMPORTED'")).toBe(1);
  });

  test("the sample CMMS export that ships with the app re-imports into the demo with 0 changes", async () => {
    const { db } = testDb();
    await seedDemoIfEmpty(db);
    const ce = loadActor(db, 3)!;
    expect(ce.email).toBe("ce.lead@lakeside.example");
    const bytes = new TextEncoder().encode(demoCmmsExportCsv(clock.today()));
    const p = await previewImport(db, ce, { fileName: "lakeside-cmms-export.csv", bytes, source: DEMO_CMMS_SOURCE, fullExport: true });
    expect(p.mappingProblems).toEqual([]);
    expect(p.errors).toEqual([]);
    expect(p.unknownManufacturers).toEqual([]);
    expect(p.counts).toMatchObject({ new: 0, changed: 0, missing: 0, errors: 0 });
    expect(p.counts.unchanged).toBe(p.counts.rows);
    expect((await commitImport(db, ce, { fileName: "x.csv", bytes, source: DEMO_CMMS_SOURCE, fullExport: true })).importId).toBeNull();
  });

  test("the sample offered days after the demo was seeded is still the demo's own export: nothing to change", async () => {
    const { db } = testDb();
    await seedDemoIfEmpty(db);
    const ce = loadActor(db, 3)!;
    // As if asked the next day and a month later (the demo was seeded today): the same file as on the seed's day.
    const seedDay = clock.today();
    for (const later of [addDays(seedDay, 1), addDays(seedDay, 31)]) {
      const csv = sampleCmmsExportCsv(db, ce, later);
      expect(csv).toBe(demoCmmsExportCsv(seedDay));
      expect(csv).not.toBe(demoCmmsExportCsv(later));
      const p = await previewImport(db, ce, { fileName: "sample.csv", bytes: new TextEncoder().encode(csv), source: DEMO_CMMS_SOURCE, fullExport: true });
      expect(p.counts.unchanged).toBe(p.counts.rows);
    }
  });

  test("without the demo's import (a hospital's own database) the sample is the demo inventory as of today", () => {
    const { db } = testDb();
    const later = addDays(clock.today(), 5);
    expect(sampleCmmsExportCsv(db, { id: 1, roles: ["admin"] } as never, later)).toBe(demoCmmsExportCsv(later));
  });
});
