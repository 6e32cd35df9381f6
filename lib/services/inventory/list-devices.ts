import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { deviceClasses, deviceModels, devices, manufacturers, sites } from "@/db/schema";
import type { DeviceStatus } from "@/db/schema/inventory";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { inventoryCutoff } from "@/lib/rules/inventory-accuracy";
import { supportStatus, supportStatusBounds, type SupportStatus } from "@/lib/rules/support-status";
import type { DeviceFilter } from "@/lib/validation/inventory";
import { clock } from "@/lib/clock";
import { buildTree, flattenTree } from "@/lib/rules/device-class-tree";
import { readVersions, versionedCache, versionedMemo, type Versions } from "../versioned-cache";
import { dropUnknownIds } from "../filter-ids";

export const PAGE_SIZE = 50;

/** A model's support end as SQL: the earlier of its two dates (CASE rather than MIN/LEAST, whose NULL handling differs between SQLite and PostgreSQL). */
export const supportEndSql = sql`(case when ${deviceModels.endOfSupport} is null then ${deviceModels.endOfSecurityPatches} when ${deviceModels.endOfSecurityPatches} is null then ${deviceModels.endOfSupport} when ${deviceModels.endOfSupport} < ${deviceModels.endOfSecurityPatches} then ${deviceModels.endOfSupport} else ${deviceModels.endOfSecurityPatches} end)`;

/**
 * (manufacturer, model, serial as compared) held by more than one device: a probable duplicate (ID.AM-01). Standard
 * SQL (row values and GROUP BY ... HAVING), unchanged on PostgreSQL.
 */
export const duplicateKeysSql = sql`select manufacturer_id, model_id, upper(trim(serial_number)) as serial from ${devices}
  where serial_number is not null and model_id is not null and manufacturer_id is not null
  group by manufacturer_id, model_id, upper(trim(serial_number)) having count(*) > 1`;

/** The class and its descendants (a recursive query: standard SQL, unchanged on PostgreSQL). */
export function classSubtree(db: DbOrTx, classId: number): number[] {
  return db
    .all<{ id: number }>(
      sql`
      with recursive sub(id, depth) as (
        select id, 0 from ${deviceClasses} where id = ${classId}
        union all
        select c.id, sub.depth + 1 from ${deviceClasses} c join sub on c.parent_id = sub.id where sub.depth < 64
      )
      select id from sub`,
    )
    .map((r) => r.id);
}

