import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { advisories, advisoryDeviceMatches as m, advisoryProducts, deviceModels, devices, manufacturers, sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { notFound } from "@/lib/errors";
import { oemClock, type OemPosition } from "@/lib/rules/oem-clock";
import { awaitsReview, isAffected } from "./affected";
import { canRecordOemPosition } from "./record-oem-position";
import { latestOemPosition } from "./oem-position";
import { inventoryParties } from "../inventory/access";
import { can } from "@/lib/auth/permissions";

/** How many possible matches the review list shows at once (the rest are reviewed per model). */
export const REVIEW_LIST_LIMIT = 100;

/**
 * An advisory's devices (issue #13 items 2 and 3): affected devices by site with counts; per model, its counts by
 * confidence, the OEM's current position and the FDA clocks; the possible matches awaiting review. Site-scoped users
 * see only their site's devices. "Affected" is the one condition of ./affected.ts.
 */
export function listAdvisoryMatches(db: Db, actor: Actor, advisoryId: number, today = clock.today()) {
  assertCan(actor, "advisory.read");
  const a = db
    .select({ id: advisories.id, trackingId: advisories.trackingId, initialReleaseDate: advisories.initialReleaseDate })
    .from(advisories)
    .where(eq(advisories.id, advisoryId))
    .get();
  if (!a) throw notFound("advisory");
  const scope = actor.siteId == null ? sql`1 = 1` : eq(devices.siteId, actor.siteId);
  const current = and(eq(m.advisoryId, advisoryId), sql`${m.supersededAt} is null`, scope);
  const bySite = db
    .select({
      siteId: sites.id,
      site: sites.name,
      affected: sql<number>`sum(case when ${isAffected()} then 1 else 0 end)`,
      awaiting: sql<number>`sum(case when ${awaitsReview()} then 1 else 0 end)`,
    })
    .from(m)
    .innerJoin(devices, eq(devices.id, m.deviceId))
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .where(current)
    .groupBy(sites.id)
    .orderBy(asc(sites.name))
    .all();
  const modelRows = db
    .select({
      modelId: deviceModels.id,
      model: deviceModels.name,
      manufacturer: manufacturers.name,
      deviceClassId: deviceModels.deviceClassId,
      version: sql<number>`sum(case when ${m.confidence} = 'version' and ${isAffected()} then 1 else 0 end)`,
      model_: sql<number>`sum(case when ${m.confidence} = 'model' and ${isAffected()} then 1 else 0 end)`,
      confirmed: sql<number>`sum(case when ${m.confidence} = 'possible' and ${isAffected()} then 1 else 0 end)`,
      awaiting: sql<number>`sum(case when ${awaitsReview()} then 1 else 0 end)`,
      dismissed: sql<number>`sum(case when ${m.reviewDecision} = 'dismissed' then 1 else 0 end)`,
      reason: sql<string>`min(${m.reason})`,
    })
    .from(m)
    .innerJoin(devices, eq(devices.id, m.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, m.modelId))
    .innerJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .where(current)
    .groupBy(deviceModels.id)
    .orderBy(asc(manufacturers.name), asc(deviceModels.name))
    .all();
  const canReview = can(actor, "advisory.reviewMatch", { partyId: inventoryParties(db).clinicalEngineering });
  const models = modelRows.map((r) => {
    const position = latestOemPosition(db, advisoryId, r.modelId);
    const pos = (position?.position ?? "not_answered") as OemPosition;
    return {
      modelId: r.modelId,
      model: r.model,
      manufacturer: r.manufacturer,
      counts: { version: r.version, model: r.model_, confirmed: r.confirmed, awaiting: r.awaiting, dismissed: r.dismissed },
      affected: r.version + r.model_ + r.confirmed,
      sampleReason: r.reason,
      position,
      clock: oemClock(a.initialReleaseDate, pos, today),
      canRecordOem: canRecordOemPosition(db, actor, r.deviceClassId),
    };
  });
  const possible = db
    .select({
      id: m.id,
      deviceId: devices.id,
      assetTag: devices.assetTag,
      site: sites.name,
      version: devices.softwareVersion,
      model: deviceModels.name,
      modelId: deviceModels.id,
      reason: m.reason,
      product: advisoryProducts.productName,
    })
    .from(m)
    .innerJoin(devices, eq(devices.id, m.deviceId))
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .innerJoin(deviceModels, eq(deviceModels.id, m.modelId))
    .innerJoin(advisoryProducts, eq(advisoryProducts.id, m.productId))
    .where(and(eq(m.advisoryId, advisoryId), awaitsReview(), scope))
    .orderBy(asc(deviceModels.name), asc(devices.assetTag))
    .limit(REVIEW_LIST_LIMIT)
    .all();
  return {
    advisory: a,
    bySite,
    totalAffected: bySite.reduce((s, r) => s + r.affected, 0),
    totalAwaiting: bySite.reduce((s, r) => s + r.awaiting, 0),
    models,
    possible,
    canReview,
  };
}
export type AdvisoryMatchesView = ReturnType<typeof listAdvisoryMatches>;
