import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deviceModels, manufacturerAliases, manufacturers, recallModelMatches, recalls } from "@/db/schema";
import { AUTOMATIC_LEVELS, indexManufacturers } from "@/lib/rules/manufacturer";
import { matchRecallToModels, type ModelForMatching } from "@/lib/rules/recall-match";

export interface RematchResult {
  added: number;
  changed: number;
  removed: number;
}

/**
 * Re-derives recall_model_matches for the given recalls (all when omitted) inside the caller's transaction. New
 * matches are added, changed ones updated, unreviewed ones the rule no longer produces removed; a reviewed row (a
 * person's audited decision) is never touched. With `modelIds`, only those models are compared (incremental
 * re-matching, issue #13: after a CMMS import adds models or manufacturer aliases, after a model's product code
 * changes); the other models' rows are left as they are.
 */
export function rematchRecalls(tx: DbOrTx, now: Date, recallIds?: readonly number[], opts: { modelIds?: readonly number[] } = {}): RematchResult {
  const at = now.toISOString();
  const list = recallIds
    ? recallIds.length
      ? tx
          .select()
          .from(recalls)
          .where(inArray(recalls.id, [...recallIds]))
          .all()
      : []
    : tx.select().from(recalls).all();
  const result: RematchResult = { added: 0, changed: 0, removed: 0 };
  if (list.length === 0) return result;
  const only = opts.modelIds ? [...new Set(opts.modelIds)] : null;
  if (only && only.length === 0) return result;
  const makers = tx.select().from(manufacturers).all();
  const aliases = tx.select().from(manufacturerAliases).all();
  const index = indexManufacturers(
    makers.map((mk) => ({ id: mk.id, name: mk.name, aliases: aliases.filter((a) => a.manufacturerId === mk.id).map((a) => a.alias) })),
  );
  const models: ModelForMatching[] = tx
    .select({
      id: deviceModels.id,
      manufacturerId: deviceModels.manufacturerId,
      manufacturer: manufacturers.name,
      name: deviceModels.name,
      modelNumber: deviceModels.modelNumber,
      fdaProductCode: deviceModels.fdaProductCode,
    })
    .from(deviceModels)
    .innerJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .where(only ? inArray(deviceModels.id, only) : undefined)
    .all();
  for (const r of list) {
    // Only a same-maker verdict counts; a one-typo "similar" firm is not the maker without a person saying so.
    const hit = r.firm ? index.match(r.firm) : null;
    const firmManufacturerId = hit && AUTOMATIC_LEVELS.includes(hit.level) ? hit.id : null;
    const found = new Map(
      matchRecallToModels({ productCode: r.productCode, firm: r.firm, firmManufacturerId, productDescription: r.productDescription }, models).map((x) => [
        x.modelId,
        x,
      ]),
    );
    const stored = tx
      .select()
      .from(recallModelMatches)
      .where(only ? and(eq(recallModelMatches.recallId, r.id), inArray(recallModelMatches.modelId, only)) : eq(recallModelMatches.recallId, r.id))
      .all();
    for (const s of stored) {
      const f = found.get(s.modelId);
      found.delete(s.modelId);
      if (s.reviewDecision) continue;
      if (!f) {
        tx.delete(recallModelMatches).where(eq(recallModelMatches.id, s.id)).run();
        result.removed++;
      } else if (f.confidence !== s.confidence || f.reason !== s.reason) {
        tx.update(recallModelMatches).set({ confidence: f.confidence, reason: f.reason, matchedAt: at }).where(eq(recallModelMatches.id, s.id)).run();
        result.changed++;
      }
    }
    for (const f of found.values()) {
      tx.insert(recallModelMatches).values({ recallId: r.id, modelId: f.modelId, confidence: f.confidence, reason: f.reason, matchedAt: at }).run();
      result.added++;
    }
  }
  return result;
}
