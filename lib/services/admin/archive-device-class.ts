import { and, eq, isNull } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { deviceClasses } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import type { ArchiveDeviceClassInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";

/**
 * Archives or restores a class. Archived classes keep their history (signed matrices refer to them) but
 * leave pickers and coverage. A class with active subclasses cannot be archived; a class under an
 * archived parent cannot be restored.
 */
export function archiveDeviceClass(db: Db, actor: Actor, input: ArchiveDeviceClassInput, now = clock.now()) {
  assertCan(actor, "deviceClass.manage");
  return writeTx(db, (tx) => {
    const me = tx.select().from(deviceClasses).where(eq(deviceClasses.id, input.id)).get();
    if (!me) throw notFound("device class");
    if (Boolean(me.archivedAt) === input.archived) return me;
    if (input.archived) {
      const child = tx
        .select({ name: deviceClasses.name })
        .from(deviceClasses)
        .where(and(eq(deviceClasses.parentId, me.id), isNull(deviceClasses.archivedAt)))
        .get();
      if (child) throw invalid(`Archive or move its subclasses first (for example "${child.name}").`);
    } else if (me.parentId != null) {
      const parent = tx.select().from(deviceClasses).where(eq(deviceClasses.id, me.parentId)).get();
      if (parent?.archivedAt) throw invalid(`Restore its parent "${parent.name}" first, or move it.`);
    }
    const at = now.toISOString();
    const row = tx
      .update(deviceClasses)
      .set({ archivedAt: input.archived ? at : null, updatedAt: at })
      .where(eq(deviceClasses.id, me.id))
      .returning()
      .get();
    appendAudit(tx, {
      actor,
      action: input.archived ? "DEVICE_CLASS_ARCHIVED" : "DEVICE_CLASS_RESTORED",
      entityType: "device_class",
      entityId: me.id,
      oldValues: { archivedAt: me.archivedAt },
      newValues: { archivedAt: row.archivedAt },
      at: now,
    });
    return row;
  });
}
