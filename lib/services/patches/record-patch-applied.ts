import type { Db } from "@/db/client";
import { writeTx } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { RecordPatchAppliedInput } from "@/lib/validation/patches";
import { clock } from "@/lib/clock";
import { assertCanRecordPatch, assertUnchanged, getPatchItem, writePatchRecord } from "./load-patch-item";

/**
 * Records that an OEM-validated patch was installed on a device: the date, the person (the actor), the CMMS
 * work-order number and notes. Becomes an entry in the device's history of work ("record your efforts in your CMMS
 * inventory to create a history of work") in the same transaction as the audit row. By the lead of the party the
 * class's signed RACI names Responsible or Accountable for patching, or an admin.
 */
export function recordPatchApplied(db: Db, actor: Actor, input: RecordPatchAppliedInput, now = clock.now()): { recordId: number } {
  assertCan(actor, "patch.read");
  const item = getPatchItem(db, actor, input.advisoryId, input.deviceId, clock.today());
  assertCanRecordPatch(actor, item);
  if (item.status === "applied")
    throw new AppError("INVALID_STATE", `This patch was already recorded as applied on ${item.appliedOn} (work order ${item.workOrder}).`);
  if (input.appliedOn < item.validatedOn) {
    throw new AppError("VALIDATION", `The date applied cannot be before the OEM validated the patch (${item.validatedOn}).`, {
      appliedOn: [`The date applied cannot be before the OEM validated the patch (${item.validatedOn}).`],
    });
  }
  return writeTx(db, (tx) => {
    assertUnchanged(tx, item);
    const recordId = writePatchRecord(
      tx,
      actor,
      item,
      { outcome: "applied", appliedOn: input.appliedOn, workOrder: input.workOrder, notes: input.notes || null },
      {
        kind: "patch_applied",
        workOrder: input.workOrder,
        note: `${item.trackingId}: OEM-validated patch${item.validatedVersion ? ` (${item.validatedVersion})` : ""} applied on ${input.appliedOn}.${input.notes ? ` ${input.notes}` : ""}`,
      },
      "PATCH_APPLIED",
      now,
    );
    return { recordId };
  });
}
