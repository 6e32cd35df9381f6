import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { deviceEvents, patchRecords } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import type { AuditEvent } from "../audit/audit-events";
import { patchRoutes } from "./route-patches";
import { getPatchPolicy } from "./patch-policy";
import { scopeWhere, selectQueue } from "./patch-queue-sql";
import { toPatchItem, type PatchItem } from "./list-patch-queue";

/**
 * One patch item as the queue shows it, or NOT_FOUND: not a queue item (not affected, no OEM-validated patch,
 * retired device) or outside the actor's site scope (issue #10: "not found", not "forbidden").
 */
export function getPatchItem(db: Db, actor: Actor, advisoryId: number, deviceId: number, today: string): PatchItem & { recordId: number | null } {
  const routes = patchRoutes(db, actor);
  const raw = selectQueue(db, scopeWhere({ advisoryId, deviceId, siteId: actor.siteId ?? null }))[0];
  if (!raw) throw notFound("patch item");
  return { ...toPatchItem(raw, routes, getPatchPolicy(db), today), recordId: raw.recordId };
}

/** Leads of the parties the signed RACI names for the item: Responsible (does the work) and Accountable. */
export function canRecordPatch(actor: Actor, item: PatchItem): boolean {
  return (
    can(actor, "patch.record", {}) || [...(item.responsible ?? []), ...(item.accountable ?? [])].some((h) => can(actor, "patch.record", { partyId: h.partyId }))
  );
}

export function assertCanRecordPatch(actor: Actor, item: PatchItem): void {
  if (!canRecordPatch(actor, item)) throw forbidden();
}

/** Only the lead of the item's Accountable party accepts a deferral: the party that answers for the risk (DOMAIN.md RACI). */
export function canDeferPatch(actor: Actor, item: PatchItem): boolean {
  return (item.accountable ?? []).some((h) => can(actor, "patch.defer", { partyId: h.partyId }) && can(actor, "signature.sign"));
}

/** Inside the write transaction: the item's newest record is still the one the actor saw (no lost update). */
export function assertUnchanged(tx: DbOrTx, item: { advisoryId: number; deviceId: number; recordId: number | null }): void {
  const latest = tx
    .select({ id: patchRecords.id })
    .from(patchRecords)
    .where(and(eq(patchRecords.advisoryId, item.advisoryId), eq(patchRecords.deviceId, item.deviceId)))
    .orderBy(desc(patchRecords.id))
    .limit(1)
    .get();
  if ((latest?.id ?? null) !== item.recordId)
    throw new AppError("CONFLICT", "Someone recorded work on this item a moment ago. Reload the page to see it, then try again.");
}

export const patchItemRef = (item: { advisoryId: number; deviceId: number }) => ({ entityType: "patch_item", entityId: `${item.advisoryId}:${item.deviceId}` });

/** The record, its device-history entry and its audit row, in the caller's transaction. */
export function writePatchRecord(
  tx: DbOrTx,
  actor: Actor,
  item: PatchItem,
  values: Omit<typeof patchRecords.$inferInsert, "advisoryId" | "deviceId" | "recordedBy" | "recordedAt">,
  event: { kind: "patch_applied" | "note"; note: string; workOrder?: string | null },
  auditAction: AuditEvent,
  now: Date,
  importId: number | null = null,
): number {
  const at = now.toISOString();
  const row = tx
    .insert(patchRecords)
    .values({ ...values, advisoryId: item.advisoryId, deviceId: item.deviceId, recordedBy: actor.id, recordedAt: at, importId })
    .returning({ id: patchRecords.id })
    .get();
  tx.insert(deviceEvents)
    .values({
      deviceId: item.deviceId,
      at,
      actorId: actor.id,
      actorLabel: `${actor.name} <${actor.email}>`,
      kind: event.kind,
      workOrder: event.workOrder ?? null,
      note: event.note,
      importId,
    })
    .run();
  appendAudit(tx, {
    actor,
    action: auditAction,
    entityType: "patch_item",
    entityId: `${item.advisoryId}:${item.deviceId}`,
    oldValues: { status: item.status },
    newValues: { recordId: row.id, ...values },
    at: now,
  });
  return row.id;
}
