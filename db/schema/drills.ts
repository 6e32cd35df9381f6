import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { deviceClasses, parties, sites } from "./org";
import { activities } from "./raci";
// The enums a rule reasons about are declared once, in lib/rules (pure, no imports), and the CHECKs built from them.
import { DRILL_STATUSES, OBJECTIVE_RATINGS } from "../../lib/rules/drills";

/** DOMAIN.md "Response plans and drills". A plan's versions hold its content; only drafts change. */
export const PLAN_VERSION_STATUSES = ["draft", "approved", "superseded"] as const;
/** FEMA HSEEP exercise types: the first four are discussion-based, the last three operations-based. */
export const EXERCISE_TYPE_IDS = ["seminar", "workshop", "tabletop", "game", "drill", "functional", "full_scale"] as const;
export const DRILL_KINDS = ["exercise", "real_event"] as const;
export const FINDING_KINDS = ["strength", "improvement"] as const;

export const responsePlans = sqliteTable(
  "response_plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    /** NULL: the whole organization; otherwise the one site the plan is written for. */
    siteId: integer("site_id").references(() => sites.id),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    archivedAt: text("archived_at"),
  },
  (t) => [uniqueIndex("response_plans_title_unique").on(sql`lower(${t.title})`)],
);

export const planVersions = sqliteTable(
  "plan_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => responsePlans.id),
    versionNo: integer("version_no").notNull(),
    status: text("status", { enum: PLAN_VERSION_STATUSES }).notNull().default("draft"),
    scenario: text("scenario").notNull().default(""),
    /** JSON arrays of ids. */
    deviceClassIds: text("device_class_ids").notNull().default("[]"),
    activityIds: text("activity_ids").notNull().default("[]"),
    namedUserIds: text("named_user_ids").notNull().default("[]"),
    namedPartyIds: text("named_party_ids").notNull().default("[]"),
    /** JSON: [{ partyId, role, action }] in order. */
    steps: text("steps").notNull().default("[]"),
    /** JSON: [{ name, role, phone }]. */
    contacts: text("contacts").notNull().default("[]"),
    downtimeProcedures: text("downtime_procedures").notNull().default(""),
    reviewIntervalMonths: integer("review_interval_months").notNull().default(12),
    exerciseIntervalMonths: integer("exercise_interval_months").notNull().default(12),
    /** Optimistic concurrency for draft edits. */
    revision: integer("revision").notNull().default(1),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: text("updated_at").notNull(),
    approvedBy: integer("approved_by").references(() => users.id),
    approvedAt: text("approved_at"),
    supersededAt: text("superseded_at"),
  },
  (t) => [
    uniqueIndex("plan_versions_no_unique").on(t.planId, t.versionNo),
    uniqueIndex("plan_versions_one_draft")
      .on(t.planId)
      .where(sql`${t.status} = 'draft'`),
    uniqueIndex("plan_versions_one_approved")
      .on(t.planId)
      .where(sql`${t.status} = 'approved'`),
    check("plan_versions_status_check", inList(t.status, PLAN_VERSION_STATUSES)),
    check("plan_versions_intervals_check", sql`${t.reviewIntervalMonths} between 1 and 36 and ${t.exerciseIntervalMonths} between 1 and 36`),
    check("plan_versions_approved_check", sql`${t.status} = 'draft' or (${t.approvedAt} is not null and ${t.approvedBy} is not null)`),
  ],
);

/** "I have read and understood version N": one row per person and version, never deleted. */
export const planAcknowledgements = sqliteTable(
  "plan_acknowledgements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planVersionId: integer("plan_version_id")
      .notNull()
      .references(() => planVersions.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    acknowledgedAt: text("acknowledged_at").notNull(),
  },
  (t) => [uniqueIndex("plan_acknowledgements_unique").on(t.planVersionId, t.userId), index("plan_acknowledgements_user_idx").on(t.userId)],
);

