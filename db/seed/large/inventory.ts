import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, deviceEvents, deviceModels, devices, manufacturerAliases, manufacturers, sites as sitesTable } from "@/db/schema";
import { DEMO_MANUFACTURERS } from "@/db/seed/inventory-data";
import { normaliseModelName } from "@/lib/rules/manufacturer";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { bulkInserter, sqliteOf } from "../bulk-insert";
import { makeRng } from "../prng";
import { deviceModelRow, manufacturerAliasRows, manufacturerRow } from "../rows";

export const LARGE_CMMS_SOURCE = "Meridian CMMS";
const STATUSES = [
  ["in_service", 90],
  ["in_storage", 5],
  ["out_for_repair", 4],
  ["retired", 1],
] as const;

/**
 * Adds a CMMS-sized inventory to an existing organization (`npm run seed:large`: 200,000 devices over its sites):
 * the demo catalog's real manufacturers and models (the same rows as the demo's, db/seed/rows.ts; makers and models
 * already there are reused), filed under the organization's device classes in turn, and `devices` devices with an
 * "imported" history entry each, in one transaction of typed bulk inserts. Deterministic for a given seed and `today`.
 */
export function generateLargeInventory(
  db: Db,
  opts: { devices: number; seed?: number; today: string; onProgress?: (n: number) => void },
): { devices: number; models: number } {
  const sqlite = sqliteOf(db);
  const rng = makeRng(opts.seed ?? 1, "large-inventory");
  const at = `${opts.today}T06:00:00.000Z`;
  const siteRows = db.select({ id: sitesTable.id, code: sitesTable.code }).from(sitesTable).orderBy(asc(sitesTable.id)).all();
  const classes = db
    .select({ id: deviceClasses.id })
    .from(deviceClasses)
    .where(isNull(deviceClasses.archivedAt))
    .orderBy(asc(deviceClasses.id))
    .all()
    .map((c) => c.id);
  if (siteRows.length === 0) throw new Error("generateLargeInventory needs sites: create the organization first.");
  const existing = db.get<{ n: number }>(sql`select coalesce(max(${devices.id}), 0) as n from ${devices}`)?.n ?? 0;
  const run = sqlite.transaction(() => {
    const catalog: { makerId: number; modelId: number; weight: number; connected: number; versions: string[]; description: string; makerName: string }[] = [];
    let k = 0;
    for (const m of DEMO_MANUFACTURERS) {
      const mid =
        db
          .select({ id: manufacturers.id })
          .from(manufacturers)
          .where(sql`lower(${manufacturers.name}) = lower(${m.name})`)
          .get()?.id ?? db.insert(manufacturers).values(manufacturerRow(m.name, at)).returning({ id: manufacturers.id }).get().id;
      db.insert(manufacturerAliases)
        .values(manufacturerAliasRows(mid, [m.name, ...m.aliases], at))
        .onConflictDoNothing({ target: manufacturerAliases.aliasKey })
        .run();
      for (const md of m.models) {
        const classId = md.className === null || classes.length === 0 ? null : classes[k++ % classes.length]!;
        db.insert(deviceModels)
          .values(deviceModelRow(md, mid, classId, opts.today, at))
          .onConflictDoNothing()
          .run();
        const modelId = db
          .select({ id: deviceModels.id })
          .from(deviceModels)
          .where(and(eq(deviceModels.manufacturerId, mid), eq(deviceModels.nameKey, normaliseModelName(md.name))))
          .get()!.id;
        catalog.push({
          makerId: mid,
          modelId,
          weight: md.weight,
          connected: md.connected,
          versions: md.versions,
          description: md.description,
          makerName: m.name,
        });
      }
    }
    const weighted = catalog.map((c) => [c, c.weight] as const);
    const device = bulkInserter(db, devices);
    const event = bulkInserter(db, deviceEvents);
    const day0 = Date.parse(`${opts.today}T00:00:00Z`);
    const isoDay = (daysAgo: number) => new Date(day0 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    for (let i = 1; i <= opts.devices; i++) {
      const id = existing + i;
      const c = rng.weighted(weighted);
      const site = siteRows[rng.int(0, siteRows.length - 1)]!;
      const connected = rng.chance(c.connected);
      const tag = `${site.code}-${String(id).padStart(7, "0")}`;
      device({
        id,
        assetTag: tag,
        serialNumber: `SN${String(rng.int(0, 99_999_999)).padStart(8, "0")}`,
        manufacturerId: c.makerId,
        modelId: c.modelId,
        description: c.description,
        siteId: site.id,
        location: `Unit ${rng.int(1, 40)}`,
        status: rng.weighted(STATUSES),
        connected,
        hostname: connected ? tag.toLowerCase() : null,
        ipAddress: connected ? `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}` : null,
        macAddress: null,
        softwareVersion: rng.pick(c.versions) || null,
        storesPhi: connected,
        cmmsSource: LARGE_CMMS_SOURCE,
        cmmsId: `M${id}`,
        lastInventoriedOn: isoDay(rng.int(1, 500)),
        lastSeenOn: connected ? isoDay(rng.int(0, 30)) : null,
        createdAt: at,
        updatedAt: at,
      });
      event({ deviceId: id, at, actorId: null, actorLabel: "system", kind: "imported", changes: null });
      if (opts.onProgress && i % 20_000 === 0) opts.onProgress(i);
    }
    appendAudit(db, {
      actor: null,
      action: "INVENTORY_GENERATED",
      entityType: "import",
      entityId: "large",
      newValues: { devices: opts.devices, models: catalog.length, source: LARGE_CMMS_SOURCE },
      at: new Date(at),
    });
    return catalog.length;
  });
  const models = run();
  return { devices: opts.devices, models };
}
