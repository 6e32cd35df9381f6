import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, deviceModels, devices, manufacturerAliases, manufacturers, sites } from "@/db/schema";
import type { DeviceStatus } from "@/db/schema/inventory";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { supportEndsOn, supportStatus } from "@/lib/rules/support-status";
import { clock } from "@/lib/clock";
import { deviceEditRights } from "./access";

/** A model: its manufacturer (with the spellings on file), class, support dates and status, MDS2, and its devices per site and status. */
export function getModel(db: Db, actor: Actor, id: number, today = clock.today()) {
  assertCan(actor, "inventory.read");
  const model = db.select().from(deviceModels).where(eq(deviceModels.id, id)).get();
  if (!model) throw notFound("model");
  const maker = db.select().from(manufacturers).where(eq(manufacturers.id, model.manufacturerId)).get()!;
  const aliases = db
    .select({ alias: manufacturerAliases.alias })
    .from(manufacturerAliases)
    .where(eq(manufacturerAliases.manufacturerId, maker.id))
    .orderBy(asc(manufacturerAliases.alias))
    .all()
    .map((a) => a.alias);
  const deviceClass = model.deviceClassId
    ? (db.select({ id: deviceClasses.id, name: deviceClasses.name }).from(deviceClasses).where(eq(deviceClasses.id, model.deviceClassId)).get() ?? null)
    : null;
  const bySite = db
    .select({ siteId: sites.id, site: sites.name, status: devices.status, n: sql<number>`count(*)` })
    .from(devices)
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .where(eq(devices.modelId, id))
    .groupBy(sites.id, sites.name, devices.status)
    .orderBy(asc(sites.name))
    .all() as { siteId: number; site: string; status: DeviceStatus; n: number }[];
  const classes = db.select({ id: deviceClasses.id, name: deviceClasses.name, parentId: deviceClasses.parentId }).from(deviceClasses).all();
  return {
    model,
    manufacturer: { id: maker.id, name: maker.name, aliases },
    deviceClass,
    support: { status: supportStatus(model, today), endsOn: supportEndsOn(model) },
    bySite,
    classes,
    rights: deviceEditRights(db, actor),
  };
}
export type ModelView = ReturnType<typeof getModel>;
