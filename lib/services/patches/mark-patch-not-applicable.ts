import type { Db } from "@/db/client";
import { writeTx } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { MarkPatchNotApplicableInput } from "@/lib/validation/patches";
import { clock } from "@/lib/clock";
import { assertCanRecordPatch, assertUnchanged, getPatchItem, writePatchRecord } from "./load-patch-item";

/**
 * Records that a patch does not apply to a device, with the reason (e.g. the vulnerable module is not installed).
 * Same people as recording it applied; an applied patch cannot be marked not applicable afterwards.
 */
export function markPatchNotApplicable(db: Db, actor: Actor, input: MarkPatchNotApplicableInput, now = clock.now()): { recordId: number } {
  assertCan(actor, "patch.read");
  const item = getPatchItem(db, actor, input.advisoryId, input.deviceId, clock.today());
  assertCanRecordPatch(actor, item);
  if (item.status === "applied")
    throw new AppError("INVALID_STATE", `This patch was already applied on ${item.appliedOn}: it cannot be marked not applicable.`);
  if (item.status === "notApplicable") throw new AppError("INVALID_STATE", "This patch is already marked not applicable.");
  return writeTx(db, (tx) => {
    assertUnchanged(tx, item);
    const recordId = writePatchRecord(
      tx,
      actor,
      item,
      { outcome: "not_applicable", reason: input.reason },
      { kind: "note", note: `${item.trackingId}: patch marked not applicable. Reason: ${input.reason}` },
      "PATCH_MARKED_NOT_APPLICABLE",
      now,
    );
    return { recordId };
  });
}
