import type { Db } from "@/db/client";
import { writeTxWhenFree } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, forbidden } from "@/lib/errors";
import type { DeferPatchInput } from "@/lib/validation/patches";
import { clock } from "@/lib/clock";
import { confirmSigner, writeSignature } from "../signatures/sign-record";
import { acceptDeferralRequest } from "./request-patch-deferral";
import { assertUnchanged, canDeferPatch, getPatchItem, patchItemRef, writePatchRecord } from "./load-patch-item";

export const DEFERRAL_MEANING = "Accountable — accepts the deferral of this patch";

/** What a deferral's signature is bound to (21 CFR 11.70): the item, the reason and the until-date. */
export function deferralContent(r: { advisoryId: number; deviceId: number; reason: string; deferUntil: string }) {
  return { advisoryId: r.advisoryId, deviceId: r.deviceId, reason: r.reason, deferUntil: r.deferUntil };
}

/**
 * Defers a patch until a date, with a reason, accepted by the lead of the Accountable party of the class's signed
 * RACI with an e-signature (password re-entered, 21 CFR 11.200; meaning shown, 11.50): the party that answers for
 * the outcome accepts the risk. The day after the until-date the item counts as open again with its original due
 * date. An item with no signed owner cannot be deferred: nobody has accepted accountability for it. With `requestId`
 * the signature accepts a deferral an integration asked for (requestPatchDeferral), which is marked accepted.
 */
export async function deferPatch(db: Db, actor: Actor, input: DeferPatchInput, now = clock.now()): Promise<{ recordId: number; signatureId: number }> {
  assertCan(actor, "patch.read");
  const item = getPatchItem(db, actor, input.advisoryId, input.deviceId, clock.today());
  if (!item.accountable)
    throw new AppError("INVALID_STATE", "This device class has no signed owner for patching, so nobody can accept a deferral. Get its RACI signed first.");
  if (!canDeferPatch(actor, item)) throw forbidden();
  if (item.status === "applied" || item.status === "notApplicable")
    throw new AppError("INVALID_STATE", `This item is closed (${item.status === "applied" ? "applied" : "not applicable"}): there is nothing to defer.`);
  const proof = await confirmSigner(db, actor, input, patchItemRef(item), now);
  return writeTxWhenFree(db, (tx) => {
    assertUnchanged(tx, item);
    const sig = writeSignature(
      tx,
      actor,
      { ref: patchItemRef(item), content: deferralContent({ ...item, reason: input.reason, deferUntil: input.deferUntil }), meaning: DEFERRAL_MEANING, proof },
      now,
    );
    const recordId = writePatchRecord(
      tx,
      actor,
      item,
      { outcome: "deferred", reason: input.reason, deferUntil: input.deferUntil, signatureId: sig.id },
      { kind: "note", note: `${item.trackingId}: patch deferred until ${input.deferUntil}, accepted by ${actor.name} (Accountable). Reason: ${input.reason}` },
      "PATCH_DEFERRED",
      now,
    );
    if (input.requestId !== undefined) acceptDeferralRequest(tx, input.requestId, item, recordId);
    return { recordId, signatureId: sig.id };
  });
}
