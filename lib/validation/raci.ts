import { z } from "zod";
import { id, signerCredential, TEXT_LIMITS, textOf, trimmed } from "./common";

export const setRaciCellSchema = z.strictObject({
  /** "template" or a device class id. */
  scope: z.union([z.literal("template"), z.coerce.number().int().positive()]),
  activityId: id,
  partyId: id,
  /** R/A/C/I, "" for nothing, or "inherit" to remove this class's override. */
  letter: z.enum(["R", "A", "C", "I", "", "inherit"], { error: "Choose R, A, C or I for this cell, or leave it empty." }),
  expectedRevision: z.coerce.number().int().min(0),
});
export type SetRaciCellInput = z.infer<typeof setRaciCellSchema>;

export const submitRaciSchema = z.strictObject({ classId: id });
export type SubmitRaciInput = z.infer<typeof submitRaciSchema>;

export const signRaciSchema = z.strictObject({ versionId: id, ...signerCredential });
export type SignRaciInput = z.infer<typeof signRaciSchema>;

export const returnRaciSchema = z.strictObject({ versionId: id, comment: trimmed("A comment", TEXT_LIMITS.shortText) });
export type ReturnRaciInput = z.infer<typeof returnRaciSchema>;

const csfRef = z
  .string()
  .trim()
  .regex(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/, "CSF references look like PR.PS-02.");
export const activityFields = {
  name: trimmed("Name", 200),
  description: textOf("shortText", "The description"),
  csfRefs: z
    .string()
    .default("")
    .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
    .pipe(z.array(csfRef).min(1, "Anchor the activity to at least one CSF 2.0 subcategory, e.g. PR.PS-02.")),
};
export const createActivitySchema = z.strictObject(activityFields);
export type CreateActivityInput = z.infer<typeof createActivitySchema>;
export const updateActivitySchema = z.strictObject({ ...activityFields, id });
export type UpdateActivityInput = z.infer<typeof updateActivitySchema>;
export const moveActivitySchema = z.strictObject({ id, direction: z.enum(["up", "down"]) });
export type MoveActivityInput = z.infer<typeof moveActivitySchema>;
export const retireActivitySchema = z.strictObject({ id, retired: z.enum(["true", "false"]).transform((v) => v === "true") });
export type RetireActivityInput = z.infer<typeof retireActivitySchema>;
export const reattestSettingSchema = z.strictObject({ months: z.coerce.number().int().min(1, "At least 1 month.").max(60, "At most 60 months.") });
