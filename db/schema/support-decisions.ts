import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { sites } from "./org";
import { deviceModels } from "./inventory";

export const SUPPORT_DECISION_KINDS = ["replace", "mitigate"] as const;
export type SupportDecisionKind = (typeof SUPPORT_DECISION_KINDS)[number];

/** Compensating controls for a device its maker no longer patches (issue #13 item 6; CSF ID.RA-06/07, PR.IR-01). */
export const COMPENSATING_CONTROLS = ["network_segmentation", "remote_access_disabled", "monitoring", "physical_control"] as const;
export type CompensatingControl = (typeof COMPENSATING_CONTROLS)[number];

/**
 * Replace or mitigate, per model (optionally per site), for devices past end of security patches with open advisories.
 * A decision is written once and approved by leadership with an e-signature bound to its content (21 CFR 11.70):
 * "approved" is derived from that signature, never stored; a changed decision is a new row (the newest per model and
 * site is current). Never updated or deleted (triggers, migration 0015).
 */
export const supportDecisions = sqliteTable(
  "support_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    modelId: integer("model_id")
      .notNull()
      .references(() => deviceModels.id),
    /** Null: the decision covers the model at every site. */
    siteId: integer("site_id").references(() => sites.id),
    kind: text("kind", { enum: SUPPORT_DECISION_KINDS }).notNull(),
    replaceBy: text("replace_by"),
    capitalRequestRef: text("capital_request_ref"),
    /** JSON list of COMPENSATING_CONTROLS. */
    controls: text("controls").notNull().default("[]"),
    details: text("details"),
    reviewOn: text("review_on").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("support_decisions_model_idx").on(t.modelId, t.siteId, t.id),
    check("support_decisions_kind_check", inList(t.kind, SUPPORT_DECISION_KINDS)),
    check("support_decisions_review_on_check", sql`length(${t.reviewOn}) = 10 and date(${t.reviewOn}) = ${t.reviewOn}`),
    check("support_decisions_replace_by_check", sql`${t.replaceBy} is null or (length(${t.replaceBy}) = 10 and date(${t.replaceBy}) = ${t.replaceBy})`),
    check(
      "support_decisions_shape_check",
      sql`(${t.kind} = 'replace' and ${t.replaceBy} is not null and length(trim(${t.capitalRequestRef})) > 0) or (${t.kind} = 'mitigate' and ${t.controls} <> '[]')`,
    ),
  ],
);
