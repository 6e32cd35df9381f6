import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { advisories, advisoryDeviceMatches as m, deviceModels, devices, manufacturers } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { oemClock, type OemPosition } from "@/lib/rules/oem-clock";
import { loadParties } from "../raci/raci-records";
import { OEM_TERMS_ACTIVITY, signedActivityHolders } from "../raci/activity-holders";
import { isAffected } from "./affected";
import { currentOemPosition } from "./oem-position";

export interface OemOverdueRow {
  advisoryId: number;
  trackingId: string;
  initialReleaseDate: string;
  modelId: number;
  model: string;
  manufacturer: string;
  affectedDevices: number;
  position: OemPosition;
  daysSincePublication: number;
  summary: string;
  /** Parties Accountable / Responsible for "OEM contract security terms" in the class's signed RACI; empty: no signed owner. */
  chasers: { partyId: number; party: string; letter: "A" | "R" }[];
  mine: boolean;
}

/**
 * "OEM overdue" (issue #13 item 3): every (advisory, model) with affected devices whose OEM has not answered 30 days
 * after publication or has no validated fix after 60 (FDA postmarket guidance, lib/rules/oem-clock.ts), with the
 * parties the model's device class's signed RACI names for "OEM contract security terms" (GV.SC-05) — who chases the
 * OEM. `mine`: only rows whose chasing party the actor leads. Site-scoped users count only their site's devices; others
 * may choose one site (`siteId`, the dashboard's scope).
 */
export function listOemOverdue(db: Db, actor: Actor, opts: { mine?: boolean; siteId?: number | null } = {}, today = clock.today()): OemOverdueRow[] {
  assertCan(actor, "advisory.read");
  const siteId = actor.siteId ?? opts.siteId ?? null;
  const scope = siteId == null ? sql`1 = 1` : eq(devices.siteId, siteId);
  const rows = db
    .select({
      advisoryId: advisories.id,
      trackingId: advisories.trackingId,
      initialReleaseDate: advisories.initialReleaseDate,
      modelId: deviceModels.id,
      model: deviceModels.name,
      deviceClassId: deviceModels.deviceClassId,
      manufacturer: manufacturers.name,
      affectedDevices: sql<number>`count(*)`,
      position: currentOemPosition(advisories.id, deviceModels.id),
    })
    .from(m)
    .innerJoin(devices, eq(devices.id, m.deviceId))
    .innerJoin(advisories, eq(advisories.id, m.advisoryId))
    .innerJoin(deviceModels, eq(deviceModels.id, m.modelId))
    .innerJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .where(sql`${isAffected()} and ${scope}`)
    .groupBy(advisories.id, deviceModels.id)
    .all();
  const partyNames = new Map(loadParties(db).map((p) => [p.id, p.name]));
  const holdersByClass = new Map<number, OemOverdueRow["chasers"]>();
  const chasersOf = (classId: number | null) => {
    if (classId == null) return [];
    if (!holdersByClass.has(classId)) {
      const h = signedActivityHolders(db, classId, OEM_TERMS_ACTIVITY);
      holdersByClass.set(
        classId,
        [
          ...(h?.accountable ?? []).map((partyId) => ({ partyId, letter: "A" as const })),
          ...(h?.responsible ?? []).map((partyId) => ({ partyId, letter: "R" as const })),
        ].map((c) => ({ ...c, party: partyNames.get(c.partyId) ?? `Party ${c.partyId}` })),
      );
    }
    return holdersByClass.get(classId)!;
  };
  const out: OemOverdueRow[] = [];
  for (const r of rows) {
    const position = r.position as OemPosition;
    const c = oemClock(r.initialReleaseDate, position, today);
    if (!c.overdue) continue;
    const chasers = chasersOf(r.deviceClassId);
    const mine = chasers.some((x) => actor.leadOfPartyIds.includes(x.partyId));
    if (opts.mine && !mine) continue;
    out.push({
      advisoryId: r.advisoryId,
      trackingId: r.trackingId,
      initialReleaseDate: r.initialReleaseDate,
      modelId: r.modelId,
      model: r.model,
      manufacturer: r.manufacturer,
      affectedDevices: r.affectedDevices,
      position,
      daysSincePublication: c.daysSincePublication,
      summary: c.summary,
      chasers,
      mine,
    });
  }
  return out.sort((a, b) => b.daysSincePublication - a.daysSincePublication || a.trackingId.localeCompare(b.trackingId) || a.model.localeCompare(b.model));
}
