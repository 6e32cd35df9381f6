import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx } from "@/db/client";
import { actionItems, assessments, drills, parties, users } from "@/db/schema";
import { assertInSiteScope, can, inSiteScope, type Actor } from "@/lib/auth/permissions";
import { AppError, FORBIDDEN_MESSAGE, notFound } from "@/lib/errors";
import { isOverdue, itemStatusRefusal, shouldClose, type ItemStatus } from "@/lib/rules/drills";
import type { UpdateItemStatusInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { DRILL_ENTITY } from "./manage-drills";
import { clock } from "@/lib/clock";

type ItemRow = typeof actionItems.$inferSelect;

/** The owner party's lead, admins and leadership may update an item; so may the person it is assigned to. */
export function mayUpdateItem(actor: Actor, item: Pick<ItemRow, "ownerPartyId" | "ownerUserId">): boolean {
  if (can(actor, "actionItem.update", { partyId: item.ownerPartyId })) return true;
  return item.ownerUserId === actor.id && !actor.roles.every((r) => r === "auditor");
}

/**
 * Moves an item to open / in progress / closed. Closing needs closure evidence; a closed item stays
 * closed. Closing the last open item of a drill whose AAR is approved closes the drill, in the same
 * transaction.
 */
export function updateItemStatus(db: Db, actor: Actor, input: UpdateItemStatusInput, now = clock.now()) {
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const item = tx.select().from(actionItems).where(eq(actionItems.id, input.itemId)).get();
    if (!item) throw notFound("action item");
    // Site scope follows the item's source: its drill's site, or its assessment's (found by the authorization matrix).
    const siteId = item.drillId
      ? tx.select({ s: drills.siteId }).from(drills).where(eq(drills.id, item.drillId)).get()?.s
      : item.assessmentId
        ? tx.select({ s: assessments.siteId }).from(assessments).where(eq(assessments.id, item.assessmentId)).get()?.s
        : null;
    assertInSiteScope(actor, siteId, "action item");
    if (!mayUpdateItem(actor, item)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
    const refusal = itemStatusRefusal(item.status as ItemStatus, input.status, input.closureEvidence);
    if (refusal) throw new AppError(item.status === "closed" ? "INVALID_STATE" : "VALIDATION", refusal, item.status === "closed" ? undefined : { closureEvidence: [refusal] });
    const closing = input.status === "closed";
    tx.update(actionItems)
      .set({ status: input.status, closureEvidence: closing ? input.closureEvidence : item.closureEvidence, closedAt: closing ? at : null, updatedAt: at })
      .where(eq(actionItems.id, item.id))
      .run();
    appendAudit(tx, {
      actor,
      action: closing ? "ACTION_ITEM_CLOSED" : "ACTION_ITEM_STATUS_CHANGED",
      entityType: "action_item",
      entityId: item.id,
      oldValues: { status: item.status },
      newValues: { status: input.status, ...(closing ? { closureEvidence: input.closureEvidence } : {}) },
      at: now,
    });
    if (closing && item.drillId) closeDrillIfDone(tx, actor, item.drillId, now);
  });
}

function closeDrillIfDone(tx: DbOrTx, actor: Actor, drillId: number, now: Date) {
  const d = tx.select().from(drills).where(eq(drills.id, drillId)).get();
  if (!d) return;
  const statuses = tx.select({ s: actionItems.status }).from(actionItems).where(eq(actionItems.drillId, drillId)).all().map((r) => r.s as ItemStatus);
  if (!shouldClose({ status: d.status as "aar_approved" }, statuses)) return;
  const at = now.toISOString();
  tx.update(drills).set({ status: "closed", closedAt: at, updatedAt: at, revision: d.revision + 1 }).where(eq(drills.id, d.id)).run();
  appendAudit(tx, { actor, action: "DRILL_CLOSED", entityType: DRILL_ENTITY, entityId: d.id, oldValues: { status: d.status }, newValues: { status: "closed", reason: "every improvement item is closed" }, at: now });
}

export interface ItemListRow {
  id: number;
  title: string;
  sourceType: "assessment_gap" | "drill";
  source: string;
  sourceHref: string;
  capabilityElement: string | null;
  ownerPartyId: number;
  ownerParty: string;
  ownerUserId: number | null;
  ownerUser: string | null;
  dueDate: string;
  status: ItemStatus;
  overdue: boolean;
  closureEvidence: string;
  closedAt: string | null;
  mayUpdate: boolean;
}

export interface ItemFilter {
  partyId?: number;
  status?: ItemStatus | "not_closed";
  overdue?: boolean;
  source?: "assessment_gap" | "drill";
  drillId?: number;
  mine?: boolean;
  /** Items of this site: from its drills or from assessments of the site (as the leadership dashboard counts them). */
  siteId?: number;
}

