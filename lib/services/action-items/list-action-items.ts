import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { type Db } from "@/db/client";
import { actionItems, assessments, drills, parties, users } from "@/db/schema";
import { can, inSiteScope, type Actor } from "@/lib/auth/permissions";
import { AppError, FORBIDDEN_MESSAGE } from "@/lib/errors";
import { isOverdue } from "@/lib/rules/drills";
import { clock } from "@/lib/clock";
import { mayUpdateItem, ItemListRow, ItemFilter } from "./action-item-records";

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
  if (filter.mine)
    conds.push(
      actor.leadOfPartyIds.length
        ? or(eq(actionItems.ownerUserId, actor.id), inArray(actionItems.ownerPartyId, actor.leadOfPartyIds))!
        : eq(actionItems.ownerUserId, actor.id),
    );
  if (filter.siteId) conds.push(or(eq(drills.siteId, filter.siteId), eq(assessments.siteId, filter.siteId))!);
  // Site scope: a site-limited user lists only items of their site's (and organization-wide) drills and assessments.
  const drillSiteOf = new Map(
    actor.siteId == null
      ? []
      : db
          .select({ id: drills.id, s: drills.siteId })
          .from(drills)
          .all()
          .map((r) => [r.id, r.s] as const),
  );
  const assessmentSiteOf = new Map(
    actor.siteId == null
      ? []
      : db
          .select({ id: assessments.id, s: assessments.siteId })
          .from(assessments)
          .all()
          .map((r) => [r.id, r.s] as const),
  );
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
    .filter(({ i }) =>
      inSiteScope(actor, i.drillId ? (drillSiteOf.get(i.drillId) ?? null) : i.assessmentId ? (assessmentSiteOf.get(i.assessmentId) ?? null) : null),
    );
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
    status: i.status,
    overdue: isOverdue({ status: i.status, dueDate: i.dueDate }, today),
    closureEvidence: i.closureEvidence,
    closedAt: i.closedAt,
    mayUpdate: mayUpdateItem(actor, i),
  }));
  return out.filter((r) => (!filter.overdue || r.overdue) && (!filter.mine || r.ownerUserId === actor.id || actor.leadOfPartyIds.includes(r.ownerPartyId)));
}
