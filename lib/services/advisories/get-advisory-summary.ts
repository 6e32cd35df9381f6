import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { readVersions, versionedCache } from "../versioned-cache";
import { isAffected, awaitsReview } from "./affected";
import { listOemOverdue } from "./list-oem-overdue";

export interface AdvisorySummary {
  /** Devices affected by at least one advisory (the one condition of ./affected.ts). */
  affectedDevices: number;
  /** Devices affected by an advisory with a CVE on CISA's Known Exploited Vulnerabilities catalog. */
  kevAffectedDevices: number;
  /** Of those, devices with at least one such advisory not yet patched (nothing applied, nor found not applicable). */
  kevUnpatchedDevices: number;
  /** Possible matches waiting for a Clinical Engineering review. */
  awaitingReview: number;
  /** (advisory, model) pairs whose OEM is overdue under the FDA clocks. */
  oemOverdue: number;
  advisories: number;
}

/** The known-exploited condition on a match row aliased `m`: its advisory has a CVE on the (current) KEV catalog. */
export const onKev = sql`exists (select 1 from advisory_vulnerabilities v join kev_entries k on k.cve = v.cve and k.removed_at is null where v.advisory_id = advisory_device_matches.advisory_id)`;

/**
 * Not yet patched, on a match row: the newest patch record of its (advisory, device) is neither "applied" nor "not
 * applicable" (a deferral is accepted risk, not a patch). Reads patch_records the way the patch queue does
 * (lib/services/patches/patch-queue-sql.ts: the newest row is the current outcome).
 */
export const notYetPatched = sql`not exists (select 1 from patch_records r where r.id = (select max(r2.id) from patch_records r2 where r2.advisory_id = advisory_device_matches.advisory_id and r2.device_id = advisory_device_matches.device_id) and r.outcome in ('applied', 'not_applicable'))`;

/**
 * The dashboard's and board report's advisory figures (issue #13 item 7) for a scope, cached under the `advisories`,
 * `inventory`, `patches` (not yet patched) and `org` counters (migration 0013; decision
 * 0007) and the day (the FDA clocks move with it).
 */
export function getAdvisorySummary(db: Db, actor: Actor, opts: { siteId?: number | null } = {}, today = clock.today()): AdvisorySummary {
  assertCan(actor, "advisory.read");
  const siteId = actor.siteId ?? opts.siteId ?? null;
  return versionedCache(db, readVersions(db), ["advisories", "inventory", "patches", "org"], `advisory-summary|${siteId ?? "all"}|${today}`, () => {
    const site = siteId ? sql`and d.site_id = ${siteId}` : sql``;
    const r = db.get<{ affected: number; kev: number; kevUnpatched: number; awaiting: number }>(sql`
      select count(distinct case when ${isAffected()} then advisory_device_matches.device_id end) as affected,
        count(distinct case when ${isAffected()} and ${onKev} then advisory_device_matches.device_id end) as kev,
        count(distinct case when ${isAffected()} and ${onKev} and ${notYetPatched} then advisory_device_matches.device_id end) as kevUnpatched,
        coalesce(sum(case when ${awaitsReview()} then 1 else 0 end), 0) as awaiting
      from advisory_device_matches join devices d on d.id = advisory_device_matches.device_id
      where advisory_device_matches.superseded_at is null ${site}`)!;
    const advisories = db.get<{ n: number }>(sql`select count(*) as n from advisories`)!.n;
    return {
      affectedDevices: r.affected,
      kevAffectedDevices: r.kev,
      kevUnpatchedDevices: r.kevUnpatched,
      awaitingReview: r.awaiting,
      oemOverdue: listOemOverdue(db, actor, { siteId }, today).length,
      advisories,
    };
  });
}
