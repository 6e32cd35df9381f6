import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceModels, devices } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { accuracyFigures, accuracyScore, inventoryCutoff, type AccuracyFigure } from "@/lib/rules/inventory-accuracy";
import { clock } from "@/lib/clock";
import { readVersions, versionedCache, type Versions } from "@/lib/services/versioned-cache";
import { duplicateKeysSql, supportEndSql } from "./list-devices";

/** The inventory list filter that lists each figure's devices. */
export const ACCURACY_LINKS: Record<AccuracyFigure["key"], string> = {
  class: "gap=noClass",
  location: "gap=noLocation",
  address: "gap=noAddress",
  stale: "gap=stale",
  duplicates: "gap=duplicates",
  unknownSupport: "gap=unknownSupport",
};

/**
 * Inventory accuracy (ID.AM-01/02): shares of devices with a class, a location and (connected ones) an address;
 * devices not inventoried in 12 months; probable duplicates; models with unknown support dates. Retired devices are
 * left out. Optionally for one site.
 */
export function getAccuracy(
  db: Db,
  actor: Actor,
  opts: { siteId?: number | null } = {},
  today = clock.today(),
  versions: Versions = readVersions(db),
): { figures: AccuracyFigure[]; score: number | null; links: typeof ACCURACY_LINKS } {
  assertCan(actor, "inventory.read");
  // A site-limited user's figures are their site's, whatever was asked.
  if (actor.siteId != null) opts = { ...opts, siteId: actor.siteId };
  const siteId = opts.siteId ?? null;
  // Full-table aggregates over every device (~3 s a view on the 200,000-device database under load, issue #15):
  // cached under the same counters as the dashboard's inventory section, so a committed device or model change by
  // any process recomputes it on the next view (decision 0007).
  return versionedCache(db, versions, ["inventory", "org"], `inventory-accuracy|${siteId ?? "all"}|${today}`, () => {
    const site = siteId ? sql`and d.site_id = ${siteId}` : sql``;
    const cutoff = inventoryCutoff(today);
    const c = db.get<{ devices: number; withClass: number; withLocation: number; connected: number; connectedWithAddress: number; notInventoried: number }>(sql`
      select count(*) as devices,
        coalesce(sum(case when m.device_class_id is not null then 1 else 0 end), 0) as withClass,
        coalesce(sum(case when d.location is not null then 1 else 0 end), 0) as withLocation,
        coalesce(sum(case when d.connected = 1 then 1 else 0 end), 0) as connected,
        coalesce(sum(case when d.connected = 1 and (d.ip_address is not null or d.mac_address is not null) then 1 else 0 end), 0) as connectedWithAddress,
        coalesce(sum(case when d.last_inventoried_on is null or d.last_inventoried_on < ${cutoff} then 1 else 0 end), 0) as notInventoried
      from ${devices} d left join ${deviceModels} m on m.id = d.model_id
      where d.status <> 'retired' ${site}`)!;
    // Duplicate keys are found once by grouping (one pass over the table), then the scope's devices are matched to
    // them. A correlated EXISTS per device visited every device of the same model for each device: ~4,000 rows for
    // each of 200,000 devices on the large database, minutes per dashboard view after an inventory change (issue #15).
    const dup = db.get<{ n: number }>(sql`
      with dup_keys as (${duplicateKeysSql})
      select count(*) as n from ${devices} d
      join dup_keys k on k.manufacturer_id = d.manufacturer_id and k.model_id = d.model_id and k.serial = upper(trim(d.serial_number))
      where d.serial_number is not null and d.model_id is not null ${site}`)!.n;
    const models = db.get<{ models: number; unknown: number }>(sql`
      select count(*) as models, coalesce(sum(case when ${supportEndSql} is null then 1 else 0 end), 0) as unknown from ${deviceModels}
      where exists (select 1 from ${devices} d where d.model_id = ${deviceModels.id} and d.status <> 'retired' ${site})`)!;
    const figures = accuracyFigures({ ...c, probableDuplicates: dup, models: models.models, modelsUnknownSupport: models.unknown });
    return { figures, score: accuracyScore(figures), links: ACCURACY_LINKS };
  });
}
