import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { deviceClasses, parties, sites } from "./org";

export const CSF_FUNCTION_IDS = ["GV", "ID", "PR", "DE", "RS", "RC"] as const;
export const ASSESSMENT_SCOPES = ["organization", "site", "device_class"] as const;
export const ASSESSMENT_STATUSES = ["in_progress", "in_review", "approved"] as const;
export const QUICK_ANSWERS = ["yes", "partly", "no"] as const;
export const EVIDENCE_KINDS = ["text", "link", "file"] as const;
export const FUNCTION_REVIEW_STATUSES = ["open", "accepted", "returned"] as const;

/** A NIST CSF 2.0 assessment of one scope (DOMAIN.md "NIST CSF 2.0 assessments"). */
export const assessments = sqliteTable(
  "assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    scopeType: text("scope_type", { enum: ASSESSMENT_SCOPES }).notNull(),
    siteId: integer("site_id").references(() => sites.id),
    deviceClassId: integer("device_class_id").references(() => deviceClasses.id),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull().default("in_progress"),
    /** CSF Implementation Tier (1 Partial … 4 Adaptive), rated once for the whole assessment. */
    tier: integer("tier"),
    tierRationale: text("tier_rationale").notNull().default(""),
    carriedFromId: integer("carried_from_id"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    submittedAt: text("submitted_at"),
    approvedAt: text("approved_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("assessments_scope_idx").on(t.scopeType, t.siteId, t.deviceClassId, t.status),
    check("assessments_scope_check", inList(t.scopeType, ASSESSMENT_SCOPES)),
    check("assessments_status_check", inList(t.status, ASSESSMENT_STATUSES)),
    check("assessments_tier_check", sql`${t.tier} is null or ${t.tier} between 1 and 4`),
    check(
      "assessments_scope_target_check",
      sql`(${t.scopeType} = 'organization' and ${t.siteId} is null and ${t.deviceClassId} is null) or (${t.scopeType} = 'site' and ${t.siteId} is not null and ${t.deviceClassId} is null) or (${t.scopeType} = 'device_class' and ${t.deviceClassId} is not null and ${t.siteId} is null)`,
    ),
  ],
);

/** Who answers which function: a user or a whole party. */
export const assessmentAssignees = sqliteTable(
  "assessment_assignees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id),
    functionId: text("function_id", { enum: CSF_FUNCTION_IDS }).notNull(),
    userId: integer("user_id").references(() => users.id),
    partyId: integer("party_id").references(() => parties.id),
  },
  (t) => [
    index("assessment_assignees_idx").on(t.assessmentId, t.functionId),
    check("assessment_assignees_function_check", inList(t.functionId, CSF_FUNCTION_IDS)),
    check("assessment_assignees_one_target", sql`(${t.userId} is null) <> (${t.partyId} is null)`),
  ],
);

/** One subcategory's answer. `version` is the optimistic-concurrency counter; every change is audited. */
export const assessmentAnswers = sqliteTable(
  "assessment_answers",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id),
    subcategoryId: text("subcategory_id").notNull(),
    current: integer("current"),
    target: integer("target"),
    notApplicable: integer("not_applicable", { mode: "boolean" }).notNull().default(false),
    naReason: text("na_reason").notNull().default(""),
    notes: text("notes").notNull().default(""),
    carriedOver: integer("carried_over", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.subcategoryId] }),
    check("assessment_answers_current_check", sql`${t.current} is null or ${t.current} between 0 and 3`),
    check("assessment_answers_target_check", sql`${t.target} is null or ${t.target} between 0 and 3`),
    check("assessment_answers_na_reason_check", sql`${t.notApplicable} = 0 or length(trim(${t.naReason})) > 0`),
  ],
);

/** The seed's quick-check questions per function, answered yes / partly / no with a note. */
export const assessmentQuickChecks = sqliteTable(
  "assessment_quick_checks",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id),
    questionKey: text("question_key").notNull(),
    answer: text("answer", { enum: QUICK_ANSWERS }),
    note: text("note").notNull().default(""),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.questionKey] }),
    check("assessment_quick_answer_check", sql`${t.answer} is null or ${inList(t.answer, QUICK_ANSWERS)}`),
  ],
);

/** Evidence for a subcategory: text, a link, or an uploaded file stored under the data folder. */
export const assessmentEvidence = sqliteTable(
  "assessment_evidence",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id),
    subcategoryId: text("subcategory_id").notNull(),
    kind: text("kind", { enum: EVIDENCE_KINDS }).notNull(),
    body: text("body").notNull().default(""),
    url: text("url"),
    fileName: text("file_name"),
    storedName: text("stored_name"),
    contentType: text("content_type"),
    sizeBytes: integer("size_bytes"),
    sha256: text("sha256"),
    addedBy: integer("added_by")
      .notNull()
      .references(() => users.id),
    addedAt: text("added_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [index("assessment_evidence_idx").on(t.assessmentId, t.subcategoryId), check("assessment_evidence_kind_check", inList(t.kind, EVIDENCE_KINDS))],
);

/** Per-function review: a reviewer who did not edit the assessment accepts it or returns it with comments. */
export const assessmentFunctionReviews = sqliteTable(
  "assessment_function_reviews",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id),
    functionId: text("function_id", { enum: CSF_FUNCTION_IDS }).notNull(),
    status: text("status", { enum: FUNCTION_REVIEW_STATUSES }).notNull().default("open"),
    reviewerId: integer("reviewer_id").references(() => users.id),
    comment: text("comment").notNull().default(""),
    reviewedAt: text("reviewed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.functionId] }),
    check("assessment_function_reviews_status_check", inList(t.status, FUNCTION_REVIEW_STATUSES)),
    check("assessment_function_reviews_function_check", inList(t.functionId, CSF_FUNCTION_IDS)),
  ],
);
