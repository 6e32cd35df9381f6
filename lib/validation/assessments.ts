import { z } from "zod";
import { CSF_FUNCTION_IDS } from "@/db/schema/assessments";
import { TEXT_LIMITS, calendarDate, checkbox, id, optionalId, signerCredential, textOf, trimmed } from "./common";

/** A due date set now is never in the past (an item born overdue would show red on the leadership dashboard at once). */
const newDueDate = calendarDate("Due date", { min: "today" });
/** A CSF score, 0–3 (or empty): digits only, so "1e0" or "0x2" in a crafted request is refused, not read as 1 or 2. */
const SCORE_SENTENCE = "Choose a score from 0 to 3, or leave it empty.";
const score = z.preprocess(
  (v) => (v === "" || v == null ? null : typeof v === "string" && /^[0-3]$/.test(v) ? Number(v) : v),
  z.number({ error: SCORE_SENTENCE }).int(SCORE_SENTENCE).min(0, SCORE_SENTENCE).max(3, SCORE_SENTENCE).nullable(),
);

/** Form fields assignee_GV … assignee_RC hold "user:12", "party:3" or "". */
const assigneeField = z
  .string()
  .default("")
  .refine((v) => v === "" || /^(user|party):\d+$/.test(v), "Choose a user or a party.");

export const createAssessmentSchema = z
  .strictObject({
    name: trimmed("Name", 160),
    scopeType: z.enum(["organization", "site", "device_class"], { error: "Choose the scope." }),
    siteId: optionalId,
    deviceClassId: optionalId,
    dueDate: newDueDate,
    carryForward: checkbox,
    ...(Object.fromEntries(CSF_FUNCTION_IDS.map((f) => [`assignee_${f}`, assigneeField])) as Record<
      `assignee_${(typeof CSF_FUNCTION_IDS)[number]}`,
      typeof assigneeField
    >),
  })
  .superRefine((v, ctx) => {
    if (v.scopeType === "site" && !v.siteId) ctx.addIssue({ code: "custom", path: ["siteId"], message: "Choose the site this assessment covers." });
    if (v.scopeType === "device_class" && !v.deviceClassId)
      ctx.addIssue({ code: "custom", path: ["deviceClassId"], message: "Choose the device class this assessment covers." });
  });
export type CreateAssessmentInput = z.infer<typeof createAssessmentSchema>;

export const saveAnswerSchema = z
  .strictObject({
    assessmentId: id,
    subcategoryId: z.string().regex(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/),
    current: score,
    target: score,
    notApplicable: checkbox,
    naReason: textOf("shortText", "The reason"),
    notes: textOf("text", "Notes"),
    expectedVersion: z.coerce.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if (v.notApplicable && !v.naReason) ctx.addIssue({ code: "custom", path: ["naReason"], message: "Say why this subcategory does not apply." });
    if (!v.notApplicable && v.current !== null && v.target !== null && v.target < v.current) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "The target cannot be below the current score." });
    }
  });
export type SaveAnswerInput = z.infer<typeof saveAnswerSchema>;

export const saveQuickCheckSchema = z.strictObject({
  assessmentId: id,
  questionKey: z.string().regex(/^(GV|ID|PR|DE|RS|RC)-\d$/),
  answer: z.enum(["yes", "partly", "no"], { error: "Answer yes, partly or no." }),
  note: textOf("shortText", "The note"),
});
export type SaveQuickCheckInput = z.infer<typeof saveQuickCheckSchema>;

export const setTierSchema = z.strictObject({
  assessmentId: id,
  tier: z.coerce.number().int().min(1, "Choose a Tier.").max(4, "Choose a Tier."),
  rationale: trimmed("A rationale", TEXT_LIMITS.text),
});
export type SetTierInput = z.infer<typeof setTierSchema>;

export const submitAssessmentSchema = z.strictObject({ assessmentId: id });
export type SubmitAssessmentInput = z.infer<typeof submitAssessmentSchema>;

export const reviewFunctionSchema = z
  .strictObject({
    assessmentId: id,
    functionId: z.enum(CSF_FUNCTION_IDS),
    decision: z.enum(["accept", "return"]),
    comment: textOf("shortText", "The comment"),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "return" && !v.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "Say what must change before you can accept it." });
  });
export type ReviewFunctionInput = z.infer<typeof reviewFunctionSchema>;

export const resubmitFunctionSchema = z.strictObject({ assessmentId: id, functionId: z.enum(CSF_FUNCTION_IDS) });
export type ResubmitFunctionInput = z.infer<typeof resubmitFunctionSchema>;

export const approveAssessmentSchema = z.strictObject({ assessmentId: id, ...signerCredential });
export type ApproveAssessmentInput = z.infer<typeof approveAssessmentSchema>;

export const createActionItemSchema = z.strictObject({
  assessmentId: id,
  subcategoryId: z.string().regex(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/),
  title: trimmed("Title", 300),
  ownerPartyId: z.coerce.number({ error: "Choose the owner party." }).int().positive("Choose the owner party."),
  ownerUserId: optionalId,
  dueDate: newDueDate,
});
export type CreateActionItemInput = z.infer<typeof createActionItemSchema>;

export const addEvidenceSchema = z
  .strictObject({
    assessmentId: id,
    subcategoryId: z.string().regex(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/),
    body: textOf("text", "The note"),
    url: z.string().trim().max(2000).default(""),
    // A file input with nothing chosen sends an empty, unnamed file: none. A named empty file is kept, so the person is
    // told "The file is empty." instead of it vanishing (found by a probe).
    file: z.preprocess((v) => (v instanceof File && (v.size > 0 || v.name !== "") ? v : undefined), z.instanceof(File).optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.body && !v.url && !v.file) ctx.addIssue({ code: "custom", path: ["body"], message: "Add a note, a link or a file." });
    if (v.url && !/^https?:\/\//i.test(v.url)) ctx.addIssue({ code: "custom", path: ["url"], message: "Links must start with https:// or http://." });
  });
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;
