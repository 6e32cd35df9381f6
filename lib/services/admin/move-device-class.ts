import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { deviceClasses } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import { moveProblem } from "@/lib/rules/device-class-tree";
import type { MoveDeviceClassInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";

/** Moves a class (with its subtree) under another parent or to the top. Refuses cycles. Admin only. */
export function moveDeviceClass(db: Db, actor: Actor, input: MoveDeviceClassInput, now = clock.now()) {
  assertCan(actor, "deviceClass.manage");
  return writeTx(db, (tx) => {
    const all = tx
      .select({ id: deviceClasses.id, parentId: deviceClasses.parentId, name: deviceClasses.name, archivedAt: deviceClasses.archivedAt })
      .from(deviceClasses)
      .all();
    const me = all.find((c) => c.id === input.id);
    if (!me) throw notFound("device class");
    if (me.parentId === input.parentId) return me;
    if (input.parentId != null) {
      const parent = all.find((c) => c.id === input.parentId);
      if (!parent || parent.archivedAt) throw invalid("Choose an existing, active parent class.", { parentId: ["Choose an existing, active parent class."] });
    }
    const problem = moveProblem(all, input.id, input.parentId);
    if (problem) throw invalid(problem, { parentId: [problem] });
    tx.update(deviceClasses).set({ parentId: input.parentId, updatedAt: now.toISOString() }).where(eq(deviceClasses.id, input.id)).run();
    appendAudit(tx, {
      actor,
      action: "DEVICE_CLASS_MOVED",
      entityType: "device_class",
      entityId: input.id,
      oldValues: { parentId: me.parentId },
      newValues: { parentId: input.parentId },
      at: now,
    });
    return { ...me, parentId: input.parentId };
  });
}
