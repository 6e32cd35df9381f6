import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { deviceClasses } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import type { CreateDeviceClassInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";

/** Adds a device class, at the top or under a parent. Admin only. */
export function createDeviceClass(db: Db, actor: Actor, input: CreateDeviceClassInput, now = clock.now()) {
  assertCan(actor, "deviceClass.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    if (input.parentId != null) {
      const parent = tx.select().from(deviceClasses).where(eq(deviceClasses.id, input.parentId)).get();
      if (!parent || parent.archivedAt) throw invalid("Choose an existing, active parent class.", { parentId: ["Choose an existing, active parent class."] });
    }
    const row = tx
      .insert(deviceClasses)
      .values({ ...input, createdAt: at, updatedAt: at })
      .returning()
      .get();
    appendAudit(tx, { actor, action: "DEVICE_CLASS_CREATED", entityType: "device_class", entityId: row.id, newValues: input, at: now });
    return row;
  });
}
