import { eq } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "@/db/client";
import { deviceModels, sites, supportDecisions } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { supportStatus } from "@/lib/rules/support-status";
import type { CreateSupportDecisionInput } from "@/lib/validation/recalls";
import { appendAudit } from "../audit/append-audit";

/**
 * Records a replace-or-mitigate decision for a model (optionally one site), awaiting leadership approval. Only for a
 * model past end of security patches: for a supported model the maker's patches are the answer. Audited in the same
 * transaction.
 */
export function createSupportDecision(db: Db, actor: Actor, input: CreateSupportDecisionInput, now = clock.now()) {
  return writeTx(db, (tx) => writeSupportDecision(tx, actor, input, now));
}

export function writeSupportDecision(tx: Tx, actor: Actor, input: CreateSupportDecisionInput, now: Date) {
  assertCan(actor, "supportDecision.create");
  const model = tx.select().from(deviceModels).where(eq(deviceModels.id, input.modelId)).get();
  if (!model) throw notFound("model");
  if (input.siteId != null) {
    if (!tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId)).get()) throw notFound("site");
    assertInSiteScope(actor, input.siteId, "site");
  } else if (actor.siteId != null) {
    throw new AppError("FORBIDDEN", "You work for one site: choose your site for this decision.");
  }
  const today = now.toISOString().slice(0, 10);
  if (supportStatus(model, today) !== "unsupported")
    throw new AppError(
      "INVALID_STATE",
      `${model.name} still receives security patches from its maker: a replace-or-mitigate decision is for models past end of security patches.`,
    );
  const row = tx
    .insert(supportDecisions)
    .values({
      modelId: model.id,
      siteId: input.siteId,
      kind: input.kind,
      replaceBy: input.kind === "replace" ? input.replaceBy : null,
      capitalRequestRef: input.kind === "replace" ? input.capitalRequestRef : null,
      controls: JSON.stringify(input.kind === "mitigate" ? [...new Set(input.controls)].sort() : []),
      details: input.details || null,
      reviewOn: input.reviewOn,
      createdBy: actor.id,
      createdAt: now.toISOString(),
    })
    .returning()
    .get();
  appendAudit(tx, {
    actor,
    action: "SUPPORT_DECISION_CREATED",
    entityType: "support_decision",
    entityId: row.id,
    newValues: { ...row, controls: JSON.parse(row.controls) },
    at: now,
  });
  return row;
}
