import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { parties } from "./org";
import { assessments } from "./assessments";
import { drillFindings, drills } from "./drills";
import { ACTION_ITEM_STATUSES } from "../../lib/rules/action-items";
import { CAPABILITY_ELEMENTS } from "../../lib/rules/drills";

/**
 * Action items have one home (issue #11): an assessment gap and a drill's area for improvement both become an item
 * owned by a party, with a due date and closure evidence; lib/services/action-items holds their use cases and
 * components/action-items their table and labels.
 */

/** An improvement/action item, from an assessment gap or from a drill. */
export const actionItems = sqliteTable(
  "action_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceType: text("source_type", { enum: ["assessment_gap", "drill"] }).notNull(),
    assessmentId: integer("assessment_id").references(() => assessments.id),
    subcategoryId: text("subcategory_id"),
    /** For drill items: the drill and its area for improvement (HSEEP improvement plan). */
    drillId: integer("drill_id").references(() => drills.id),
    findingId: integer("finding_id").references(() => drillFindings.id),
    capabilityElement: text("capability_element", { enum: CAPABILITY_ELEMENTS }),
    /** The corrective action. */
    title: text("title").notNull(),
    ownerPartyId: integer("owner_party_id")
      .notNull()
      .references(() => parties.id),
    ownerUserId: integer("owner_user_id").references(() => users.id),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: ACTION_ITEM_STATUSES }).notNull().default("open"),
    closureEvidence: text("closure_evidence").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    closedAt: text("closed_at"),
  },
  (t) => [
    index("action_items_owner_idx").on(t.ownerPartyId, t.status, t.dueDate),
    index("action_items_assessment_idx").on(t.assessmentId),
    index("action_items_drill_idx").on(t.drillId),
    // "My items": items assigned to a person (the dashboard and the action list).
    index("action_items_owner_user_idx").on(t.ownerUserId, t.status),
    check("action_items_status_check", inList(t.status, ACTION_ITEM_STATUSES)),
    check("action_items_source_check", inList(t.sourceType, ["assessment_gap", "drill"])),
    check("action_items_closed_needs_evidence", sql`${t.status} <> 'closed' or length(trim(${t.closureEvidence})) > 0`),
  ],
);
