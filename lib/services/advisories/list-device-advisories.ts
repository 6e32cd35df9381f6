import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { advisories, advisoryDeviceMatches as m, devices } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isAffected } from "./affected";
import { currentOemPosition } from "./oem-position";

/**
 * The advisories a device's page lists (issue #13 item 2): each current match with its confidence, reason and review,
 * whether it counts as affected, the highest CVSS score, whether a CVE is known exploited (CISA KEV), and the OEM's
 * position for the device's model. Outside the actor's site: not found.
 */
export function listDeviceAdvisories(db: Db, actor: Actor, deviceId: number) {
  assertCan(actor, "advisory.read");
  const d = db.select({ id: devices.id, siteId: devices.siteId }).from(devices).where(eq(devices.id, deviceId)).get();
  if (!d) throw notFound("device");
  assertInSiteScope(actor, d.siteId, "device");
  return db
    .select({
      matchId: m.id,
      advisoryId: advisories.id,
      trackingId: advisories.trackingId,
      title: advisories.title,
      initialReleaseDate: advisories.initialReleaseDate,
      confidence: m.confidence,
      reason: m.reason,
      reviewDecision: m.reviewDecision,
      reviewReason: m.reviewReason,
      affected: sql<number>`case when ${isAffected()} then 1 else 0 end`,
      cvss: sql<number | null>`(select max(v.cvss_score) from advisory_vulnerabilities v where v.advisory_id = ${advisories.id})`,
      kevCves: sql<
        string | null
      >`(select group_concat(v.cve, ', ') from advisory_vulnerabilities v join kev_entries k on k.cve = v.cve and k.removed_at is null where v.advisory_id = ${advisories.id})`,
      oemPosition: currentOemPosition(advisories.id, m.modelId),
    })
    .from(m)
    .innerJoin(advisories, eq(advisories.id, m.advisoryId))
    .where(sql`${m.deviceId} = ${deviceId} and ${m.supersededAt} is null`)
    .orderBy(desc(sql`case when ${isAffected()} then 1 else 0 end`), asc(advisories.trackingId))
    .all()
    .map((r) => ({ ...r, affected: r.affected === 1 }));
}
