import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { advisories, advisoryDeviceMatches as m, deviceModels, devices, sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { awaitsReview, isAffected } from "./affected";
import { notYetPatched, onKev } from "./get-advisory-summary";

export const AFFECTED_LIST_LIMIT = 500;

/**
 * The lists behind the dashboard's advisory figures: affected devices (`kev`: only by known-exploited advisories), or
 * the possible matches awaiting review (`review`); `unpatched`: only (device, advisory) pairs not yet patched. One row per
 * (device, advisory); site scope applies. `devices` counts distinct devices, the unit of the dashboard's figures.
 */
export function listAffectedDevices(db: Db, actor: Actor, opts: { kev?: boolean; review?: boolean; unpatched?: boolean; siteId?: number | null } = {}) {
  assertCan(actor, "advisory.read");
  const siteId = actor.siteId ?? opts.siteId ?? null;
  const where = and(
    opts.review ? awaitsReview() : isAffected(),
    opts.kev ? onKev : undefined,
    opts.unpatched ? notYetPatched : undefined,
    siteId ? eq(devices.siteId, siteId) : undefined,
  );
  const counts = db
    .select({ n: sql<number>`count(*)`, devices: sql<number>`count(distinct ${m.deviceId})` })
    .from(m)
    .innerJoin(devices, eq(devices.id, m.deviceId))
    .where(where)
    .get()!;
  const rows = db
    .select({
      matchId: m.id,
      deviceId: devices.id,
      assetTag: devices.assetTag,
      site: sites.name,
      model: deviceModels.name,
      version: devices.softwareVersion,
      advisoryId: advisories.id,
      trackingId: advisories.trackingId,
      confidence: m.confidence,
      reason: m.reason,
      kev: sql<number>`case when ${onKev} then 1 else 0 end`,
    })
    .from(m)
    .innerJoin(devices, eq(devices.id, m.deviceId))
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .innerJoin(advisories, eq(advisories.id, m.advisoryId))
    .leftJoin(deviceModels, eq(deviceModels.id, m.modelId))
    .where(where)
    .orderBy(asc(sites.name), asc(devices.assetTag), asc(advisories.trackingId))
    .limit(AFFECTED_LIST_LIMIT)
    .all();
  return { total: counts.n, devices: counts.devices, rows: rows.map((r) => ({ ...r, kev: r.kev === 1 })) };
}
