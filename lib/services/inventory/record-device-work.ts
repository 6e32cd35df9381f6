import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { deviceEvents, devices } from "@/db/schema";
import { assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { notFound } from "@/lib/errors";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { assertCanEditDevices } from "./access";

/**
 * Appends a work event to a device's history (a CMMS work order closed: maintenance, a repair, a check), kind
 * "note", with the work order number. The history row and its audit entry commit together (decision 0003). Who may:
 * those who edit devices (the Clinical Engineering lead, admins; a write:inventory token acts as that lead).
 */
export function recordDeviceWork(db: Db, actor: Actor, input: { deviceId: number; workOrder: string; note: string }, now = clock.now()) {
  assertCanEditDevices(db, actor);
  return writeTx(db, (tx) => {
    const d = tx.select({ id: devices.id, siteId: devices.siteId, assetTag: devices.assetTag }).from(devices).where(eq(devices.id, input.deviceId)).get();
    if (!d) throw notFound("device");
    assertInSiteScope(actor, d.siteId, "device");
    const at = now.toISOString();
    const row = tx
      .insert(deviceEvents)
      .values({
        deviceId: d.id,
        at,
        actorId: actor.id,
        actorLabel: `${actor.name} <${actor.email}>`,
        kind: "note",
        workOrder: input.workOrder,
        note: input.note,
      })
      .returning({ id: deviceEvents.id })
      .get();
    appendAudit(tx, {
      actor,
      action: "DEVICE_WORK_RECORDED",
      entityType: "device",
      entityId: d.id,
      newValues: { assetTag: d.assetTag, workOrder: input.workOrder, note: input.note, eventId: row.id },
      at: now,
    });
    return { id: row.id, at, actor: actor.name, kind: "note" as const, changes: null, workOrder: input.workOrder, note: input.note, importId: null };
  });
}
