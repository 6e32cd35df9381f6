import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { deviceClasses } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { UpdateDeviceClassInput } from "@/lib/validation/admin";
import { appendAudit, diffFields } from "../audit/append-audit";
import { clock } from "@/lib/clock";

/** Edits a device class's name and attributes (DOMAIN.md "Device class"). Admin only. */
export function updateDeviceClass(db: Db, actor: Actor, input: UpdateDeviceClassInput, now = clock.now()) {
  assertCan(actor, "deviceClass.manage");
  return writeTx(db, (tx) => {
    const before = tx.select().from(deviceClasses).where(eq(deviceClasses.id, input.id)).get();
    if (!before) throw notFound("device class");
    const { id, ...next } = input;
    const d = diffFields(before, next);
    if (Object.keys(d.new).length === 0) return before;
    const row = tx
      .update(deviceClasses)
      .set({ ...next, updatedAt: now.toISOString() })
      .where(eq(deviceClasses.id, id))
      .returning()
      .get();
    appendAudit(tx, { actor, action: "DEVICE_CLASS_UPDATED", entityType: "device_class", entityId: id, oldValues: d.old, newValues: d.new, at: now });
    return row;
  });
}
