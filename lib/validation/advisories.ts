import { z } from "zod";
import { q } from "./query";
import { MATCH_REVIEW_DECISIONS } from "@/db/schema/matches";
import { OEM_POSITIONS } from "@/lib/rules/oem-clock";
import { id, optionalCalendarDate, optionalId, TEXT_LIMITS, tooLong, trimmed } from "./common";

const filesOnly = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((f) => f instanceof File && f.size > 0);

/** CSAF 2.0 advisories: one or many JSON files, or ZIPs of them. */
export const importAdvisoriesSchema = z.strictObject({
  files: z.preprocess(
    filesOnly,
    z
      .array(z.instanceof(File))
      .min(1, "Choose one or more CSAF 2.0 advisory files (.json) or a ZIP of them.")
      .max(200, "Choose at most 200 files at a time, or put them in one ZIP."),
  ),
});
export type ImportAdvisoriesInput = z.infer<typeof importAdvisoriesSchema>;

/** CISA's KEV catalog: the JSON feed or the CSV export. */
export const importKevSchema = z.strictObject({
  file: z.preprocess((v) => filesOnly(v)[0], z.instanceof(File, { message: "Choose the KEV catalog file (JSON or CSV) from CISA." })),
});

/** The advisory list's query string (read with parseQuery): a search text cut to 100 characters, a KEV tick. */
export const advisoryListQuery = { q: q.text(100), kev: q.flag() };

/** The OEM overdue list's query string. */
export const oemOverdueQuery = { mine: q.flag(), site: q.id("Site") };

/** Confirming or dismissing a possible match: one match, or every possible match of one (advisory, model). */
export const reviewMatchSchema = z.strictObject({
  advisoryId: id,
  matchId: optionalId.optional(),
  modelId: optionalId.optional(),
  decision: z.enum(MATCH_REVIEW_DECISIONS, { message: "Choose confirm or dismiss." }),
  reason: trimmed("A reason", TEXT_LIMITS.shortText),
});
export type ReviewMatchInput = z.infer<typeof reviewMatchSchema>;

const optionalUrl = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() || null : (v ?? null)),
  z
    .string()
    .max(2000, tooLong("The bulletin URL", 2000))
    .url("Enter the bulletin URL as a full web address (https://…).")
    .refine((u) => /^https?:\/\//i.test(u), "The bulletin URL must start with http:// or https://.")
    .nullable(),
);
const optionalShort = (label: string, max = 200) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || null : (v ?? null)), z.string().max(max, tooLong(label, max)).nullable());

/**
 * The OEM's position on an advisory for one model. "OEM-validated patch available" needs a bulletin (reference or
 * URL), the validated version and the date the OEM validated it — a real calendar date, not in the future.
 */
export const recordOemPositionSchema = z
  .strictObject({
    advisoryId: id,
    modelId: id,
    position: z.enum(OEM_POSITIONS, { message: "Choose the OEM's position from the list." }),
    bulletinRef: optionalShort("The bulletin reference"),
    bulletinUrl: optionalUrl,
    validatedVersion: optionalShort("The validated version", 100),
    validatedOn: optionalCalendarDate("The date validated", { max: "today" }),
    installNotes: optionalShort("Install notes", TEXT_LIMITS.text),
    note: optionalShort("The note", TEXT_LIMITS.shortText),
  })
  .superRefine((v, ctx) => {
    if (v.position !== "patch_available") return;
    if (!v.bulletinRef && !v.bulletinUrl) ctx.addIssue({ code: "custom", path: ["bulletinRef"], message: "Give the OEM's bulletin reference or its URL." });
    if (!v.validatedVersion) ctx.addIssue({ code: "custom", path: ["validatedVersion"], message: "Give the software/firmware version the OEM validated." });
    if (!v.validatedOn) ctx.addIssue({ code: "custom", path: ["validatedOn"], message: "Give the date the OEM validated the patch." });
  });
export type RecordOemPositionInput = z.infer<typeof recordOemPositionSchema>;

/** "Re-match all": no fields. */
export const rematchAllSchema = z.strictObject({});
