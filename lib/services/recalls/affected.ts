import { and, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deviceClasses, deviceModels, devices, recallActions, recallModelMatches as m, sites } from "@/db/schema";

/**
 * The one definition of "this recall concerns this model" (db/schema/recalls.ts): a `matched` row nobody dismissed,
 * or a `confirm` row a Clinical Engineering lead confirmed. Lists, counts, My items and the device page all use it.
 */
export function recallApplies(): SQL {
  return or(
    sql`(${m.confidence} = 'matched' and (${m.reviewDecision} is null or ${m.reviewDecision} <> 'dismissed'))`,
    sql`(${m.confidence} = 'confirm' and ${m.reviewDecision} = 'confirmed')`,
  )!;
}

export interface RecallDeviceRow {
  recallId: number;
  deviceId: number;
  assetTag: string;
  siteId: number;
  site: string;
  modelId: number;
  model: string;
  deviceClassId: number | null;
  deviceClass: string | null;
  actionId: number | null;
  actionState: "done" | "not_affected" | null;
  workOrder: string | null;
  actionOn: string | null;
}

/**
 * Devices in service (not retired) of the models a recall applies to, with the action recorded for each, if any.
 * A device without an action has an outstanding recall. Filter by recall, device, site (the actor's scope) or only
 * outstanding ones.
 */
export function recallDevices(
  db: DbOrTx,
  f: { recallIds?: readonly number[]; deviceId?: number; siteId?: number | null; outstandingOnly?: boolean },
): RecallDeviceRow[] {
  const where: SQL[] = [recallApplies(), ne(devices.status, "retired")];
  if (f.recallIds) where.push(f.recallIds.length ? inArray(m.recallId, [...f.recallIds]) : sql`0`);
  if (f.deviceId !== undefined) where.push(eq(devices.id, f.deviceId));
  if (f.siteId != null) where.push(eq(devices.siteId, f.siteId));
  if (f.outstandingOnly) where.push(isNull(recallActions.id));
  return db
    .select({
      recallId: m.recallId,
      deviceId: devices.id,
      assetTag: devices.assetTag,
      siteId: devices.siteId,
      site: sites.name,
      modelId: deviceModels.id,
      model: deviceModels.name,
      deviceClassId: deviceModels.deviceClassId,
      deviceClass: deviceClasses.name,
      actionId: recallActions.id,
      actionState: recallActions.state,
      workOrder: recallActions.workOrder,
      actionOn: recallActions.actionOn,
    })
    .from(m)
    .innerJoin(deviceModels, eq(deviceModels.id, m.modelId))
    .innerJoin(devices, eq(devices.modelId, m.modelId))
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .leftJoin(deviceClasses, eq(deviceClasses.id, deviceModels.deviceClassId))
    .leftJoin(recallActions, and(eq(recallActions.recallId, m.recallId), eq(recallActions.deviceId, devices.id)))
    .where(and(...where))
    .orderBy(sites.name, devices.assetTag)
    .all();
}
