import { z } from "zod";
import { id, optionalId, signerCredential, textOf, trimmed } from "./common";

const months = (label: string) =>
  z.coerce
    .number({ error: `${label} must be a number of months.` })
    .int(`${label} must be whole months.`)
    .min(1, `${label} must be 1 to 36 months.`)
    .max(36, `${label} must be 1 to 36 months.`);
/** Checkbox groups arrive as repeated keys; a single value as a string. */
const idList = z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).max(500));

/** Steps and contacts travel as JSON from the plan editor. */
const jsonArray = <T extends z.ZodType>(item: T, label: string) =>
  z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      try {
        return JSON.parse(v || "[]");
      } catch {
        return Symbol.for("bad-json");
      }
    },
    z.array(item, { error: `${label} could not be read; reload the page and try again.` }).max(100, `At most 100 ${label.toLowerCase()}.`),
  );

export const planStepSchema = z.strictObject({
  partyId: z.number().int().positive().nullable(),
  role: z.string().trim().max(120).default(""),
  action: z.string().trim().min(1, "Every step needs an action; remove empty steps.").max(2000),
});
export const planContactSchema = z.strictObject({
  name: z.string().trim().min(1, "Every contact needs a name; remove empty contacts.").max(160),
  role: z.string().trim().max(160).default(""),
  phone: z.string().trim().max(60).default(""),
});

export const createPlanSchema = z.strictObject({
  title: trimmed("Title", 160),
  siteId: optionalId,
  scenario: textOf("text", "The scenario"),
  reviewIntervalMonths: months("Review interval").default(12),
  exerciseIntervalMonths: months("Exercise interval").default(12),
});
export type CreatePlanInput = z.infer<typeof createPlanSchema>;

export const updatePlanDraftSchema = z.strictObject({
  planId: id,
  expectedRevision: z.coerce.number().int().min(1),
  scenario: textOf("text", "The scenario"),
  deviceClassIds: idList,
  activityIds: idList,
  namedUserIds: idList,
  namedPartyIds: idList,
  steps: jsonArray(planStepSchema, "Steps"),
  contacts: jsonArray(planContactSchema, "Contacts"),
  downtimeProcedures: textOf("longText", "Downtime procedures"),
  reviewIntervalMonths: months("Review interval"),
  exerciseIntervalMonths: months("Exercise interval"),
});
export type UpdatePlanDraftInput = z.infer<typeof updatePlanDraftSchema>;

export const planIdSchema = z.strictObject({ planId: id });
export const approvePlanSchema = z.strictObject({ planId: id, ...signerCredential });
export const acknowledgePlanSchema = z.strictObject({ planVersionId: id });