/** The WHERE clause of a device filter; `today` fixes the support-status and 12-month bounds. */
export function deviceFilterWhere(db: DbOrTx, f: DeviceFilter, today: string): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (f.site) where.push(eq(devices.siteId, f.site));
  if (f.deviceClass)
    where.push(
      inArray(
        devices.modelId,
        db
          .select({ id: deviceModels.id })
          .from(deviceModels)
          .where(inArray(deviceModels.deviceClassId, classSubtree(db, f.deviceClass))),
      ),
    );
  if (f.manufacturer) where.push(eq(devices.manufacturerId, f.manufacturer));
  if (f.model) where.push(eq(devices.modelId, f.model));
  if (f.status) where.push(eq(devices.status, f.status));
  else if (f.gap !== "duplicates") where.push(sql`${devices.status} <> 'retired'`);
  if (f.connected) where.push(eq(devices.connected, f.connected === "yes"));
  if (f.phi) where.push(eq(devices.storesPhi, f.phi === "yes"));
  if (f.support) {
    const { warnUntil } = supportStatusBounds(today);
    const end = supportEndSql;
    const cond =
      f.support === "unknown"
        ? sql`${end} is null`
        : f.support === "unsupported"
          ? sql`${end} <= ${today}`
          : f.support === "ending"
            ? sql`${end} > ${today} and ${end} <= ${warnUntil}`
            : sql`${end} > ${warnUntil}`;
    const models = db.select({ id: deviceModels.id }).from(deviceModels).where(cond);
    where.push(f.support === "unknown" ? or(isNull(devices.modelId), inArray(devices.modelId, models)) : inArray(devices.modelId, models));
  }
  if (f.gap === "noClass")
    where.push(
      or(isNull(devices.modelId), inArray(devices.modelId, db.select({ id: deviceModels.id }).from(deviceModels).where(isNull(deviceModels.deviceClassId)))),
    );
  if (f.gap === "noLocation") where.push(isNull(devices.location));
  if (f.gap === "noAddress") where.push(and(eq(devices.connected, true), isNull(devices.ipAddress), isNull(devices.macAddress)));
  if (f.gap === "stale") where.push(or(isNull(devices.lastInventoriedOn), sql`${devices.lastInventoriedOn} < ${inventoryCutoff(today)}`));
  if (f.gap === "duplicates") {
    // The keys held by two or more devices, found in one grouping pass (not an EXISTS per device: see get-accuracy.ts).
    where.push(
      sql`(${devices.manufacturerId}, ${devices.modelId}, upper(trim(${devices.serialNumber}))) in (select manufacturer_id, model_id, serial from (${duplicateKeysSql}))`,
    );
  }
  if (f.gap === "unknownSupport")
    where.push(
      inArray(
        devices.modelId,
        db
          .select({ id: deviceModels.id })
          .from(deviceModels)
          .where(sql`${supportEndSql} is null`),
      ),
    );
  if (f.q) {
    const q = f.q.trim();
    // Exact serial, hostname or IP; asset tag by prefix as typed and in upper case. Range conditions (not LIKE or
    // lower()) so that each branch uses its index (SQLite's multi-index OR; PostgreSQL's bitmap OR).
    const prefix = (p: string) => and(sql`${devices.assetTag} >= ${p}`, sql`${devices.assetTag} < ${`${p}\uffff`}`);
    where.push(
      or(
        prefix(q),
        prefix(q.toUpperCase()),
        eq(devices.serialNumber, q),
        eq(devices.hostname, q.toLowerCase()),
        eq(devices.hostname, q),
        eq(devices.ipAddress, q),
      ),
    );
  }
  return and(...where);
}

export interface DeviceListRow {
  id: number;
  assetTag: string;
  serialNumber: string | null;
  manufacturer: string | null;
  manufacturerId: number | null;
  model: string | null;
  modelId: number | null;
  deviceClass: string | null;
  site: string;
  location: string | null;
  status: DeviceStatus;
  connected: boolean;
  ipAddress: string | null;
  hostname: string | null;
  storesPhi: boolean;
  support: SupportStatus;
  supportEndsOn: string | null;
  softwareVersion: string | null;
  lastInventoriedOn: string | null;
}

