import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { DEMO_MANUFACTURERS } from "@/db/seed/inventory-data";
import { addMonths } from "@/lib/rules/cadence";
import { normaliseManufacturerName, normaliseModelName } from "@/lib/rules/manufacturer";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { makeRng } from "./prng";

export const LARGE_CMMS_SOURCE = "Meridian CMMS";
const STATUSES = [["in_service", 90], ["in_storage", 5], ["out_for_repair", 4], ["retired", 1]] as const;

/**
 * Adds a CMMS-sized inventory to an existing organization (`npm run seed:large`: 200,000 devices over its sites):
 * the demo catalog's real manufacturers and models, filed under the organization's device classes in turn, and
 * `devices` devices with an "imported" history entry each, in one transaction of prepared bulk inserts.
 * Deterministic for a given seed and `today`.
 */
export function generateLargeInventory(db: Db, opts: { devices: number; seed?: number; today: string; onProgress?: (n: number) => void }): { devices: number; models: number } {
  const sqlite = (db as Db & { $client: Database.Database }).$client;
  const rng = makeRng(opts.seed ?? 1, "large-inventory");
  const at = `${opts.today}T06:00:00.000Z`;
  const sites = (sqlite.prepare("select id, code from sites order by id").all() as { id: number; code: string }[]);
  const classes = (sqlite.prepare("select id from device_classes where archived_at is null order by id").all() as { id: number }[]).map((c) => c.id);
  if (sites.length === 0) throw new Error("generateLargeInventory needs sites: create the organization first.");
  const existing = (sqlite.prepare("select coalesce(max(id), 0) as n from devices").get() as { n: number }).n;
  const run = sqlite.transaction(() => {
    const maker = sqlite.prepare("insert into manufacturers (name, created_at, updated_at) values (?, ?, ?) on conflict do nothing returning id");
    const makerId = sqlite.prepare("select id from manufacturers where lower(name) = lower(?)");
    const alias = sqlite.prepare("insert into manufacturer_aliases (manufacturer_id, alias, alias_key, created_at) values (?, ?, ?, ?) on conflict (alias_key) do nothing");
    const model = sqlite.prepare(
      "insert into device_models (manufacturer_id, name, name_key, model_number, device_class_id, end_of_sale, end_of_support, end_of_security_patches, mds2_on_file, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
    );
    const modelId = sqlite.prepare("select id from device_models where manufacturer_id = ? and name_key = ?");
    const catalog: { makerId: number; modelId: number; weight: number; connected: number; versions: string[]; description: string; makerName: string }[] = [];
    let k = 0;
    for (const m of DEMO_MANUFACTURERS) {
      maker.run(m.name, at, at);
      const mid = (makerId.get(m.name) as { id: number }).id;
      for (const a of [m.name, ...m.aliases]) alias.run(mid, a, normaliseManufacturerName(a), at);
      for (const md of m.models) {
        const months = (x: number | null | undefined) => (x == null ? null : addMonths(opts.today, x));
        model.run(mid, md.name, normaliseModelName(md.name), md.number ?? null, md.className === null || classes.length === 0 ? null : classes[k++ % classes.length]!, months(md.endOfSaleMonths), months(md.supportMonths), months(md.patchMonths ?? md.supportMonths), md.mds2 ? 1 : 0, at, at);
        catalog.push({ makerId: mid, modelId: (modelId.get(mid, normaliseModelName(md.name)) as { id: number }).id, weight: md.weight, connected: md.connected, versions: md.versions, description: md.description, makerName: m.name });
      }
    }
    const weighted = catalog.map((c) => [c, c.weight] as const);
    const device = sqlite.prepare(
      `insert into devices (id, asset_tag, serial_number, manufacturer_id, model_id, description, site_id, location, status, connected, hostname, ip_address, mac_address, software_version, stores_phi, cmms_source, cmms_id, last_inventoried_on, last_seen_on, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const event = sqlite.prepare("insert into device_events (device_id, at, actor_id, actor_label, kind, changes) values (?, ?, null, 'system', 'imported', null)");
    const day0 = Date.parse(`${opts.today}T00:00:00Z`);
    const isoDay = (daysAgo: number) => new Date(day0 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    for (let i = 1; i <= opts.devices; i++) {
      const id = existing + i;
      const c = rng.weighted(weighted);
      const site = sites[rng.int(0, sites.length - 1)]!;
      const connected = rng.chance(c.connected);
      const tag = `${site.code}-${String(id).padStart(7, "0")}`;
      device.run(
        id, tag, `SN${String(rng.int(0, 99_999_999)).padStart(8, "0")}`, c.makerId, c.modelId, c.description, site.id, `Unit ${rng.int(1, 40)}`, rng.weighted(STATUSES), connected ? 1 : 0,
        connected ? tag.toLowerCase() : null, connected ? `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}` : null, null, rng.pick(c.versions) || null, connected ? 1 : 0,
        LARGE_CMMS_SOURCE, `M${id}`, isoDay(rng.int(1, 500)), connected ? isoDay(rng.int(0, 30)) : null, at, at,
      );
      event.run(id, at);
      if (opts.onProgress && i % 20_000 === 0) opts.onProgress(i);
    }
    appendAudit(db, { actor: null, action: "INVENTORY_GENERATED", entityType: "import", entityId: "large", newValues: { devices: opts.devices, models: catalog.length, source: LARGE_CMMS_SOURCE }, at: new Date(at) });
    return catalog.length;
  });
  const models = run();
  return { devices: opts.devices, models };
}
