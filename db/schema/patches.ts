import { sql, type SQL } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { inList } from "./enums";
import { users } from "./auth";
import { advisories } from "./advisories";
import { devices, imports } from "./inventory";
import { signatures } from "./signatures";
import { apiTokens } from "./api";

/**
 * Issue #13 item 4, the patch queue. A patch item is (advisory, device) where the device is affected
 * (lib/services/advisories/affected.ts isAffected) and its model has an OEM-validated patch available: the item itself
 * is derived, never stored, so it appears and disappears with the evidence (a match, a confirmation, the OEM's
 * answer). What is stored is what people record about it: each outcome is one append-only row here, and the newest
 * row of an (advisory, device) is its current outcome (docs/decisions/0022-patch-queue.md).
 *
 * - `applied`: on a date, by a person, with the CMMS work-order number (the seed's "record your efforts in your CMMS
 *   inventory to create a history of work");
 * - `deferred`: a reason and an until-date, accepted by the Accountable party's lead with an e-signature
 *   (21 CFR 11.50; the signature row is `signature_id`); past its until-date the item is open again;
 * - `not_applicable`: a reason (e.g. the vulnerable feature is not licensed on this device).
 */
export const PATCH_OUTCOMES = ["applied", "deferred", "not_applicable"] as const;
export type PatchOutcome = (typeof PATCH_OUTCOMES)[number];

function calendarDate(col: AnySQLiteColumn): SQL {
  return sql`${col} is null or (length(${col}) = 10 and date(${col}) = ${col})`;
}

export const patchRecords = sqliteTable(
  "patch_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    deviceId: integer("device_id")
      .notNull()
      .references(() => devices.id),
    outcome: text("outcome", { enum: PATCH_OUTCOMES }).notNull(),
    /** applied: the day the patch was installed. */
    appliedOn: text("applied_on"),
    /** applied: the CMMS work-order number. */
    workOrder: text("work_order"),
    /** deferred: the last day of the deferral. */
    deferUntil: text("defer_until"),
    /** deferred and not_applicable: why. */
    reason: text("reason"),
    notes: text("notes"),
    /** deferred: the Accountable lead's signature accepting the deferral. */
    signatureId: integer("signature_id").references(() => signatures.id),
    /** Set when the outcome came from a CSV of completions (the CMMS import of issue #13 item 4). */
    importId: integer("import_id").references(() => imports.id),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    index("patch_records_item_idx").on(t.advisoryId, t.deviceId, t.id),
    index("patch_records_device_idx").on(t.deviceId),
    check("patch_records_outcome_check", inList(t.outcome, PATCH_OUTCOMES)),
    check("patch_records_applied_on_check", calendarDate(t.appliedOn)),
    check("patch_records_defer_until_check", calendarDate(t.deferUntil)),
    check(
      "patch_records_evidence_check",
      sql`(${t.outcome} = 'applied' and ${t.appliedOn} is not null and length(trim(${t.workOrder})) > 0)
        or (${t.outcome} = 'deferred' and ${t.deferUntil} is not null and length(trim(${t.reason})) > 0 and ${t.signatureId} is not null)
        or (${t.outcome} = 'not_applicable' and length(trim(${t.reason})) > 0)`,
    ),
  ],
);

/**
 * `patch.past_due` webhook events already emitted: one per item and due date, so the 15-second loop emits each once
 * (a new OEM validated date gives a new due date and may emit again).
 */
export const patchPastDueNotices = sqliteTable(
  "patch_past_due_notices",
  {
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    deviceId: integer("device_id")
      .notNull()
      .references(() => devices.id),
    dueOn: text("due_on").notNull(),
    notifiedAt: text("notified_at").notNull(),
  },
  (t) => [uniqueIndex("patch_past_due_notices_unique").on(t.advisoryId, t.deviceId, t.dueOn)],
);

/**
 * A deferral asked for through the integration API (decision 0030). A token cannot e-sign (21 CFR 11.200 needs the
 * signer's own credentials), so a CMMS's "deferred" is a request: it stays pending until the lead of the item's
 * Accountable party accepts it with a signature on /patches — which writes the `deferred` patch record and sets
 * `accepted_record_id` in the same transaction. Status is derived: accepted (a record), superseded (the item got
 * another outcome after the request), or pending. Append-only; never deleted.
 */
export const patchDeferralRequests = sqliteTable(
  "patch_deferral_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    advisoryId: integer("advisory_id")
      .notNull()
      .references(() => advisories.id),
    deviceId: integer("device_id")
      .notNull()
      .references(() => devices.id),
    reason: text("reason").notNull(),
    deferUntil: text("defer_until").notNull(),
    /** The token that asked, and its name as the audit row shows it. */
    apiTokenId: integer("api_token_id").references(() => apiTokens.id),
    requestedBy: text("requested_by").notNull(),
    requestedAt: text("requested_at").notNull(),
    /** The signed `deferred` record that accepted this request. */
    acceptedRecordId: integer("accepted_record_id").references(() => patchRecords.id),
  },
  (t) => [
    index("patch_deferral_requests_item_idx").on(t.advisoryId, t.deviceId, t.id),
    check("patch_deferral_requests_defer_until_check", calendarDate(t.deferUntil)),
    check("patch_deferral_requests_reason_check", sql`length(trim(${t.reason})) > 0`),
  ],
);
