import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceModels, devices, sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { supportStatusBounds, type SupportStatus } from "@/lib/rules/support-status";
import { readVersions, versionedCache } from "@/lib/services/versioned-cache";
import { clock } from "@/lib/clock";
import { getAccuracy } from "./get-accuracy";
import { supportEndSql } from "./list-devices";

export interface InventorySummary {
  devices: number;
  bySupport: Record<SupportStatus, number>;
  unsupportedConnectedBySite: { siteId: number; site: string; n: number }[];
  accuracyScore: number | null;
}

/**
 * The leadership dashboard's and board report's inventory section for a scope: devices by support status,
 * unsupported connected devices by site (the first to isolate or replace, ID.RA-06/07), and the accuracy figure.
 * Cached under the `inventory` and `org` data-version counters (migration 0010; decision 0007).
 */
export function getInventorySummary(db: Db, actor: Actor, opts: { siteId?: number | null } = {}, today = clock.today()): InventorySummary {
  assertCan(actor, "inventory.read");
  // A site-limited user's figures are their site's, whatever was asked.
  if (actor.siteId != null) opts = { ...opts, siteId: actor.siteId };
  const siteId = opts.siteId ?? null;
  return versionedCache(db, readVersions(db), ["inventory", "org"], `inventory-summary|${siteId ?? "all"}|${today}`, () => {
    const { warnUntil } = supportStatusBounds(today);
    const site = siteId ? sql`and d.site_id = ${siteId}` : sql``;
    const end = supportEndSql;
    const rows = db.all<{ status: SupportStatus; n: number }>(sql`
      select case when ${end} is null then 'unknown' when ${end} <= ${today} then 'unsupported' when ${end} <= ${warnUntil} then 'ending' else 'supported' end as status, count(*) as n
      from ${devices} d left join ${deviceModels} on ${deviceModels.id} = d.model_id
      where d.status <> 'retired' ${site} group by 1`);
    const bySupport: Record<SupportStatus, number> = { supported: 0, ending: 0, unsupported: 0, unknown: 0 };
    for (const r of rows) bySupport[r.status] = r.n;
    const unsupportedConnectedBySite = db.all<{ siteId: number; site: string; n: number }>(sql`
      select s.id as siteId, s.name as site, count(*) as n
      from ${devices} d join ${deviceModels} on ${deviceModels.id} = d.model_id join ${sites} s on s.id = d.site_id
      where d.status <> 'retired' and d.connected = 1 and ${end} <= ${today} ${site}
      group by s.id, s.name order by n desc, s.name`);
    return {
      devices: Object.values(bySupport).reduce((a, b) => a + b, 0),
      bySupport,
      unsupportedConnectedBySite,
      accuracyScore: getAccuracy(db, actor, { siteId }, today).score,
    };
  });
}
