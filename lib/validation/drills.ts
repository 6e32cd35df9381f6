import { z } from "zod";
import { EXERCISE_TYPE_IDS } from "@/db/schema/drills";
import { CAPABILITY_ELEMENTS, OBJECTIVE_RATINGS } from "@/lib/rules/drills";
import { TEXT_LIMITS, calendarDate, checkbox, id, optionalCalendarDate, optionalId, signerCredential, textOf, trimmed } from "./common";

// Exercises are recorded from 2000 on (nothing in Clearline predates it); a new corrective action is never due in
// the past (HSEEP improvement plans set a date to meet). A start in the future is refused by the drill rules
// (lib/rules/drills.ts conductRefusal), which say it in the drill's own words.
const plannedDate = calendarDate("Planned date");
const startDate = calendarDate("Start date");
const endDate = optionalCalendarDate("End date");
const newDueDate = calendarDate("Due date", { min: "today" });
const idList = z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).max(500));
const minutes = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce
      .number({ error: `${label} must be a number of minutes.` })
      .int(`${label} must be whole minutes.`)
      .min(0, `${label} cannot be negative.`)
      .max(525600, `${label} is more than a year.`)
      .nullable(),
  );
const objectiveLines = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/\r?\n/)
          .map((s) => s.trim())
          .filter(Boolean)
      : (v ?? []),
  z.array(z.string().max(500, "Each objective must be at most 500 characters.")).max(30, "At most 30 objectives."),
);

export const scheduleDrillSchema = z.strictObject({
  title: trimmed("Title", 160),
  type: z.enum(EXERCISE_TYPE_IDS, { error: "Choose the exercise type." }),
  siteId: id.or(z.literal("").transform(() => 0)).refine((v) => v > 0, "Choose the site."),
  plannedDate,
  scenario: textOf("text", "The scenario"),
  planIds: idList,
  deviceClassIds: idList,
  objectives: objectiveLines,
  facilitatorUserId: optionalId,
  participantUserIds: idList,
  participantPartyIds: idList,
});
export type ScheduleDrillInput = z.infer<typeof scheduleDrillSchema>;

export const recordRealEventSchema = z.strictObject({
  title: trimmed("Title", 160),
  siteId: id.or(z.literal("").transform(() => 0)).refine((v) => v > 0, "Choose the site."),
  actualStart: startDate,
  actualEnd: endDate,
  scenario: textOf("text", "The scenario"),
  planIds: idList,
  deviceClassIds: idList,
});
export type RecordRealEventInput = z.infer<typeof recordRealEventSchema>;

export const conductDrillSchema = z.strictObject({
  drillId: id,
  actualStart: startDate,
  actualEnd: endDate,
  attendedParticipantIds: idList,
  minutesToDetect: minutes("Time to detect"),
  minutesToIsolate: minutes("Time to isolate"),
  minutesToNotifyOem: minutes("Time to notify the OEM"),
  minutesToRestore: minutes("Time to restore"),
});
export type ConductDrillInput = z.infer<typeof conductDrillSchema>;

export const addObjectiveSchema = z.strictObject({ drillId: id, text: trimmed("Objective", 500) });
export const rateObjectiveSchema = z.strictObject({
  objectiveId: id,
  rating: z.enum(OBJECTIVE_RATINGS, { error: "Choose a rating: P, S, M or U." }),
  ratingNote: textOf("shortText", "The rating note"),
});
export const addFindingSchema = z.strictObject({
  drillId: id,
  kind: z.enum(["strength", "improvement"], { error: "Choose strength or area for improvement." }),
  objectiveId: optionalId,
  activityId: optionalId,
  observation: trimmed("Observation", TEXT_LIMITS.text),
  rootCause: textOf("text", "Root cause"),
  recommendation: textOf("text", "Recommendation"),
});
export type AddFindingInput = z.infer<typeof addFindingSchema>;

export const addImprovementItemSchema = z.strictObject({
  findingId: id,
  title: trimmed("Corrective action", 300),
  capabilityElement: z.enum(CAPABILITY_ELEMENTS, { error: "Choose the capability element." }),
  ownerPartyId: id.or(z.literal("").transform(() => 0)).refine((v) => v > 0, "Choose the owner party."),
  ownerUserId: optionalId,
  dueDate: newDueDate,
});
export type AddImprovementItemInput = z.infer<typeof addImprovementItemSchema>;

export const aarSummarySchema = z.strictObject({ drillId: id, aarSummary: textOf("longText", "The overview") });
export const drillIdSchema = z.strictObject({ drillId: id });
export const returnAarSchema = z.strictObject({ drillId: id, comment: textOf("shortText", "The comment") });
export const approveAarSchema = z.strictObject({ drillId: id, ...signerCredential });
export const cancelDrillSchema = z.strictObject({ drillId: id, reason: textOf("shortText", "The reason") });

export const updateItemStatusSchema = z.strictObject({
  itemId: id,
  status: z.enum(["open", "in_progress", "closed"], { error: "Choose a status." }),
  closureEvidence: textOf("text", "Closure evidence"),
});
export type UpdateItemStatusInput = z.infer<typeof updateItemStatusSchema>;

export const siteRulesSchema = z.strictObject({ siteId: id, cms: checkbox, jointCommission: checkbox, perPlan: checkbox });
export type SiteRulesInput = z.infer<typeof siteRulesSchema>;
