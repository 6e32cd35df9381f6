import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { actionItems, assessments, drills } from "@/db/schema";
import { assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { AppError, FORBIDDEN_MESSAGE, notFound } from "@/lib/errors";
import { itemStatusRefusal } from "@/lib/rules/drills";
import type { UpdateItemStatusInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { mayUpdateItem, closeDrillIfDone } from "./action-item-records";

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
    const refusal = itemStatusRefusal(item.status, input.status, input.closureEvidence);
    if (refusal)
      throw new AppError(
        item.status === "closed" ? "INVALID_STATE" : "VALIDATION",
        refusal,
        item.status === "closed" ? undefined : { closureEvidence: [refusal] },
      );
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
