import { eq, sql } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx, type Tx } from "@/db/client";
import { advisories, deviceModels, oemPositions, type OemPositionRow } from "@/db/schema";
import { can, assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, invalid, notFound } from "@/lib/errors";
import { OEM_POSITION_LABELS } from "@/lib/rules/oem-clock";
import type { RecordOemPositionInput } from "@/lib/validation/advisories";
import { appendAudit } from "../audit/append-audit";
import { inventoryParties } from "../inventory/access";
import { OEM_TERMS_ACTIVITY, signedActivityHolders } from "../raci/activity-holders";
import { latestOemPosition } from "./oem-position";

/**
 * Who may record the OEM's answer for a model: an admin, Clinical Engineering's lead, or the lead of a party the
 * model's device class's signed RACI makes Accountable or Responsible for "OEM contract security terms" (GV.SC-05),
 * the party that chases the OEM under the FDA clocks.
 */
export function canRecordOemPosition(db: DbOrTx, actor: Actor | null, deviceClassId: number | null): boolean {
  if (!actor) return false;
  if (can(actor, "advisory.recordOemPosition", { partyId: inventoryParties(db).clinicalEngineering })) return true;
  if (deviceClassId == null) return false;
  const holders = signedActivityHolders(db, deviceClassId, OEM_TERMS_ACTIVITY);
  return [...(holders?.accountable ?? []), ...(holders?.responsible ?? [])].some((partyId) => can(actor, "advisory.recordOemPosition", { partyId }));
}

/**
 * Records the OEM's position on an advisory for one model (issue #13 item 3): a new version row, never an update
 * (the history is kept), with its audit entry in the same transaction. The model must be one the advisory matched;
 * the same position with the same details again is refused as a no-op rather than stored twice.
 */
export function recordOemPosition(db: Db, actor: Actor, input: RecordOemPositionInput, now = clock.now()): OemPositionRow {
  assertCan(actor, "advisory.read");
  return writeTx(db, (tx) => {
    const model = tx
      .select({ id: deviceModels.id, name: deviceModels.name, deviceClassId: deviceModels.deviceClassId })
      .from(deviceModels)
      .where(eq(deviceModels.id, input.modelId))
      .get();
    const advisory = tx.select({ id: advisories.id, trackingId: advisories.trackingId }).from(advisories).where(eq(advisories.id, input.advisoryId)).get();
    if (!advisory) throw notFound("advisory");
    if (!model) throw notFound("model");
    if (!canRecordOemPosition(tx, actor, model.deviceClassId)) assertCan(null, "advisory.recordOemPosition");
    return writeOemPosition(tx, actor, { ...input, trackingId: advisory.trackingId, modelName: model.name }, now);
  });
}

/** The write itself, inside the caller's transaction (the use case above and the demo seed). */
export function writeOemPosition(
  tx: Tx,
  actor: Pick<Actor, "id" | "name" | "email">,
  input: RecordOemPositionInput & { trackingId: string; modelName: string },
  now: Date,
): OemPositionRow {
  // A position is about a model the advisory reaches; a model it never matched has nothing to answer.
  const matched =
    tx.get<{ n: number }>(sql`select count(*) as n from advisory_device_matches where advisory_id = ${input.advisoryId} and model_id = ${input.modelId}`)?.n ??
    0;
  if (matched === 0)
    throw new AppError("INVALID_STATE", `${input.trackingId} does not match any device of model ${input.modelName}: there is no OEM position to record.`);
  const patch = input.position === "patch_available";
  const values = {
    advisoryId: input.advisoryId,
    modelId: input.modelId,
    position: input.position,
    bulletinRef: input.bulletinRef ?? null,
    bulletinUrl: input.bulletinUrl ?? null,
    validatedVersion: patch ? (input.validatedVersion ?? null) : null,
    validatedOn: patch ? (input.validatedOn ?? null) : null,
    installNotes: input.installNotes ?? null,
    note: input.note ?? null,
  };
  const previous = latestOemPosition(tx, input.advisoryId, input.modelId);
  if (values.validatedOn) checkValidationDate(tx, input, values.validatedOn, values.validatedVersion, previous);
  if (previous && (Object.keys(values) as (keyof typeof values)[]).every((k) => previous[k] === values[k])) {
    throw new AppError(
      "CONFLICT",
      `The OEM's position on ${input.trackingId} for ${input.modelName} is already "${OEM_POSITION_LABELS[input.position]}" with these details.`,
    );
  }
  const row = tx
    .insert(oemPositions)
    .values({ ...values, recordedBy: actor.id, recordedAt: now.toISOString() })
    .returning()
    .get();
  appendAudit(tx, {
    actor,
    action: "OEM_POSITION_RECORDED",
    entityType: "oem_position",
    entityId: `${input.advisoryId}:${input.modelId}`,
    oldValues: previous
      ? {
          position: previous.position,
          validatedVersion: previous.validatedVersion,
          validatedOn: previous.validatedOn,
          bulletinRef: previous.bulletinRef,
          bulletinUrl: previous.bulletinUrl,
        }
      : { position: "not_answered" },
    newValues: { ...values, trackingId: input.trackingId, model: input.modelName },
    at: now,
  });
  return row;
}

/**
 * A validation date is evidence the patch queue's records stand on. Moving the same validated version's date later
 * than devices were already recorded patched with it would make those records predate validation, which
 * recordPatchApplied refuses (found by a probe): refused. Only the records applied since the version's previous
 * validation date count: earlier ones were for an earlier version (found in review). A new validated version may
 * carry a later date. A date before the advisory's release is kept: vendors often validate a fix before the advisory
 * is published (coordinated disclosure).
 */
function checkValidationDate(
  tx: Tx,
  input: RecordOemPositionInput & { trackingId: string; modelName: string },
  validatedOn: string,
  validatedVersion: string | null,
  previous: OemPositionRow | null,
): void {
  if (!previous || previous.position !== "patch_available" || previous.validatedVersion !== validatedVersion || !previous.validatedOn) return;
  if (validatedOn <= previous.validatedOn) return;
  const applied = tx.get<{ n: number; earliest: string | null }>(
    sql`select count(*) as n, min(pr.applied_on) as earliest from patch_records pr join devices d on d.id = pr.device_id
        where pr.advisory_id = ${input.advisoryId} and d.model_id = ${input.modelId} and pr.outcome = 'applied'
          and pr.applied_on >= ${previous.validatedOn} and pr.applied_on < ${validatedOn}`,
  );
  if (applied && applied.n > 0) {
    const sentence = `${applied.n === 1 ? "1 device" : `${applied.n} devices`} of ${input.modelName} ${applied.n === 1 ? "was" : "were"} recorded patched for ${input.trackingId} before ${validatedOn} (the earliest on ${applied.earliest}): the OEM validated this version by then. Give the date it did, or record the newly validated version.`;
    throw invalid(sentence, { validatedOn: [sentence] });
  }
}
