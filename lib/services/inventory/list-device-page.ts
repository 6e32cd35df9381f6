import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import type { DeviceFilter } from "@/lib/validation/inventory";
import { deviceFilterWhere, scopeDeviceFilter, selectDevices, type DeviceListRow } from "./list-devices";

/**
 * A page of the inventory for the integration API: the /inventory page's filters and site scope, ordered by asset
 * tag (unique), keyset-paginated in SQL (`asset_tag > after`, LIMIT n + 1) so that page 1,000 of 200,000 devices
 * costs what page 1 costs, and a device added between two calls is neither skipped nor repeated before the cursor.
 */
export function listDevicePage(
  db: Db,
  actor: Actor,
  filter: DeviceFilter,
  page: { after: string | null; limit: number },
  today = clock.today(),
): { items: DeviceListRow[]; last: string | null } {
  assertCan(actor, "inventory.read");
  const where = and(deviceFilterWhere(db, scopeDeviceFilter(actor, filter), today), page.after == null ? undefined : sql`${devices.assetTag} > ${page.after}`);
  const rows = selectDevices(db, where, today, { limit: page.limit + 1, offset: 0 });
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  return { items, last: more ? items.at(-1)!.assetTag : null };
}

/** The device an asset tag names, within the actor's site (another site's device is NOT_FOUND, as if absent). */
export function deviceIdByAssetTag(db: Db, actor: Actor, assetTag: string): number | null {
  assertCan(actor, "inventory.read");
  const d = db.select({ id: devices.id, siteId: devices.siteId }).from(devices).where(eq(devices.assetTag, assetTag.trim())).get();
  if (!d || (actor.siteId != null && d.siteId !== actor.siteId)) return null;
  return d.id;
}
