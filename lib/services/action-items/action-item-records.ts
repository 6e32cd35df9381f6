import { eq } from "drizzle-orm";
import { type DbOrTx } from "@/db/client";
import { actionItems, drills } from "@/db/schema";
import { can, hasReadOnlyAccess, type Actor } from "@/lib/auth/permissions";
import { shouldClose, type CapabilityElement } from "@/lib/rules/drills";
import type { ActionItemStatus } from "@/lib/rules/action-items";
import { appendAudit } from "../audit/append-audit";
import { DRILL_ENTITY } from "../drills/drill-records";

export type ItemRow = typeof actionItems.$inferSelect;

/** The owner party's lead, admins and leadership may update an item; so may the person it is assigned to. */
export function mayUpdateItem(actor: Actor, item: Pick<ItemRow, "ownerPartyId" | "ownerUserId">): boolean {
  if (can(actor, "actionItem.update", { partyId: item.ownerPartyId })) return true;
  return item.ownerUserId === actor.id && !hasReadOnlyAccess(actor);
}

export function closeDrillIfDone(tx: DbOrTx, actor: Actor, drillId: number, now: Date) {
  const d = tx.select().from(drills).where(eq(drills.id, drillId)).get();
  if (!d) return;
  const statuses = tx
    .select({ s: actionItems.status })
    .from(actionItems)
    .where(eq(actionItems.drillId, drillId))
    .all()
    .map((r) => r.s);
  if (!shouldClose({ status: d.status as "aar_approved" }, statuses)) return;
  const at = now.toISOString();
  tx.update(drills)
    .set({ status: "closed", closedAt: at, updatedAt: at, revision: d.revision + 1 })
    .where(eq(drills.id, d.id))
    .run();
  appendAudit(tx, {
    actor,
    action: "DRILL_CLOSED",
    entityType: DRILL_ENTITY,
    entityId: d.id,
    oldValues: { status: d.status },
    newValues: { status: "closed", reason: "every improvement item is closed" },
    at: now,
  });
}

export interface ItemListRow {
  id: number;
  title: string;
  sourceType: "assessment_gap" | "drill";
  source: string;
  sourceHref: string;
  capabilityElement: CapabilityElement | null;
  ownerPartyId: number;
  ownerParty: string;
  ownerUserId: number | null;
  ownerUser: string | null;
  dueDate: string;
  status: ActionItemStatus;
  overdue: boolean;
  closureEvidence: string;
  closedAt: string | null;
  mayUpdate: boolean;
}

export interface ItemFilter {
  partyId?: number;
  status?: ActionItemStatus | "not_closed";
  overdue?: boolean;
  source?: "assessment_gap" | "drill";
  drillId?: number;
  mine?: boolean;
  /** Items of this site: from its drills or from assessments of the site (as the leadership dashboard counts them). */
  siteId?: number;
}
