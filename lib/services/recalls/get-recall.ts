import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceModels, manufacturers, recallModelMatches, recallRevisions, recalls, users } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { inventoryParties } from "../inventory/access";
import { recallDevices } from "./affected";
import { recallRouter } from "./route-recall";

/**
 * One recall: FDA's facts and their history, the models it was matched to (with why, and any review), and the devices
 * it applies to within the actor's site scope, each with its routed owner and the action recorded or "outstanding".
 * `mayRecord` tells per device whether the actor may record the action (the same rule recordRecallAction applies).
 */
export function getRecall(db: Db, actor: Actor, id: number) {
  assertCan(actor, "recall.read");
  const recall = db.select().from(recalls).where(eq(recalls.id, id)).get();
  if (!recall) throw notFound("recall");
  const history = db
    .select({ importedAt: recallRevisions.importedAt, fileName: recallRevisions.fileName, source: recallRevisions.source, content: recallRevisions.content })
    .from(recallRevisions)
    .where(eq(recallRevisions.recallId, id))
    .orderBy(asc(recallRevisions.id))
    .all();
  const matches = db
    .select({
      id: recallModelMatches.id,
      modelId: recallModelMatches.modelId,
      model: deviceModels.name,
      manufacturer: manufacturers.name,
      fdaProductCode: deviceModels.fdaProductCode,
      confidence: recallModelMatches.confidence,
      reason: recallModelMatches.reason,
      reviewDecision: recallModelMatches.reviewDecision,
      reviewReason: recallModelMatches.reviewReason,
      reviewedAt: recallModelMatches.reviewedAt,
      reviewer: users.name,
    })
    .from(recallModelMatches)
    .innerJoin(deviceModels, eq(deviceModels.id, recallModelMatches.modelId))
    .innerJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .leftJoin(users, eq(users.id, recallModelMatches.reviewedBy))
    .where(eq(recallModelMatches.recallId, id))
    .orderBy(asc(manufacturers.name), asc(deviceModels.name))
    .all();
  const route = recallRouter(db, actor);
  const ce = inventoryParties(db).clinicalEngineering;
  const devices = recallDevices(db, { recallIds: [id], siteId: actor.siteId ?? null }).map((d) => {
    const owners = route(d.deviceClassId ? { id: d.deviceClassId, name: d.deviceClass ?? "" } : null);
    return {
      ...d,
      owners,
      mayRecord: !d.actionId && (owners.length ? owners.map((o) => o.partyId) : [ce]).some((partyId) => can(actor, "recall.recordAction", { partyId })),
    };
  });
  return {
    recall,
    history: history.map((h) => ({ ...h, content: JSON.parse(h.content) as Record<string, unknown> })),
    matches,
    devices,
    mayReview: can(actor, "recall.review", { partyId: ce }),
  };
}
export type RecallView = ReturnType<typeof getRecall>;

/** The recalls still outstanding for one device (the device page), with the owner they are routed to. */
export function outstandingRecallsForDevice(db: Db, actor: Actor, deviceId: number) {
  assertCan(actor, "recall.read");
  const rows = recallDevices(db, { deviceId, outstandingOnly: true, siteId: actor.siteId ?? null });
  if (rows.length === 0) return [];
  const byId = new Map(
    db
      .select()
      .from(recalls)
      .where(inArray(recalls.id, [...new Set(rows.map((r) => r.recallId))]))
      .all()
      .map((r) => [r.id, r]),
  );
  const route = recallRouter(db, actor);
  return rows.map((d) => {
    const r = byId.get(d.recallId)!;
    return {
      recallId: r.id,
      recallNumber: r.recallNumber,
      recallClass: r.recallClass,
      reason: r.reason,
      initiatedOn: r.initiatedOn,
      owners: route(d.deviceClassId ? { id: d.deviceClassId, name: d.deviceClass ?? "" } : null),
    };
  });
}
