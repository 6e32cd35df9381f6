import { eq } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { actionItems } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { approveAarRefusal, shouldClose } from "@/lib/rules/drills";
import { appendAudit } from "../audit/append-audit";
import { confirmSigner, writeSignature, type SignerCredential } from "../signatures/sign-record";
import { clock } from "@/lib/clock";
import { DRILL_ENTITY, getDrillRow, bump, aarSignedContent } from "./drill-records";

/** AAR approval: an electronic signature by leadership, never by the facilitator or the AAR's author. */
export async function approveAar(db: Db, actor: Actor, input: { drillId: number } & SignerCredential, now = clock.now()) {
  assertCan(actor, "drill.approveAar");
  const d = getDrillRow(db, input.drillId, actor);
  const refusal = approveAarRefusal({ status: d.status, kind: d.kind, facilitatorUserId: d.facilitatorUserId, aarSubmittedBy: d.aarSubmittedBy }, actor.id);
  if (refusal) throw new AppError(refusal.startsWith("You ") ? "FORBIDDEN" : "INVALID_STATE", refusal);
  const proof = await confirmSigner(db, actor, input, { entityType: DRILL_ENTITY, entityId: String(d.id) }, now);
  const at = now.toISOString();
  return writeTxWhenFree(db, (tx) => {
    const fresh = getDrillRow(tx, d.id, actor);
    if (fresh.revision !== d.revision || fresh.status !== "aar_review")
      throw new AppError("CONFLICT", "This after-action report changed while you were signing. Review it again; nothing was signed.");
    writeSignature(
      tx,
      actor,
      { ref: { entityType: DRILL_ENTITY, entityId: String(d.id) }, content: aarSignedContent(tx, d.id), meaning: "Approved", proof },
      now,
    );
    const items = tx.select({ status: actionItems.status }).from(actionItems).where(eq(actionItems.drillId, d.id)).all();
    const closes = shouldClose(
      { status: "aar_approved" },
      items.map((i) => i.status),
    );
    bump(tx, fresh, { status: closes ? "closed" : "aar_approved", aarApprovedBy: actor.id, aarApprovedAt: at, closedAt: closes ? at : null }, at);
    appendAudit(tx, {
      actor,
      action: "DRILL_AAR_APPROVED",
      entityType: DRILL_ENTITY,
      entityId: d.id,
      oldValues: { status: "aar_review" },
      newValues: { status: closes ? "closed" : "aar_approved" },
      at: now,
    });
  });
}
