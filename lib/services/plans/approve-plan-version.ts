import { eq } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { planVersions, responsePlans } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { approvePlanRefusal } from "@/lib/rules/plans";
import { appendAudit } from "../audit/append-audit";
import { confirmSigner, writeSignature, type SignerCredential } from "../signatures/sign-record";
import { PLAN_ENTITY, markedPlanVersions, getPlanRow, loadPlanVersions, planSignedContent, versionContent } from "./plan-records";
import { clock } from "@/lib/clock";

/**
 * Approval is an electronic signature by leadership over the draft's whole content; the previously
 * approved version is superseded in the same transaction, which restarts acknowledgements.
 */
export async function approvePlanVersion(db: Db, actor: Actor, input: { planId: number } & SignerCredential, now = clock.now()) {
  assertCan(actor, "plan.approve");
  const plan = getPlanRow(db, input.planId, actor);
  const { draft } = markedPlanVersions(loadPlanVersions(db, plan.id));
  if (!draft) throw new AppError("INVALID_STATE", "There is no draft version to approve.");
  const refusal = approvePlanRefusal({ ...versionContent(draft), status: draft.status, createdBy: draft.createdBy, updatedBy: draft.updatedBy }, actor.id);
  if (refusal) throw new AppError(refusal.startsWith("You ") ? "FORBIDDEN" : "INVALID_STATE", refusal);
  const proof = await confirmSigner(db, actor, input, { entityType: PLAN_ENTITY, entityId: String(draft.id) }, now);
  const at = now.toISOString();
  return writeTxWhenFree(db, (tx) => {
    const fresh = tx.select().from(planVersions).where(eq(planVersions.id, draft.id)).get();
    if (!fresh || fresh.status !== "draft" || fresh.revision !== draft.revision)
      throw new AppError("CONFLICT", "This draft changed while you were signing. Review it again; nothing was signed.");
    const previous = markedPlanVersions(loadPlanVersions(tx, plan.id)).approved;
    if (previous) tx.update(planVersions).set({ status: "superseded", supersededAt: at }).where(eq(planVersions.id, previous.id)).run();
    tx.update(planVersions).set({ status: "approved", approvedBy: actor.id, approvedAt: at }).where(eq(planVersions.id, draft.id)).run();
    const approved = tx.select().from(planVersions).where(eq(planVersions.id, draft.id)).get()!;
    writeSignature(
      tx,
      actor,
      { ref: { entityType: PLAN_ENTITY, entityId: String(draft.id) }, content: planSignedContent(plan, approved), meaning: "Approved", proof },
      now,
    );
    tx.update(responsePlans).set({ updatedAt: at }).where(eq(responsePlans.id, plan.id)).run();
    appendAudit(tx, {
      actor,
      action: "PLAN_VERSION_APPROVED",
      entityType: PLAN_ENTITY,
      entityId: draft.id,
      oldValues: { status: "draft", superseded: previous?.versionNo ?? null },
      newValues: { status: "approved", versionNo: draft.versionNo },
      at: now,
    });
    return approved;
  });
}
