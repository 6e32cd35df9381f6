import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { recallModelMatches } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import type { ReviewRecallMatchInput } from "@/lib/validation/recalls";
import { appendAudit } from "../audit/append-audit";
import { inventoryParties } from "../inventory/access";

/**
 * A Clinical Engineering lead (or an admin) confirms or dismisses a recall-to-model match, with a reason, audited in
 * the same transaction. A match already reviewed is refused (CONFLICT): a verdict is changed by nobody silently.
 */
export function reviewRecallMatch(db: Db, actor: Actor, input: ReviewRecallMatchInput, now = clock.now()) {
  assertCan(actor, "recall.review", { partyId: inventoryParties(db).clinicalEngineering });
  return writeTx(db, (tx) => {
    const row = tx.select().from(recallModelMatches).where(eq(recallModelMatches.id, input.matchId)).get();
    if (!row) throw notFound("recall match");
    if (row.reviewDecision) throw new AppError("CONFLICT", `This match was already ${row.reviewDecision} on ${row.reviewedAt!.slice(0, 10)}.`);
    const set = { reviewDecision: input.decision, reviewReason: input.reason, reviewedBy: actor.id, reviewedAt: now.toISOString() };
    tx.update(recallModelMatches).set(set).where(eq(recallModelMatches.id, row.id)).run();
    appendAudit(tx, {
      actor,
      action: input.decision === "confirmed" ? "RECALL_MATCH_CONFIRMED" : "RECALL_MATCH_DISMISSED",
      entityType: "recall_model_match",
      entityId: row.id,
      oldValues: { confidence: row.confidence, reason: row.reason },
      newValues: { recallId: row.recallId, modelId: row.modelId, decision: input.decision, reason: input.reason },
      at: now,
    });
    return { recallId: row.recallId, decision: input.decision };
  });
}
