import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceModels, devices } from "@/db/schema";
import { inventoryCutoff } from "@/lib/rules/inventory-accuracy";
import { classSubtree } from "./list-devices";

export interface InventoryFacts {
  hardware: { text: string; href: string };
  software: { text: string; href: string };
}

/**
 * The inventory's own figures for CSF ID.AM-01 (hardware inventory) and ID.AM-02 (software, services and systems)
 * in an assessment's scope: the organization, one site, or a device class with its subtree. For callers that
 * checked `inventory.read`.
 */
export function inventoryFactsUnchecked(db: Db, scope: { siteId?: number | null; deviceClassId?: number | null }, today: string): InventoryFacts {
  const site = scope.siteId ? sql`and d.site_id = ${scope.siteId}` : sql``;
  const classes = scope.deviceClassId ? classSubtree(db, scope.deviceClassId) : null;
  const cls = classes
    ? sql`and m.device_class_id in (${sql.join(
        classes.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql``;
  const r = db.get<{ n: number; classed: number; located: number; stale: number; connected: number; addressed: number; versioned: number; os: number }>(sql`
    select count(*) as n,
      coalesce(sum(case when m.device_class_id is not null then 1 else 0 end), 0) as classed,
      coalesce(sum(case when d.location is not null then 1 else 0 end), 0) as located,
      coalesce(sum(case when d.last_inventoried_on is null or d.last_inventoried_on < ${inventoryCutoff(today)} then 1 else 0 end), 0) as stale,
      coalesce(sum(case when d.connected = 1 then 1 else 0 end), 0) as connected,
      coalesce(sum(case when d.connected = 1 and (d.ip_address is not null or d.mac_address is not null) then 1 else 0 end), 0) as addressed,
      coalesce(sum(case when d.software_version is not null then 1 else 0 end), 0) as versioned,
      coalesce(sum(case when d.connected = 1 and d.os_name is not null then 1 else 0 end), 0) as os
    from ${devices} d left join ${deviceModels} m on m.id = d.model_id
    where d.status <> 'retired' ${site} ${cls}`)!;
  const pct = (a: number, b: number) => (b === 0 ? "—" : `${Math.floor((a * 100) / b)} %`);
  const q = [scope.siteId ? `site=${scope.siteId}` : "", scope.deviceClassId ? `deviceClass=${scope.deviceClassId}` : ""].filter(Boolean).join("&");
  return {
    hardware: {
      text:
        r.n === 0
          ? "The inventory has no device in this scope yet."
          : `Inventory: ${r.n.toLocaleString("en-US")} devices in this scope; ${pct(r.classed, r.n)} have a device class, ${pct(r.located, r.n)} a location; ${r.stale.toLocaleString("en-US")} not inventoried in 12 months.`,
      href: `/inventory${q ? `?${q}` : ""}`,
    },
    software: {
      text:
        r.n === 0
          ? "The inventory has no device in this scope yet."
          : `${pct(r.versioned, r.n)} of devices have their software or firmware version recorded; ${r.connected.toLocaleString("en-US")} are connected, ${pct(r.addressed, r.connected)} of them with an IP or MAC address and ${pct(r.os, r.connected)} with their operating system.`,
      href: `/inventory?${q ? `${q}&` : ""}connected=yes`,
    },
  };
}