/** Every action item (assessment gaps and drill improvement plans), filtered, with the actor's right to update each. */
export function listActionItems(db: Db, actor: Actor, filter: ItemFilter = {}, now = clock.now()): ItemListRow[] {
  if (!can(actor, "drill.read") && !can(actor, "assessment.read")) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
  const today = now.toISOString().slice(0, 10);
  const conds = [];
  if (filter.partyId) conds.push(eq(actionItems.ownerPartyId, filter.partyId));
  if (filter.status === "not_closed") conds.push(ne(actionItems.status, "closed"));
  else if (filter.status) conds.push(eq(actionItems.status, filter.status));
  if (filter.source) conds.push(eq(actionItems.sourceType, filter.source));
  if (filter.drillId) conds.push(eq(actionItems.drillId, filter.drillId));
  // "Mine" in SQL too (by action_items_owner_user_idx and action_items_owner_idx), not only in the filter below.
  if (filter.mine) conds.push(actor.leadOfPartyIds.length ? or(eq(actionItems.ownerUserId, actor.id), inArray(actionItems.ownerPartyId, actor.leadOfPartyIds))! : eq(actionItems.ownerUserId, actor.id));
  if (filter.siteId) conds.push(or(eq(drills.siteId, filter.siteId), eq(assessments.siteId, filter.siteId))!);
  // Site scope: a site-limited user lists only items of their site's (and organization-wide) drills and assessments.
  const drillSiteOf = new Map(actor.siteId == null ? [] : db.select({ id: drills.id, s: drills.siteId }).from(drills).all().map((r) => [r.id, r.s] as const));
  const assessmentSiteOf = new Map(actor.siteId == null ? [] : db.select({ id: assessments.id, s: assessments.siteId }).from(assessments).all().map((r) => [r.id, r.s] as const));
  const rows = db
    .select({ i: actionItems, party: parties.name, user: users.name, drillTitle: drills.title, assessmentName: assessments.name })
    .from(actionItems)
    .innerJoin(parties, eq(parties.id, actionItems.ownerPartyId))
    .leftJoin(users, eq(users.id, actionItems.ownerUserId))
    .leftJoin(drills, eq(drills.id, actionItems.drillId))
    .leftJoin(assessments, eq(assessments.id, actionItems.assessmentId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(actionItems.dueDate), asc(actionItems.id))
    .all()
    .filter(({ i }) => inSiteScope(actor, i.drillId ? (drillSiteOf.get(i.drillId) ?? null) : i.assessmentId ? (assessmentSiteOf.get(i.assessmentId) ?? null) : null));
  const out = rows.map(({ i, party, user, drillTitle, assessmentName }) => ({
    id: i.id,
    title: i.title,
    sourceType: i.sourceType,
    source: i.sourceType === "drill" ? `Drill: ${drillTitle ?? "?"}` : `Assessment: ${assessmentName ?? "?"}${i.subcategoryId ? ` (${i.subcategoryId})` : ""}`,
    sourceHref: i.sourceType === "drill" ? `/drills/${i.drillId}` : `/assessments/${i.assessmentId}/results`,
    capabilityElement: i.capabilityElement,
    ownerPartyId: i.ownerPartyId,
    ownerParty: party,
    ownerUserId: i.ownerUserId,
    ownerUser: user,
    dueDate: i.dueDate,
    status: i.status as ItemStatus,
    overdue: isOverdue({ status: i.status as ItemStatus, dueDate: i.dueDate }, today),
    closureEvidence: i.closureEvidence,
    closedAt: i.closedAt,
    mayUpdate: mayUpdateItem(actor, i),
  }));
  return out.filter((r) => (!filter.overdue || r.overdue) && (!filter.mine || r.ownerUserId === actor.id || actor.leadOfPartyIds.includes(r.ownerPartyId)));
}

/** Open items per owner party, with how many are overdue: the improvement plan at a glance. */
export function itemsByParty(db: Db, actor: Actor, now = clock.now()) {
  const rows = listActionItems(db, actor, { status: "not_closed" }, now);
  const byParty = new Map<number, { partyId: number; party: string; open: number; overdue: number }>();
  for (const r of rows) {
    const cur = byParty.get(r.ownerPartyId) ?? { partyId: r.ownerPartyId, party: r.ownerParty, open: 0, overdue: 0 };
    cur.open += 1;
    if (r.overdue) cur.overdue += 1;
    byParty.set(r.ownerPartyId, cur);
  }
  return [...byParty.values()].sort((a, b) => b.overdue - a.overdue || a.party.localeCompare(b.party));
}

/** Items the actor must act on: assigned to them, or owned by a party they lead. */
export function myOpenItems(db: Db, actor: Actor, now = clock.now()) {
  if (!can(actor, "drill.read")) return [];
  return listActionItems(db, actor, { status: "not_closed", mine: true }, now);
}

export function itemsOfDrills(db: DbOrTx, drillIds: readonly number[]) {
  if (!drillIds.length) return [];
  return db.select().from(actionItems).where(inArray(actionItems.drillId, [...drillIds])).all();
}
