import { and, eq, inArray, sql } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { advisories, advisoryDeviceMatches as m, devices } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import type { ReviewMatchInput } from "@/lib/validation/advisories";
import { appendAudit } from "../audit/append-audit";
import { inventoryParties } from "../inventory/access";
import { awaitsReview } from "./affected";

/**
 * A Clinical Engineering lead (or an admin) confirms or dismisses possible matches with a reason (issue #13 item 2):
 * one match (`matchId`), or every possible match of one (advisory, model) still awaiting review (`modelId`). A
 * site-scoped lead reaches only their site's devices; another site's match answers "not found". The review and its
 * audit entry commit in one transaction; a refusal changes nothing. Only possible matches are reviewed here: a rule
 * decided version or model match stands on the advisory's own words.
 */
export function reviewMatches(db: Db, actor: Actor, input: ReviewMatchInput, now = clock.now()): { reviewed: number } {
  assertCan(actor, "advisory.reviewMatch", { partyId: inventoryParties(db).clinicalEngineering });
  if ((input.matchId == null) === (input.modelId == null))
    throw new AppError("VALIDATION", "Choose one possible match, or one model to review all of its possible matches.");
  const siteScope = actor.siteId == null ? sql`1 = 1` : eq(devices.siteId, actor.siteId);
  return writeTx(db, (tx) => {
    const advisory = tx.select({ id: advisories.id, trackingId: advisories.trackingId }).from(advisories).where(eq(advisories.id, input.advisoryId)).get();
    if (!advisory) throw notFound("advisory");
    let ids: number[];
    if (input.matchId != null) {
      const row = tx
        .select({ id: m.id, confidence: m.confidence, decision: m.reviewDecision, supersededAt: m.supersededAt })
        .from(m)
        .innerJoin(devices, eq(devices.id, m.deviceId))
        .where(and(eq(m.id, input.matchId), eq(m.advisoryId, advisory.id), siteScope))
        .get();
      if (!row) throw notFound("match");
      if (row.supersededAt) throw new AppError("INVALID_STATE", "This match no longer holds: a re-match replaced it. Reload the page.");
      if (row.confidence !== "possible")
        throw new AppError("INVALID_STATE", "Only a possible match is confirmed or dismissed; this one was decided by the advisory's versions.");
      if (row.decision) throw new AppError("INVALID_STATE", `This match was already ${row.decision}. Reload the page to see who reviewed it.`);
      ids = [row.id];
    } else {
      ids = tx
        .select({ id: m.id })
        .from(m)
        .innerJoin(devices, eq(devices.id, m.deviceId))
        .where(and(eq(m.advisoryId, advisory.id), eq(m.modelId, input.modelId!), awaitsReview(), siteScope))
        .all()
        .map((r) => r.id);
      if (ids.length === 0)
        throw new AppError("INVALID_STATE", "No possible match of this model awaits review (someone may have reviewed them already). Reload the page.");
    }
    const at = now.toISOString();
    for (let i = 0; i < ids.length; i += 500) {
      tx.update(m)
        .set({ reviewDecision: input.decision, reviewReason: input.reason, reviewedBy: actor.id, reviewedAt: at })
        .where(inArray(m.id, ids.slice(i, i + 500)))
        .run();
    }
    appendAudit(tx, {
      actor,
      action: input.decision === "confirmed" ? "ADVISORY_MATCHES_CONFIRMED" : "ADVISORY_MATCHES_DISMISSED",
      entityType: "advisory",
      entityId: advisory.id,
      oldValues: { reviewDecision: null },
      newValues: {
        trackingId: advisory.trackingId,
        modelId: input.modelId ?? null,
        matchIds: ids.slice(0, 200),
        count: ids.length,
        decision: input.decision,
        reason: input.reason,
      },
      at: now,
    });
    return { reviewed: ids.length };
  });
}
