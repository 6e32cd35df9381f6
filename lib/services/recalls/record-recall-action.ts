import { and, eq } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "@/db/client";
import { deviceEvents, devices, recallActions, recallModelMatches, recalls } from "@/db/schema";
import { assertInSiteScope, can, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, forbidden, invalid, notFound } from "@/lib/errors";
import type { RecordRecallActionInput } from "@/lib/validation/recalls";
import { appendAudit } from "../audit/append-audit";
import { inventoryParties } from "../inventory/access";
import { recallDevices } from "./affected";
import { recallRouter } from "./route-recall";

const STATE_WORDS = { done: "corrective action done", not_affected: "checked, not affected" } as const;

/**
 * Records what was done about a recall on one device, which ends the recall being outstanding for it. Allowed to the
 * lead of the party the class's signed RACI makes Responsible for recalls (and admins); when the class has no signed
 * owner, to the Clinical Engineering lead, who holds the inventory. The action row, the device's history event
 * (kind recall_action, with the work order) and the audit row commit together. A second action on the same device
 * for the same recall is refused; a device outside the actor's site, or one the recall does not apply to, is
 * NOT_FOUND.
 */
export function recordRecallAction(db: Db, actor: Actor, input: RecordRecallActionInput, now = clock.now()) {
  return writeTx(db, (tx) => writeRecallAction(tx, actor, input, now));
}

/** recordRecallAction inside the caller's write transaction (the demo seed). Same checks. */
export function writeRecallAction(tx: Tx, actor: Actor, input: RecordRecallActionInput, now: Date) {
  {
    const recall = tx.select().from(recalls).where(eq(recalls.id, input.recallId)).get();
    if (!recall) throw notFound("recall");
    const device = tx
      .select({ id: devices.id, siteId: devices.siteId, status: devices.status, assetTag: devices.assetTag, modelId: devices.modelId })
      .from(devices)
      .where(eq(devices.id, input.deviceId))
      .get();
    if (!device) throw notFound("device");
    assertInSiteScope(actor, device.siteId, "device");
    const [row] = recallDevices(tx, { recallIds: [recall.id], deviceId: device.id });
    if (!row) throw new AppError("NOT_FOUND", whyNotApplicable(tx, recall, device));
    const owners = recallRouter(tx, actor)(row.deviceClassId ? { id: row.deviceClassId, name: row.deviceClass ?? "" } : null);
    const candidates = owners.length ? owners.map((o) => o.partyId) : [inventoryParties(tx).clinicalEngineering];
    const asParty = candidates.find((partyId) => can(actor, "recall.recordAction", { partyId })) ?? null;
    if (asParty === null) throw forbidden();
    if (row.actionId)
      throw new AppError(
        "CONFLICT",
        `An action is already recorded for ${row.assetTag} on recall ${recall.recallNumber} (work order ${row.workOrder}, ${row.actionOn}).`,
      );
    // The action's date is evidence: work on a recall cannot predate its initiation (found by a probe: an action dated
    // 2001 closed a 2019 recall for a device). Not the posting date: FDA posts a recall after it began.
    const startedOn = recall.initiatedOn;
    if (startedOn && input.actionOn < startedOn) {
      const sentence = `${input.actionOn} is before recall ${recall.recallNumber} began (${startedOn}): give the date the work was done.`;
      throw invalid(sentence, { actionOn: [sentence] });
    }
    const at = now.toISOString();
    const action = tx
      .insert(recallActions)
      .values({
        recallId: recall.id,
        deviceId: device.id,
        state: input.state,
        workOrder: input.workOrder,
        actionOn: input.actionOn,
        notes: input.notes || null,
        partyId: owners.length ? asParty : null,
        recordedBy: actor.id,
        recordedAt: at,
      })
      .returning()
      .get();
    tx.insert(deviceEvents)
      .values({
        deviceId: device.id,
        at,
        actorId: actor.id,
        actorLabel: `${actor.name} <${actor.email}>`,
        kind: "recall_action",
        changes: JSON.stringify({ recall: { old: null, new: recall.recallNumber }, state: { old: "outstanding", new: input.state } }),
        workOrder: input.workOrder,
        note: `Recall ${recall.recallNumber}: ${STATE_WORDS[input.state]} on ${input.actionOn}${input.notes ? `. ${input.notes}` : ""}`,
      })
      .run();
    appendAudit(tx, {
      actor,
      action: "RECALL_ACTION_RECORDED",
      entityType: "recall_action",
      entityId: action.id,
      newValues: {
        recallId: recall.id,
        recallNumber: recall.recallNumber,
        deviceId: device.id,
        assetTag: row.assetTag,
        state: input.state,
        workOrder: input.workOrder,
        actionOn: input.actionOn,
        notes: input.notes || null,
        partyId: action.partyId,
      },
      at: now,
    });
    return action;
  }
}

/**
 * Why a recall has no work to record on a device, in the person's terms (found by a probe: a retired device, and one
 * whose model's match waits for review, were both told "its model is not matched").
 */
function whyNotApplicable(tx: Tx, recall: { id: number; recallNumber: string }, device: { assetTag: string; status: string; modelId: number | null }): string {
  if (device.status === "retired") return `${device.assetTag} is retired: a retired device has no recall work to record.`;
  if (device.modelId === null) return `${device.assetTag} has no model in the inventory, so no recall is matched to it: give it its model first.`;
  const match = tx
    .select({ confidence: recallModelMatches.confidence, decision: recallModelMatches.reviewDecision })
    .from(recallModelMatches)
    .where(and(eq(recallModelMatches.recallId, recall.id), eq(recallModelMatches.modelId, device.modelId)))
    .get();
  if (match?.decision === "dismissed") return `Recall ${recall.recallNumber} was dismissed for ${device.assetTag}'s model: there is no work to record.`;
  if (match && match.confidence === "confirm" && match.decision == null)
    return `Recall ${recall.recallNumber}'s match to ${device.assetTag}'s model waits for a Clinical Engineering lead to confirm it: record the work once it is confirmed.`;
  return `Recall ${recall.recallNumber} does not concern ${device.assetTag}'s model.`;
}
