import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, deviceEvents, deviceModels, devices, manufacturers, sites } from "@/db/schema";
import { assertCan, assertInSiteScope, can, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { supportEndsOn, supportStatus } from "@/lib/rules/support-status";
import { effectiveDutiesForClass, type EffectiveDuties } from "@/lib/services/raci/effective-duties";
import { clock } from "@/lib/clock";
import { deviceEditRights } from "./access";
import { historyChanges } from "./history-changes";

/**
 * One device: its facts, model and support status, the class's effective signed RACI for the duties a device raises,
 * and its history of work (newest first). Every role reads; an unknown id is NOT_FOUND.
 */
export function getDevice(db: Db, actor: Actor, id: number, today = clock.today()) {
  assertCan(actor, "inventory.read");
  const d = db.select().from(devices).where(eq(devices.id, id)).get();
  if (!d) throw notFound("device");
  assertInSiteScope(actor, d.siteId, "device");
  const site = db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.id, d.siteId)).get()!;
  const maker = d.manufacturerId
    ? (db.select({ id: manufacturers.id, name: manufacturers.name }).from(manufacturers).where(eq(manufacturers.id, d.manufacturerId)).get() ?? null)
    : null;
  const model = d.modelId ? (db.select().from(deviceModels).where(eq(deviceModels.id, d.modelId)).get() ?? null) : null;
  const deviceClass = model?.deviceClassId
    ? (db.select({ id: deviceClasses.id, name: deviceClasses.name }).from(deviceClasses).where(eq(deviceClasses.id, model.deviceClassId)).get() ?? null)
    : null;
  const duties: EffectiveDuties | null = deviceClass && can(actor, "raci.read") ? effectiveDutiesForClass(db, actor, deviceClass) : null;
  const history = db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, id)).orderBy(desc(deviceEvents.at), desc(deviceEvents.id)).all();
  const changes = historyChanges(db, d, history, true);
  return {
    device: d,
    site,
    manufacturer: maker,
    model,
    deviceClass,
    support: model ? { status: supportStatus(model, today), endsOn: supportEndsOn(model) } : { status: "unknown" as const, endsOn: null },
    duties,
    history: history.map((h, i) => ({ ...h, changes: changes[i]! })),
    rights: deviceEditRights(db, actor),
  };
}
export type DeviceView = ReturnType<typeof getDevice>;
