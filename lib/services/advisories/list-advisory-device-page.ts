import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { advisories, advisoryDeviceMatches as m, deviceModels, devices, manufacturers, sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { awaitsReview, isAffected } from "./affected";

/**
 * One advisory's devices for the integration API, in asset-tag order, paged by keyset: the affected ones (isAffected,
 * the one definition) or, with `review`, the possible matches nobody has reviewed yet. Site scope applies; the advisory
 * itself belongs to the organization (an unknown id is NOT_FOUND).
 */
export function listAdvisoryDevicePage(db: Db, actor: Actor, advisoryId: number, opts: { review?: boolean; after: string | null; limit: number }) {
  assertCan(actor, "advisory.read");
  if (!db.select({ id: advisories.id }).from(advisories).where(eq(advisories.id, advisoryId)).get()) throw notFound("advisory");
  const rows = db
    .select({
      deviceId: devices.id,
      assetTag: devices.assetTag,
      site: sites.name,
      siteId: devices.siteId,
      manufacturer: manufacturers.name,
      model: deviceModels.name,
      softwareVersion: devices.softwareVersion,
      confidence: m.confidence,
      reason: m.reason,
      reviewDecision: m.reviewDecision,
      matchedAt: m.matchedAt,
    })
    .from(m)
    .innerJoin(devices, eq(devices.id, m.deviceId))
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .leftJoin(deviceModels, eq(deviceModels.id, m.modelId))
    .leftJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .where(
      and(
        eq(m.advisoryId, advisoryId),
        isNull(m.supersededAt),
        opts.review ? awaitsReview() : isAffected(),
        sql`${devices.status} <> 'retired'`,
        actor.siteId != null ? eq(devices.siteId, actor.siteId) : undefined,
        opts.after != null ? gt(devices.assetTag, opts.after) : undefined,
      ),
    )
    .orderBy(asc(devices.assetTag))
    .limit(opts.limit + 1)
    .all();
  const items = rows.slice(0, opts.limit);
  return { items, last: rows.length > opts.limit ? items.at(-1)!.assetTag : null };
}
