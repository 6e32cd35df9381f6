import { eq } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { supportDecisions } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import type { ApproveSupportDecisionInput } from "@/lib/validation/recalls";
import { confirmSigner, writeSignature } from "../signatures/sign-record";
import { isDecisionApproved, SUPPORT_DECISION_ENTITY, supportDecisionContent } from "./load";

/**
 * Leadership approves a decision with the existing e-signature: password re-entered (21 CFR 11.200), meaning
 * "Approved", bound to the decision's content. Never by its author (separation of duties); an approved decision is
 * not signed twice.
 */
export async function approveSupportDecision(db: Db, actor: Actor, input: ApproveSupportDecisionInput, now = clock.now()) {
  assertCan(actor, "supportDecision.approve");
  const d = db.select().from(supportDecisions).where(eq(supportDecisions.id, input.decisionId)).get();
  if (!d) throw notFound("decision");
  if (d.siteId != null) assertInSiteScope(actor, d.siteId, "decision");
  else if (actor.siteId != null) throw new AppError("FORBIDDEN", "This decision covers every site: a leader of the whole organization approves it.");
  if (d.createdBy === actor.id) throw new AppError("FORBIDDEN", "You wrote this decision: another leadership user approves it.");
  const ref = { entityType: SUPPORT_DECISION_ENTITY, entityId: String(d.id) };
  const proof = await confirmSigner(db, actor, input, ref, now);
  return writeTxWhenFree(db, (tx) => {
    if (isDecisionApproved(tx, d)) throw new AppError("CONFLICT", "This decision is already approved.");
    return writeSignature(tx, actor, { ref, content: supportDecisionContent(d), meaning: "Approved", proof }, now);
  });
}