/** Which cadence rule sets a site follows (admin setting). No row: the defaults for the site's kind. */
export const siteDrillSettings = sqliteTable("site_drill_settings", {
  siteId: integer("site_id")
    .primaryKey()
    .references(() => sites.id),
  cms: integer("cms", { mode: "boolean" }).notNull(),
  jointCommission: integer("joint_commission", { mode: "boolean" }).notNull(),
  perPlan: integer("per_plan", { mode: "boolean" }).notNull(),
  updatedBy: integer("updated_by")
    .notNull()
    .references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

/** An exercise (HSEEP) or a real event that activated a plan. */
export const drills = sqliteTable(
  "drills",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    kind: text("kind", { enum: DRILL_KINDS }).notNull().default("exercise"),
    type: text("type", { enum: EXERCISE_TYPE_IDS }),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id),
    status: text("status", { enum: DRILL_STATUSES }).notNull().default("planned"),
    scenario: text("scenario").notNull().default(""),
    plannedDate: text("planned_date").notNull(),
    actualStart: text("actual_start"),
    actualEnd: text("actual_end"),
    facilitatorUserId: integer("facilitator_user_id").references(() => users.id),
    /** Measured times in minutes, where the exercise measured them. */
    minutesToDetect: integer("minutes_to_detect"),
    minutesToIsolate: integer("minutes_to_isolate"),
    minutesToNotifyOem: integer("minutes_to_notify_oem"),
    minutesToRestore: integer("minutes_to_restore"),
    aarSummary: text("aar_summary").notNull().default(""),
    cancelReason: text("cancel_reason").notNull().default(""),
    revision: integer("revision").notNull().default(1),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    conductedBy: integer("conducted_by").references(() => users.id),
    aarSubmittedBy: integer("aar_submitted_by").references(() => users.id),
    aarSubmittedAt: text("aar_submitted_at"),
    aarApprovedBy: integer("aar_approved_by").references(() => users.id),
    aarApprovedAt: text("aar_approved_at"),
    closedAt: text("closed_at"),
  },
  (t) => [
    // Kind and type too, so the cadence of every site is read from the index alone (lib/services/drills/compliance.ts).
    index("drills_site_idx").on(t.siteId, t.status, t.actualStart, t.kind, t.type),
    // The latest approved after-action reports (the dashboard) without sorting every drill.
    index("drills_aar_approved_idx").on(t.aarApprovedAt),
    index("drills_planned_idx").on(t.plannedDate),
    check("drills_kind_check", inList(t.kind, DRILL_KINDS)),
    check(
      "drills_type_check",
      sql`(${t.kind} = 'real_event' and ${t.type} is null) or (${t.kind} = 'exercise' and ${t.type} in (${sql.raw(EXERCISE_TYPE_IDS.map((x) => `'${x}'`).join(", "))}))`,
    ),
    check("drills_status_check", inList(t.status, DRILL_STATUSES)),
    check("drills_conducted_dates", sql`${t.status} in ('planned', 'cancelled') or ${t.actualStart} is not null`),
    check("drills_end_after_start", sql`${t.actualEnd} is null or ${t.actualStart} is null or ${t.actualEnd} >= ${t.actualStart}`),
    check(
      "drills_minutes_check",
      sql`coalesce(${t.minutesToDetect}, 0) >= 0 and coalesce(${t.minutesToIsolate}, 0) >= 0 and coalesce(${t.minutesToNotifyOem}, 0) >= 0 and coalesce(${t.minutesToRestore}, 0) >= 0`,
    ),
  ],
);

export const drillPlans = sqliteTable(
  "drill_plans",
  {
    drillId: integer("drill_id")
      .notNull()
      .references(() => drills.id),
    planId: integer("plan_id")
      .notNull()
      .references(() => responsePlans.id),
  },
  (t) => [primaryKey({ columns: [t.drillId, t.planId] }), index("drill_plans_plan_idx").on(t.planId)],
);

export const drillClasses = sqliteTable(
  "drill_classes",
  {
    drillId: integer("drill_id")
      .notNull()
      .references(() => drills.id),
    deviceClassId: integer("device_class_id")
      .notNull()
      .references(() => deviceClasses.id),
  },
  (t) => [primaryKey({ columns: [t.drillId, t.deviceClassId] })],
);

/** Facilitator aside, who took part: a person or a whole party; attendance is recorded when conducted. */
export const drillParticipants = sqliteTable(
  "drill_participants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    drillId: integer("drill_id")
      .notNull()
      .references(() => drills.id),
    userId: integer("user_id").references(() => users.id),
    partyId: integer("party_id").references(() => parties.id),
    attended: integer("attended", { mode: "boolean" }),
  },
  (t) => [index("drill_participants_idx").on(t.drillId), check("drill_participants_one_check", sql`(${t.userId} is null) <> (${t.partyId} is null)`)],
);

export const drillObjectives = sqliteTable(
  "drill_objectives",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    drillId: integer("drill_id")
      .notNull()
      .references(() => drills.id),
    text: text("text").notNull(),
    sortOrder: integer("sort_order").notNull(),
    rating: text("rating", { enum: OBJECTIVE_RATINGS }),
    ratingNote: text("rating_note").notNull().default(""),
  },
  (t) => [index("drill_objectives_idx").on(t.drillId), check("drill_objectives_rating_check", sql`${t.rating} is null or ${t.rating} in ('P', 'S', 'M', 'U')`)],
);

/** Strengths and areas for improvement (observation, root cause, recommendation). */
export const drillFindings = sqliteTable(
  "drill_findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    drillId: integer("drill_id")
      .notNull()
      .references(() => drills.id),
    kind: text("kind", { enum: FINDING_KINDS }).notNull(),
    objectiveId: integer("objective_id").references(() => drillObjectives.id),
    /** The RACI activity that failed, when one did. */
    activityId: integer("activity_id").references(() => activities.id),
    observation: text("observation").notNull(),
    rootCause: text("root_cause").notNull().default(""),
    recommendation: text("recommendation").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("drill_findings_idx").on(t.drillId), check("drill_findings_kind_check", inList(t.kind, FINDING_KINDS))],
);
