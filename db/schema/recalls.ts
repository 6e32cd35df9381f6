import { sql, type SQL } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { deviceModels, devices } from "./inventory";

/** FDA recall classification (21 CFR 7.3(m)): I most serious. openFDA's enforcement report carries it; the recall endpoint does not. */
export const RECALL_CLASSES = ["I", "II", "III"] as const;
export type RecallClass = (typeof RECALL_CLASSES)[number];

/** How sure the matcher is that a recall concerns a model (lib/rules/recall-match.ts). */
export const RECALL_MATCH_CONFIDENCES = ["matched", "confirm"] as const;
export type RecallMatchConfidence = (typeof RECALL_MATCH_CONFIDENCES)[number];
export const RECALL_REVIEW_DECISIONS = ["confirmed", "dismissed"] as const;
export type RecallReviewDecision = (typeof RECALL_REVIEW_DECISIONS)[number];

/**
 * What was done about a recall on one device. `done`: the firm's corrective action was carried out (a CMMS work
 * order is required, so the history of work points at the job); `not_affected`: the device was checked and is
 * outside the recall (lot or serial not listed), with the check's work order and notes.
 */
export const RECALL_ACTION_STATES = ["done", "not_affected"] as const;
export type RecallActionState = (typeof RECALL_ACTION_STATES)[number];

function calendarDate(col: AnySQLiteColumn): SQL {
  return sql`${col} is null or (length(${col}) = 10 and date(${col}) = ${col})`;
}

/**
 * One FDA recall (openFDA device recall or enforcement record), keyed by its recall number (Z-0053-2020). A re-import
 * updates the row and appends the previous content to recall_revisions, so what FDA said before is kept.
 */
export const recalls = sqliteTable(
  "recalls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recallNumber: text("recall_number").notNull(),
    /** Null when only the recall endpoint (which has no classification) has been imported. */
    recallClass: text("recall_class", { enum: RECALL_CLASSES }),
    firm: text("firm"),
    productDescription: text("product_description"),
    productCode: text("product_code").notNull(),
    reason: text("reason"),
    initiatedOn: text("initiated_on"),
    postedOn: text("posted_on"),
    terminatedOn: text("terminated_on"),
    /** FDA's status words as given ("Ongoing", "Terminated", "Completed", "Open, Classified"). */
    status: text("status"),
    /** SHA-256 of the canonical stored fields: the same record again writes nothing. */
    contentSha256: text("content_sha256").notNull(),
    importedAt: text("imported_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("recalls_number_unique").on(t.recallNumber),
    index("recalls_product_code_idx").on(t.productCode),
    check("recalls_class_check", sql`${t.recallClass} is null or ${inList(t.recallClass, RECALL_CLASSES)}`),
    check("recalls_product_code_check", sql`length(${t.productCode}) = 3`),
    check("recalls_number_check", sql`length(trim(${t.recallNumber})) > 0`),
    check("recalls_initiated_check", calendarDate(t.initiatedOn)),
    check("recalls_posted_check", calendarDate(t.postedOn)),
    check("recalls_terminated_check", calendarDate(t.terminatedOn)),
  ],
);

/** Every content a recall has had, oldest first: the history a re-import keeps. Append-only (migration 0015). */
export const recallRevisions = sqliteTable(
  "recall_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recallId: integer("recall_id")
      .notNull()
      .references(() => recalls.id),
    importedAt: text("imported_at").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    fileName: text("file_name").notNull(),
    /** "recall" (openFDA /device/recall) or "enforcement" (/device/enforcement). */
    source: text("source", { enum: ["recall", "enforcement"] }).notNull(),
    /** JSON of the stored fields as this import read them. */
    content: text("content").notNull(),
    contentSha256: text("content_sha256").notNull(),
  },
  (t) => [index("recall_revisions_recall_idx").on(t.recallId, t.id), check("recall_revisions_source_check", inList(t.source, ["recall", "enforcement"]))],
);

/**
 * Which models a recall concerns, and why (lib/rules/recall-match.ts). `confirm` rows count only once a Clinical
 * Engineering lead confirms them; a `matched` row counts unless dismissed. Reviews are audited and survive re-matching.
 */
export const recallModelMatches = sqliteTable(
  "recall_model_matches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recallId: integer("recall_id")
      .notNull()
      .references(() => recalls.id),
    modelId: integer("model_id")
      .notNull()
      .references(() => deviceModels.id),
    confidence: text("confidence", { enum: RECALL_MATCH_CONFIDENCES }).notNull(),
    reason: text("reason").notNull(),
    matchedAt: text("matched_at").notNull(),
    reviewDecision: text("review_decision", { enum: RECALL_REVIEW_DECISIONS }),
    reviewReason: text("review_reason"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: text("reviewed_at"),
  },
  (t) => [
    uniqueIndex("recall_model_matches_unique").on(t.recallId, t.modelId),
    index("recall_model_matches_model_idx").on(t.modelId),
    check("recall_model_matches_confidence_check", inList(t.confidence, RECALL_MATCH_CONFIDENCES)),
    check(
      "recall_model_matches_review_check",
      sql`(${t.reviewDecision} is null and ${t.reviewReason} is null and ${t.reviewedBy} is null and ${t.reviewedAt} is null) or (${inList(t.reviewDecision, RECALL_REVIEW_DECISIONS)} and length(trim(${t.reviewReason})) > 0 and ${t.reviewedBy} is not null and ${t.reviewedAt} is not null)`,
    ),
  ],
);

/**
 * The action recorded for a recall on one device. Its absence is what makes the recall outstanding for the device;
 * one action per (recall, device), never updated or deleted (triggers, migration 0015): a correction is a new
 * device event note, not a rewrite.
 */
export const recallActions = sqliteTable(
  "recall_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recallId: integer("recall_id")
      .notNull()
      .references(() => recalls.id),
    deviceId: integer("device_id")
      .notNull()
      .references(() => devices.id),
    state: text("state", { enum: RECALL_ACTION_STATES }).notNull(),
    workOrder: text("work_order").notNull(),
    actionOn: text("action_on").notNull(),
    notes: text("notes"),
    /** The party the recall was routed to when the action was recorded (null: no signed owner). */
    partyId: integer("party_id"),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    uniqueIndex("recall_actions_unique").on(t.recallId, t.deviceId),
    index("recall_actions_device_idx").on(t.deviceId),
    check("recall_actions_state_check", inList(t.state, RECALL_ACTION_STATES)),
    check("recall_actions_work_order_check", sql`length(trim(${t.workOrder})) > 0`),
    check("recall_actions_date_check", sql`length(${t.actionOn}) = 10 and date(${t.actionOn}) = ${t.actionOn}`),
  ],
);