export function selectDevices(db: DbOrTx, where: SQL | undefined, today: string, page?: { limit: number; offset: number }): DeviceListRow[] {
  const q = db
    .select({
      id: devices.id,
      assetTag: devices.assetTag,
      serialNumber: devices.serialNumber,
      manufacturer: manufacturers.name,
      manufacturerId: devices.manufacturerId,
      model: deviceModels.name,
      modelId: devices.modelId,
      deviceClass: deviceClasses.name,
      site: sites.name,
      location: devices.location,
      status: devices.status,
      connected: devices.connected,
      ipAddress: devices.ipAddress,
      hostname: devices.hostname,
      storesPhi: devices.storesPhi,
      endOfSupport: deviceModels.endOfSupport,
      endOfSecurityPatches: deviceModels.endOfSecurityPatches,
      softwareVersion: devices.softwareVersion,
      lastInventoriedOn: devices.lastInventoriedOn,
    })
    .from(devices)
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .leftJoin(manufacturers, eq(manufacturers.id, devices.manufacturerId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .leftJoin(deviceClasses, eq(deviceClasses.id, deviceModels.deviceClassId))
    .where(where)
    .orderBy(asc(devices.assetTag));
  const rows = page ? q.limit(page.limit).offset(page.offset).all() : q.all();
  return rows.map(({ endOfSupport, endOfSecurityPatches, ...r }) => {
    const dates = { endOfSupport, endOfSecurityPatches };
    const ends = [endOfSupport, endOfSecurityPatches].filter(Boolean).sort()[0] ?? null;
    return { ...r, support: r.modelId ? supportStatus(dates, today) : "unknown", supportEndsOn: ends };
  });
}

/**
 * Site scope (issue #10): a user limited to one site sees only that site's devices; asking for another site finds
 * nothing, as if it had none.
 */
export function scopeDeviceFilter(actor: Pick<Actor, "siteId">, filter: DeviceFilter): DeviceFilter {
  if (actor.siteId == null) return filter;
  return { ...filter, site: filter.site != null && filter.site !== actor.siteId ? -1 : actor.siteId };
}

/**
 * One page of the inventory (server-side filtered, 50 a page) with the total. Every role reads the inventory
 * (auditors included). Retired devices are listed only when the status filter asks for them.
 */
export function listDevices(
  db: Db,
  actor: Actor,
  filter: DeviceFilter,
  today = clock.today(),
  versions: Versions = readVersions(db),
): { rows: DeviceListRow[]; total: number; page: number; pages: number } {
  assertCan(actor, "inventory.read");
  const scoped = scopeDeviceFilter(actor, filter);
  // A page depends on devices and models (inventory), sites, classes and parties (org) and the day (support status):
  // served from memory while none of those moved (issue #15: a page reloaded or shared costs a lookup, not three
  // queries built by drizzle). Rows are shared between requests: read-only.
  return versionedMemo(db, versions, ["inventory", "org"], "device-list", JSON.stringify([scoped, today]), () => {
    const where = deviceFilterWhere(db, scoped, today);
    const total = db
      .select({ n: sql<number>`count(*)` })
      .from(devices)
      .where(where)
      .get()!.n;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(filter.page ?? 1, pages);
    // The page's ids first, from the index alone (asset_tag is in devices_site_status_idx), then their 50 rows with
    // the joins: sorting the filter's matches with every column and join fetched read each of them (2,679 for one
    // site's infusion pumps on the large database) to keep 50.
    const ids = db
      .select({ id: devices.id })
      .from(devices)
      .where(where)
      .orderBy(asc(devices.assetTag))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .all()
      .map((r) => r.id);
    return { rows: ids.length ? selectDevices(db, inArray(devices.id, ids), today) : [], total, page, pages };
  });
}

/**
 * Choices of the list's filter bar, with the class tree flattened for its select: the same for every request until
 * a class, site, manufacturer or model changes, so cached under the `org` and `inventory` counters (decision 0007;
 * issue #15: ~420 options and a sorted tree of 300 classes were read and built on every view).
 */
export function deviceFilterOptions(db: Db, actor: Actor, versions: Versions = readVersions(db)) {
  assertCan(actor, "inventory.read");
  return versionedCache(db, versions, ["org", "inventory"], "device-filter-options", () => {
    const classes = db
      .select({ id: deviceClasses.id, name: deviceClasses.name, parentId: deviceClasses.parentId })
      .from(deviceClasses)
      .where(isNull(deviceClasses.archivedAt))
      .all();
    return {
      sites: db.select({ id: sites.id, name: sites.name }).from(sites).where(isNull(sites.archivedAt)).orderBy(asc(sites.name)).all(),
      /** The classes depth-first, by name: the select's order and indentation. */
      classTree: flattenTree(buildTree(classes)).map((c) => ({ id: c.id, name: c.name, depth: c.depth })),
      manufacturers: db.select({ id: manufacturers.id, name: manufacturers.name }).from(manufacturers).orderBy(asc(manufacturers.name)).all(),
      models: db
        .select({ id: deviceModels.id, name: deviceModels.name, manufacturerId: deviceModels.manufacturerId })
        .from(deviceModels)
        .orderBy(asc(deviceModels.name))
        .all(),
    };
  });
}

/** The filter without ids that name no site, class, manufacturer or model, each named (dropUnknownIds). */
export function dropUnknownFilterIds(db: DbOrTx, actor: Actor, filter: DeviceFilter): { filter: DeviceFilter; problems: string[] } {
  assertCan(actor, "inventory.read");
  return dropUnknownIds(db, filter, [
    ["site", "Site", sites],
    ["deviceClass", "Device class", deviceClasses],
    ["manufacturer", "Manufacturer", manufacturers],
    ["model", "Model", deviceModels],
  ]);
}
