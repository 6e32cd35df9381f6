import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { loadActor } from "@/lib/services/auth/load-actor";
import { listDevices, dropUnknownFilterIds } from "@/lib/services/inventory/list-devices";
import { getDevice } from "@/lib/services/inventory/get-device";
import { getModel } from "@/lib/services/inventory/get-model";
import { getAccuracy } from "@/lib/services/inventory/get-accuracy";
import { deviceExportResponse, deviceExportRows } from "@/lib/services/inventory/export-devices";
import { updateDevice } from "@/lib/services/inventory/update-device";
import { updateModel } from "@/lib/services/inventory/update-model";
import { listImports } from "@/lib/services/inventory/list-imports";
import { parseDeviceFilter, parseDeviceListQuery } from "@/lib/validation/inventory";
import { findDevice } from "@/lib/services/inventory/find-device";
import { getInventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { linkedFacts } from "@/lib/services/assessments/linked-facts";
import { clock } from "@/lib/clock";
import { testDb } from "../test-db";
import { inventoryCounts } from "./inventory-fixtures";

const actorOf = (db: Db, email: string): Actor => {
  const id = db.get<{ id: number }>(sql`select id from users where email = ${email}`)!.id;
  const { active: _a, ...a } = loadActor(db, id)!;
  return a;
};

async function demo() {
  const { db, sqlite } = testDb();
  await seedDemoIfEmpty(db);
  return {
    db,
    sqlite,
    ce: actorOf(db, "ce.lead@lakeside.example"),
    it: actorOf(db, "it.lead@lakeside.example"),
    sec: actorOf(db, "security.lead@lakeside.example"),
    auditor: actorOf(db, "auditor@lakeside.example"),
    contributor: actorOf(db, "assessor@lakeside.example"),
    admin: actorOf(db, "admin@lakeside.example"),
  };
}

describe("reading the inventory (demo)", () => {
  let d: Awaited<ReturnType<typeof demo>>;
  const today = clock.today();
  beforeAll(async () => {
    d = await demo();
  });
  const count = (q: string) => d.db.get<{ n: number }>(sql.raw(q))!.n;

  test("the list pages 50 at a time, leaves retired devices out unless asked, and every role reads it", () => {
    const all = listDevices(d.db, d.auditor, {}, today);
    expect(all.total).toBe(count("select count(*) as n from devices where status <> 'retired'"));
    expect(all.rows).toHaveLength(50);
    expect(listDevices(d.db, d.auditor, { page: 2 }, today).rows[0]!.assetTag > all.rows[49]!.assetTag).toBe(true);
    expect(listDevices(d.db, d.contributor, { status: "retired" }, today).total).toBe(count("select count(*) as n from devices where status = 'retired'"));
  });

  test("filters: site, class with its subtree, manufacturer, model, connected, PHI, support status, search", () => {
    const lmh = d.db.get<{ id: number }>(sql`select id from sites where code = 'LMH'`)!.id;
    expect(listDevices(d.db, d.ce, { site: lmh }, today).total).toBe(count(`select count(*) as n from devices where site_id = ${lmh} and status <> 'retired'`));
    const infusion = d.db.get<{ id: number }>(sql`select id from device_classes where name = 'Infusion pumps'`)!.id;
    const viaSubtree = count(
      `select count(*) as n from devices dv join device_models m on m.id = dv.model_id join device_classes c on c.id = m.device_class_id where (c.id = ${infusion} or c.parent_id = ${infusion}) and dv.status <> 'retired'`,
    );
    expect(viaSubtree).toBeGreaterThan(300);
    expect(listDevices(d.db, d.ce, { deviceClass: infusion }, today).total).toBe(viaSubtree);
    const philips = d.db.get<{ id: number }>(sql`select id from manufacturers where name = 'Philips'`)!.id;
    expect(listDevices(d.db, d.ce, { manufacturer: philips }, today).rows.every((r) => r.manufacturer === "Philips")).toBe(true);
    expect(listDevices(d.db, d.ce, { connected: "yes", phi: "yes" }, today).rows.every((r) => r.connected && r.storesPhi)).toBe(true);
    for (const s of ["supported", "ending", "unsupported", "unknown"] as const) {
      const page = listDevices(d.db, d.ce, { support: s }, today);
      expect(page.total, s).toBeGreaterThan(0);
      expect(
        page.rows.every((r) => r.support === s),
        s,
      ).toBe(true);
    }
    const sample = d.db.get<{ asset_tag: string; serial_number: string; ip_address: string; hostname: string }>(
      sql`select asset_tag, serial_number, ip_address, hostname from devices where ip_address is not null and hostname is not null limit 1`,
    )!;
    for (const q of [sample.asset_tag, sample.serial_number, sample.ip_address, sample.hostname, sample.asset_tag.toLowerCase()]) {
      expect(
        listDevices(d.db, d.ce, { q }, today).rows.map((r) => r.assetTag),
        q,
      ).toContain(sample.asset_tag);
    }
    expect(listDevices(d.db, d.ce, { q: "%" }, today).total).toBe(0);
  });

  test("accuracy figures agree with the lists they link to", () => {
    const acc = getAccuracy(d.db, d.auditor, {}, today);
    const f = Object.fromEntries(acc.figures.map((x) => [x.key, x]));
    expect(f.duplicates!.value).toBe(6);
    expect(listDevices(d.db, d.auditor, { gap: "duplicates" }, today).total).toBe(6);
    expect(listDevices(d.db, d.auditor, { gap: "noLocation" }, today).total).toBe(f.location!.of - f.location!.value);
    expect(listDevices(d.db, d.auditor, { gap: "noClass" }, today).total).toBe(f.class!.of - f.class!.value);
    expect(listDevices(d.db, d.auditor, { gap: "noAddress" }, today).total).toBe(f.address!.of - f.address!.value);
    expect(listDevices(d.db, d.auditor, { gap: "stale" }, today).total).toBe(f.stale!.value);
    expect(f.stale!.value).toBeGreaterThanOrEqual(45);
    expect(f.unknownSupport!.value).toBeGreaterThan(0);
    expect(acc.score).toBeGreaterThan(80);
    expect(acc.score).toBeLessThan(100);
  });

  test("a device page shows its class's effective signed RACI with the leads' names, or says there is none", () => {
    const vent = d.db.get<{ id: number }>(
      sql`select dv.id from devices dv join device_models m on m.id = dv.model_id join device_classes c on c.id = m.device_class_id where c.name = 'Ventilators' limit 1`,
    )!.id;
    const v = getDevice(d.db, d.auditor, vent, today);
    expect(v.deviceClass!.name).toBe("Ventilators");
    expect(v.duties!.version).not.toBeNull();
    const patching = v.duties!.duties.find((x) => x.key === "patching")!;
    expect(patching.accountable).toEqual([expect.objectContaining({ party: "IT Infrastructure", lead: "Priya Natarajan" })]);
    expect(patching.responsible).toEqual([expect.objectContaining({ party: "Clinical Engineering", lead: "Carlos Estrada" })]);
    expect(v.duties!.duties.find((x) => x.key === "recalls")!.accountable).toEqual([
      expect.objectContaining({ party: "Clinical Engineering", lead: "Carlos Estrada" }),
    ]);
    expect(v.history[0]!.kind).toMatch(/imported|changed/);
    // Telemetry transmitters: a draft only, no effective version.
    const tele = d.db.get<{ id: number }>(
      sql`select dv.id from devices dv join device_models m on m.id = dv.model_id join device_classes c on c.id = m.device_class_id where c.name = 'Telemetry transmitters' limit 1`,
    )!.id;
    expect(getDevice(d.db, d.auditor, tele, today).duties!.version).toBeNull();
    expect(() => getDevice(d.db, d.auditor, 999_999, today)).toThrowError(expect.objectContaining({ code: "NOT_FOUND" }));
  });

  test("a model page counts devices per site and status", () => {
    const m = d.db.get<{ id: number; n: number }>(sql`select model_id as id, count(*) as n from devices group by model_id order by n desc limit 1`)!;
    const v = getModel(d.db, d.auditor, m.id, today);
    expect(v.bySite.reduce((s, r) => s + r.n, 0)).toBe(m.n);
    expect(v.manufacturer.aliases.length).toBeGreaterThan(0);
  });

  test("the export holds every filtered device, formula-escaped, as CSV and XLSX; a bad filter is a sentence", async () => {
    const rows = deviceExportRows(d.db, d.auditor, { connected: "yes" }, today);
    expect(rows.length).toBe(listDevices(d.db, d.auditor, { connected: "yes" }, today).total);
    const csv = await deviceExportResponse(d.db, d.auditor, new URL("http://x/api/inventory/export?format=csv&connected=yes"));
    expect(csv.headers.get("content-disposition")).toMatch(/clearline-inventory-\d{4}-\d{2}-\d{2}\.csv/);
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(rows.length + 1);
    const xlsx = await deviceExportResponse(d.db, d.auditor, new URL("http://x/api/inventory/export?format=xlsx&connected=yes"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(wb.getWorksheet("Inventory")!.actualRowCount).toBe(rows.length + 1);
    await expect(deviceExportResponse(d.db, d.auditor, new URL("http://x/api/inventory/export?format=pdf"))).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(deviceExportResponse(d.db, d.auditor, new URL("http://x/api/inventory/export?format=csv&site=abc"))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(parseDeviceFilter({ support: "maybe" })).toEqual({
      ok: false,
      message: 'Support status "maybe" is not one of the choices. Nothing was exported: correct the filter and export again.',
    });
    expect(parseDeviceFilter({ page: "-1" }).ok).toBe(false);
    expect(parseDeviceFilter({ site: "1e400" }).ok).toBe(false);
    // The export reads a filter as the page does (found by a probe: "0x1", "1e0" and " 1" exported site 1 while the page
    // ignored them; a search with control characters exported nothing while the page stripped them).
    for (const site of ["0x1", "1e0", "1.0"]) {
      expect(parseDeviceFilter({ site })).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Site ".+" is not a valid choice\. Nothing was exported/),
      });
      expect(parseDeviceListQuery({ site }).filter.site).toBeUndefined();
    }
    // An id that names nothing: the page lists without that filter and says so; the export refuses (found by a probe).
    const unknown = dropUnknownFilterIds(d.db, d.auditor, { site: 99_999, model: 99_998, connected: "yes" });
    expect(unknown).toEqual({
      filter: { site: undefined, model: undefined, connected: "yes" },
      problems: ["Site 99999 does not exist; it was ignored.", "Model 99998 does not exist; it was ignored."],
    });
    const realSite = d.db.get<{ id: number }>(sql`select id from sites limit 1`)!.id;
    expect(dropUnknownFilterIds(d.db, d.auditor, { site: realSite }).problems).toEqual([]);
    expect((await deviceExportResponse(d.db, d.auditor, new URL("http://x/api/inventory/export?format=csv&page=abc"))).status).toBe(200);
    await expect(deviceExportResponse(d.db, d.auditor, new URL("http://x/api/inventory/export?format=csv&site=99999"))).rejects.toMatchObject({
      code: "VALIDATION",
      message: "Site 99999 does not exist. Nothing was exported: correct the filter and export again.",
    });
    for (const raw of [{ q: "\u0000\u0001" }, { q: "x".repeat(250) }, { site: " 1" }, { connected: "yes" }]) {
      const exported = parseDeviceFilter(raw);
      expect(exported.ok).toBe(true);
      expect(exported.ok && exported.filter).toEqual(parseDeviceListQuery(raw).filter);
    }
    // The list page keeps the good filters and names the bad one instead of dropping every filter.
    expect(parseDeviceListQuery({ support: "maybe", site: "3", connected: "yes", page: "-1" })).toEqual({
      filter: {
        site: 3,
        deviceClass: undefined,
        manufacturer: undefined,
        model: undefined,
        support: undefined,
        status: undefined,
        connected: "yes",
        phi: undefined,
        gap: undefined,
        q: undefined,
        page: undefined,
      },
      problems: ['Support status "maybe" is not one of the choices; it was ignored.', 'Page "-1" is not a page number; the first page is shown.'],
    });
  });

  test('"Who owns this?" finds a device by asset tag, serial, hostname or IP; ambiguity and absence are sentences', () => {
    const dev = d.db.get<{ id: number; asset_tag: string; serial_number: string; hostname: string; ip_address: string }>(sql`
      select id, asset_tag, serial_number, hostname, ip_address from devices d
      where hostname is not null and ip_address is not null
        and (select count(*) from devices x where x.serial_number = d.serial_number) = 1
        and (select count(*) from devices x where x.ip_address = d.ip_address) = 1 limit 1`)!;
    for (const term of [dev.asset_tag, dev.asset_tag.toLowerCase(), dev.serial_number, dev.hostname, dev.ip_address, ` ${dev.ip_address} `]) {
      const found = findDevice(d.db, d.contributor, term);
      expect(found.id, term).toBe(dev.id);
      expect(found.deviceClass).not.toBeNull();
    }
    expect(() => findDevice(d.db, d.contributor, "NO-SUCH-TAG")).toThrowError(
      /No device has the asset tag, serial number, hostname or IP address "NO-SUCH-TAG"\./,
    );
    const dupSerial = d.db.get<{ s: string }>(
      sql`select serial_number as s from devices group by manufacturer_id, model_id, serial_number having count(*) > 1 limit 1`,
    )!.s;
    expect(() => findDevice(d.db, d.contributor, dupSerial)).toThrowError(/matches 2 devices .*: enter the asset tag\./);
  });

  test("ID.AM-01 and ID.AM-02 show the inventory's real figures for the assessment's scope", () => {
    const org = linkedFacts(d.db, d.auditor, { scopeType: "organization", siteId: null, deviceClassId: null });
    const total = count("select count(*) as n from devices where status <> 'retired'");
    expect(org["ID.AM-01"]!.text).toContain(`Inventory: ${total.toLocaleString("en-US")} devices in this scope;`);
    expect(org["ID.AM-01"]!.text).toMatch(/device classes have an activity without an owner/);
    expect(org["ID.AM-01"]!.links).toEqual([{ href: "/inventory", label: "The devices in this scope" }]);
    expect(org["ID.AM-02"]!.text).toMatch(/of devices have their software or firmware version recorded; [\d,]+ are connected/);
    const nch = d.db.get<{ id: number }>(sql`select id from sites where code = 'NCH'`)!.id;
    const site = linkedFacts(d.db, d.auditor, { scopeType: "site", siteId: nch, deviceClassId: null });
    expect(site["ID.AM-01"]!.text).toContain(
      `Inventory: ${count(`select count(*) as n from devices where status <> 'retired' and site_id = ${nch}`).toLocaleString("en-US")} devices`,
    );
    expect(site["ID.AM-02"]!.links![0]!.href).toBe(`/inventory?site=${nch}&connected=yes`);
  });

  test("the import history is read by every role, auditors above all", () => {
    expect(listImports(d.db, d.auditor)[0]).toMatchObject({
      fileName: "lakeside-cmms-export.csv",
      source: "Lakeside CMMS",
      profile: "Lakeside CMMS equipment export",
    });
  });
});

describe("the dashboard's inventory section", () => {
  test("devices by support status and unsupported connected devices by site agree with the lists they link to; a change shows at once", async () => {
    const d = await demo();
    const today = clock.today();
    const s = getInventorySummary(d.db, d.auditor, {}, today);
    for (const st of ["supported", "ending", "unsupported", "unknown"] as const)
      expect(s.bySupport[st], st).toBe(listDevices(d.db, d.auditor, { support: st }, today).total);
    expect(s.devices).toBe(listDevices(d.db, d.auditor, {}, today).total);
    expect(s.unsupportedConnectedBySite.length).toBeGreaterThan(0);
    for (const r of s.unsupportedConnectedBySite)
      expect(r.n).toBe(listDevices(d.db, d.auditor, { support: "unsupported", connected: "yes", site: r.siteId }, today).total);
    expect(s.accuracyScore).toBe(getAccuracy(d.db, d.auditor, {}, today).score);
    // A model's new end-of-support date moves its devices at once (the cache is stamped with the inventory counter).
    const m = d.db.get<{ id: number; n: number }>(
      sql`select m.id, count(*) as n from device_models m join devices dv on dv.model_id = m.id where m.end_of_support is null and m.end_of_security_patches is null and dv.status <> 'retired' group by m.id limit 1`,
    )!;
    updateModel(d.db, d.ce, {
      id: m.id,
      deviceClassId: null,
      modelNumber: null,
      fdaProductCode: null,
      mds2OnFile: false,
      mds2Date: null,
      endOfSale: null,
      endOfSupport: "2001-01-01",
      endOfSecurityPatches: null,
    });
    const after = getInventorySummary(d.db, d.auditor, {}, today);
    expect(after.bySupport.unknown).toBe(s.bySupport.unknown - m.n);
    expect(after.bySupport.unsupported).toBe(s.bySupport.unsupported + m.n);
    const nch = d.db.get<{ id: number }>(sql`select id from sites where code = 'NCH'`)!.id;
    expect(getInventorySummary(d.db, d.auditor, { siteId: nch }, today).devices).toBe(listDevices(d.db, d.auditor, { site: nch }, today).total);
  });
});

describe("editing devices and models", () => {
  test("the CE lead edits a device; the change, its history entry with old and new values and work order, and one audit row land together", async () => {
    const d = await demo();
    const dev = d.db.get<{ id: number; location: string }>(sql`select id, location from devices where location is not null limit 1`)!;
    const before = inventoryCounts(d.db);
    const r = updateDevice(d.db, d.ce, { id: dev.id, part: "device", location: "ICU 9-99", workOrder: "WO-1234", storesPhi: true });
    expect(r.changed.sort()).toEqual(expect.arrayContaining(["location"]));
    const after = inventoryCounts(d.db);
    expect(after.device_events - before.device_events).toBe(1);
    expect(after.audit_log - before.audit_log).toBe(1);
    const ev = d.db.get<{ changes: string; work_order: string }>(
      sql`select changes, work_order from device_events where device_id = ${dev.id} order by id desc limit 1`,
    )!;
    expect(JSON.parse(ev.changes).location).toEqual({ old: dev.location, new: "ICU 9-99" });
    expect(ev.work_order).toBe("WO-1234");
    // The same values again: nothing written.
    const again = inventoryCounts(d.db);
    expect(updateDevice(d.db, d.ce, { id: dev.id, part: "device", location: "ICU 9-99", workOrder: "WO-1234", storesPhi: true }).changed).toEqual([]);
    expect(inventoryCounts(d.db)).toEqual(again);
  });

  test("IT Infrastructure edits network facts only; other roles edit nothing; refusals change nothing", async () => {
    const d = await demo();
    const dev = d.db.get<{ id: number }>(sql`select id from devices limit 1`)!.id;
    expect(updateDevice(d.db, d.it, { id: dev, part: "network", ipAddress: "10.99.0.1", macAddress: "aa-bb-cc-dd-ee-ff", connected: true }).changed).toEqual(
      expect.arrayContaining(["ipAddress", "macAddress"]),
    );
    expect(d.db.get<{ mac: string }>(sql`select mac_address as mac from devices where id = ${dev}`)!.mac).toBe("AA:BB:CC:DD:EE:FF");
    const before = inventoryCounts(d.db);
    const row = () => d.db.get(sql`select * from devices where id = ${dev}`);
    const snapshot = row();
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as AppError).code;
      }
      return "allowed";
    };
    expect(refused(() => updateDevice(d.db, d.it, { id: dev, part: "device", location: "X" }))).toBe("FORBIDDEN");
    // What an import's row refuses, the forms refuse too (found by a probe): a formula, control characters, a host name
    // that is not one.
    expect(refused(() => updateDevice(d.db, d.ce, { id: dev, part: "device", serialNumber: '=HYPERLINK("http://x")' }))).toBe("VALIDATION");
    expect(refused(() => updateDevice(d.db, d.ce, { id: dev, part: "device", location: "OR\u00003" }))).toBe("VALIDATION");
    expect(refused(() => updateDevice(d.db, d.ce, { id: dev, part: "device", location: "OR 3", workOrder: "WO\u0007" }))).toBe("VALIDATION");
    expect(refused(() => updateDevice(d.db, d.it, { id: dev, part: "network", hostname: "bad host name!!" }))).toBe("VALIDATION");
    for (const who of [d.sec, d.auditor, d.contributor]) {
      expect(refused(() => updateDevice(d.db, who, { id: dev, part: "network", ipAddress: "10.0.0.9" }))).toBe("FORBIDDEN");
      expect(
        refused(() =>
          updateModel(d.db, who, {
            id: 1,
            deviceClassId: null,
            modelNumber: null,
            fdaProductCode: null,
            mds2OnFile: false,
            mds2Date: null,
            endOfSale: null,
            endOfSupport: null,
            endOfSecurityPatches: null,
          }),
        ),
      ).toBe("FORBIDDEN");
    }
    expect(refused(() => updateDevice(d.db, d.it, { id: dev, part: "network", ipAddress: "10.0.0.300" }))).toBe("VALIDATION");
    expect(refused(() => updateDevice(d.db, d.it, { id: 999_999, part: "network", ipAddress: "10.0.0.3" }))).toBe("NOT_FOUND");
    expect(inventoryCounts(d.db)).toEqual(before);
    expect(row()).toEqual(snapshot);
  });

  test("a model's support dates drive its status; a date that is not a calendar date is refused", async () => {
    const d = await demo();
    const m = d.db.get<{ id: number }>(sql`select id from device_models where end_of_support is null and end_of_security_patches is null limit 1`)!.id;
    const today = clock.today();
    expect(getModel(d.db, d.ce, m, today).support.status).toBe("unknown");
    const base = {
      id: m,
      deviceClassId: null,
      modelNumber: null,
      fdaProductCode: null,
      mds2OnFile: false,
      mds2Date: null,
      endOfSale: null,
      endOfSecurityPatches: null,
    };
    updateModel(d.db, d.ce, { ...base, endOfSupport: "2001-01-01" });
    expect(getModel(d.db, d.ce, m, today).support).toEqual({ status: "unsupported", endsOn: "2001-01-01" });
    const before = inventoryCounts(d.db);
    expect(() => updateModel(d.db, d.ce, { ...base, endOfSupport: "2027-02-30" })).toThrow(/not a calendar date/);
    expect(() => updateModel(d.db, d.ce, { ...base, endOfSupport: null, deviceClassId: 99_999 })).toThrow(/Choose a device class/);
    // Sold after its support ended (found by a probe): refused, naming both dates.
    expect(() => updateModel(d.db, d.ce, { ...base, endOfSale: "2030-01-01", endOfSupport: "2020-01-01" })).toThrow(
      "End of sale (2030-01-01) is after end of support (2020-01-01)",
    );
    expect(inventoryCounts(d.db)).toEqual(before);
    expect(getModel(d.db, d.ce, m, today).support).toEqual({ status: "unsupported", endsOn: "2001-01-01" });
  });
});
