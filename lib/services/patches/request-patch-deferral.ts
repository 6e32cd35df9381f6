import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { writeTx } from "@/db/client";
import { deviceEvents, patchDeferralRequests } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { assertCanRecordPatch, getPatchItem } from "./load-patch-item";

export interface PatchDeferralRequestInput {
  advisoryId: number;
  deviceId: number;
  reason: string;
  deferUntil: string;
}

/**
 * Asks for a patch to be deferred (decision 0030): what a CMMS sends when the work order is postponed. An integration
 * cannot sign, and a deferral is the Accountable party accepting a risk with an e-signature (21 CFR 11.50, 11.200),
 * so this records a *request* only: the item stays open (and past due when it is) until the Accountable party's lead
 * accepts it on /patches with their own signature (deferPatch with `requestId`). Same people as recording the work
 * (the item's Responsible or Accountable party); the request, a device-history note and the audit row commit together.
 */
export function requestPatchDeferral(db: Db, actor: Actor, input: PatchDeferralRequestInput, meta: { apiTokenId: number | null }, now = clock.now()) {
  assertCan(actor, "patch.read");
  const today = clock.today();
  const item = getPatchItem(db, actor, input.advisoryId, input.deviceId, today);
  assertCanRecordPatch(actor, item);
  if (!item.accountable)
    throw new AppError("INVALID_STATE", "This device class has no signed owner for patching, so nobody can accept a deferral. Get its RACI signed first.");
  if (item.status === "applied" || item.status === "notApplicable")
    throw new AppError("INVALID_STATE", `This item is closed (${item.status === "applied" ? "applied" : "not applicable"}): there is nothing to defer.`);
  if (input.deferUntil < today) throw new AppError("VALIDATION", "Deferred until: the date is in the past.", { deferUntil: ["The date is in the past."] });
  const at = now.toISOString();
  const label = `${actor.name} <${actor.email}>`;
  return writeTx(db, (tx) => {
    const row = tx
      .insert(patchDeferralRequests)
      .values({
        advisoryId: item.advisoryId,
        deviceId: item.deviceId,
        reason: input.reason,
        deferUntil: input.deferUntil,
        apiTokenId: meta.apiTokenId,
        requestedBy: label,
        requestedAt: at,
      })
      .returning()
      .get();
    tx.insert(deviceEvents)
      .values({
        deviceId: item.deviceId,
        at,
        actorId: actor.id,
        actorLabel: label,
        kind: "note",
        note: `${item.trackingId}: deferral until ${input.deferUntil} requested, waiting for the Accountable party's signature (${item.accountable!.map((h) => h.party).join(", ")}). Reason: ${input.reason}`,
      })
      .run();
    appendAudit(tx, {
      actor,
      action: "PATCH_DEFERRAL_REQUESTED",
      entityType: "patch_item",
      entityId: `${item.advisoryId}:${item.deviceId}`,
      oldValues: { status: item.status },
      newValues: { requestId: row.id, reason: input.reason, deferUntil: input.deferUntil },
      at: now,
    });
    return {
      id: row.id,
      status: "pending" as const,
      advisoryId: item.advisoryId,
      trackingId: item.trackingId,
      deviceId: item.deviceId,
      assetTag: item.assetTag,
      reason: row.reason,
      deferUntil: row.deferUntil,
      requestedAt: row.requestedAt,
      acceptBy: item.accountable!.map((h) => ({ party: h.party, lead: h.lead })),
    };
  });
}

/** Pending: not accepted, and nothing was recorded on the item since it was asked. */
const pendingWhere = sql`${patchDeferralRequests.acceptedRecordId} is null and not exists (select 1 from patch_records r where r.advisory_id = ${patchDeferralRequests.advisoryId} and r.device_id = ${patchDeferralRequests.deviceId} and r.recorded_at >= ${patchDeferralRequests.requestedAt})`;

/** The newest pending deferral request of an item, or null (what the Accountable lead is asked to accept). */
export function pendingDeferralRequest(db: DbOrTx, advisoryId: number, deviceId: number) {
  return (
    db
      .select()
      .from(patchDeferralRequests)
      .where(and(eq(patchDeferralRequests.advisoryId, advisoryId), eq(patchDeferralRequests.deviceId, deviceId), pendingWhere))
      .orderBy(desc(patchDeferralRequests.id))
      .limit(1)
      .get() ?? null
  );
}

/** Prepared once per connection (the page asks on every view): the device ids travel as one JSON array. */
const pendingOfDevicesStatements = new WeakMap<Db, ReturnType<typeof preparePendingOfDevices>>();
function preparePendingOfDevices(db: Db) {
  return db
    .select()
    .from(patchDeferralRequests)
    .where(
      and(
        sql`${patchDeferralRequests.deviceId} in (select value from json_each(${sql.placeholder("devices")}))`,
        pendingWhere,
        isNull(patchDeferralRequests.acceptedRecordId),
      ),
    )
    .orderBy(desc(patchDeferralRequests.id))
    .prepare();
}
function pendingOfDevices(db: Db) {
  let st = pendingOfDevicesStatements.get(db);
  if (!st) pendingOfDevicesStatements.set(db, (st = preparePendingOfDevices(db)));
  return st;
}

/** Pending requests for a page of items, keyed "advisoryId:deviceId" (the newest per item): what /patches shows. */
export function pendingDeferralRequests(db: Db, actor: Actor, items: readonly { advisoryId: number; deviceId: number }[]) {
  assertCan(actor, "patch.read");
  const out = new Map<string, typeof patchDeferralRequests.$inferSelect>();
  if (items.length === 0) return out;
  const devices = [...new Set(items.map((i) => i.deviceId))];
  const rows = pendingOfDevices(db).all({ devices: JSON.stringify(devices) });
  for (const r of rows) {
    const k = `${r.advisoryId}:${r.deviceId}`;
    if (!out.has(k)) out.set(k, r);
  }
  return out;
}

/** Rows of the queue with their pending deferral request, as the patch table shows it (the page and a device's page). */
export function withDeferralRequests<T extends { advisoryId: number; deviceId: number }>(db: Db, actor: Actor, items: readonly T[]) {
  const requests = pendingDeferralRequests(db, actor, items);
  return items.map((item) => {
    const q = requests.get(`${item.advisoryId}:${item.deviceId}`);
    return {
      item,
      deferralRequest: q ? { id: q.id, reason: q.reason, deferUntil: q.deferUntil, requestedBy: q.requestedBy, requestedOn: q.requestedAt.slice(0, 10) } : null,
    };
  });
}

/** Inside deferPatch's transaction: the request is this item's and still pending; it is marked accepted by the record. */
export function acceptDeferralRequest(tx: DbOrTx, requestId: number, item: { advisoryId: number; deviceId: number }, recordId: number): void {
  const r = tx.select().from(patchDeferralRequests).where(eq(patchDeferralRequests.id, requestId)).get();
  if (!r || r.advisoryId !== item.advisoryId || r.deviceId !== item.deviceId)
    throw new AppError("NOT_FOUND", "This deferral request is not one of this item's.");
  if (r.acceptedRecordId != null) throw new AppError("CONFLICT", "This deferral request was already accepted.");
  tx.update(patchDeferralRequests).set({ acceptedRecordId: recordId }).where(eq(patchDeferralRequests.id, requestId)).run();
}
