import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { advisories, advisoryProducts } from "./advisories";
import { deviceModels, devices } from "./inventory";

/**
 * Issue #13 item 2, "associated device identification": which devices an advisory affects, and why.
 *
 * - `version`: the device's model matched an advisory product and its software/firmware version lies inside the
 *   product's affected version or range;
 * - `model`: the model matched but the device's version is unknown (blank in the CMMS), so it may be affected;
 * - `possible`: the match could not be decided by rule (free-text version such as "<8/30/2024", a product name that
 *   only partly matches the model) and waits for a Clinical Engineering user to confirm or dismiss it.
 *
 * Rows are derived by the matcher (lib/services/advisories/match-advisories.ts) and re-derived when advisories or
 * devices change; the review columns are governed data (audited): a review is never lost by a re-match, and a
 * reviewed row the matcher no longer produces is kept with `superseded_at` set instead of being deleted.
 *
 * A device counts as affected by an advisory when its row is not superseded, and either its confidence is
 * `version` or `model` and it has not been dismissed, or it is `possible` and has been confirmed.
 */
export const MATCH_CONFIDENCES = ["version", "model", "possible"] as const;
export type MatchConfidence = (typeof MATCH_CONFIDENCES)[number];
export const MATCH_REVIEW_DECISIONS = ["confirmed", "dismissed"] as const;
export type MatchReviewDecision = (typeof MATCH_REVIEW_DECISIONS)[number];

export const advisoryDeviceMatches = sqliteTable(
  "advisory_device_matches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    /** The advisory product the device matched (the best one, when several do). */
    productId: integer("product_id")
      .notNull()
      .references(() => advisoryProducts.id),
    deviceId: integer("device_id")
      .notNull()
      .references(() => devices.id),
    /** Copied from the device at match time: OEM positions and replace-or-mitigate decisions are per model. */
    modelId: integer("model_id").references(() => deviceModels.id),
    confidence: text("confidence", { enum: MATCH_CONFIDENCES }).notNull(),
    /** A sentence saying why it matched, e.g. "Model Alaris 8015 matches 'Alaris PC Unit'; version 12.1.2 is within <= 12.1.3". */
    reason: text("reason").notNull(),
    matchedAt: text("matched_at").notNull(),
    reviewDecision: text("review_decision", { enum: MATCH_REVIEW_DECISIONS }),
    reviewReason: text("review_reason"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: text("reviewed_at"),
    /** Set when a re-match no longer produces this (reviewed) row. */
    supersededAt: text("superseded_at"),
  },
  (t) => [
    uniqueIndex("advisory_device_matches_unique").on(t.advisoryId, t.deviceId),
    index("advisory_device_matches_device_idx").on(t.deviceId),
    index("advisory_device_matches_model_idx").on(t.modelId, t.advisoryId),
    check("advisory_device_matches_confidence_check", inList(t.confidence, MATCH_CONFIDENCES)),
    check(
      "advisory_device_matches_review_check",
      sql`(${t.reviewDecision} is null and ${t.reviewReason} is null and ${t.reviewedBy} is null and ${t.reviewedAt} is null) or (${inList(t.reviewDecision, MATCH_REVIEW_DECISIONS)} and length(trim(${t.reviewReason})) > 0 and ${t.reviewedBy} is not null and ${t.reviewedAt} is not null)`,
    ),
  ],
);
