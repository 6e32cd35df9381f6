import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { actionItems, drillFindings } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import { addItemRefusal } from "@/lib/rules/drills";
import type { AddImprovementItemInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";
import { getDrillRow, refuse, checkUsers, checkParties, bump } from "./drill-records";

/** An area for improvement yields improvement-plan items: action items shared with the assessments' gap plan. */
export function addImprovementItem(db: Db, actor: Actor, input: AddImprovementItemInput, now = clock.now()) {
  assertCan(actor, "actionItem.create");
  assertCan(actor, "drill.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const f = tx.select().from(drillFindings).where(eq(drillFindings.id, input.findingId)).get();
    if (!f) throw notFound("area for improvement");
    if (f.kind !== "improvement") throw invalid("Improvement items belong to an area for improvement, not to a strength.");
    const d = getDrillRow(tx, f.drillId, actor);
    refuse(addItemRefusal({ status: d.status }));
    checkParties(tx, [input.ownerPartyId], "ownerPartyId");
    if (input.ownerUserId) checkUsers(tx, [input.ownerUserId], "ownerUserId");
    const row = tx
      .insert(actionItems)
      .values({
        sourceType: "drill",
        drillId: d.id,
        findingId: f.id,
        capabilityElement: input.capabilityElement,
        title: input.title,
        ownerPartyId: input.ownerPartyId,
        ownerUserId: input.ownerUserId,
        dueDate: input.dueDate,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    bump(tx, d, {}, at);
    appendAudit(tx, {
      actor,
      action: "ACTION_ITEM_CREATED",
      entityType: "action_item",
      entityId: row.id,
      newValues: { ...input, drillId: d.id, sourceType: "drill" },
      at: now,
    });
    return row;
  });
}
