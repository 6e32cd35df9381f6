import { z } from "zod";
import { PATCH_STATUSES, type PatchStatus } from "@/lib/rules/patch-state";
import { calendarDate, id, signerCredential, TEXT_LIMITS, tooLong, trimmed } from "./common";
import { parseQuery, q, type Raw } from "./query";

/** The patch queue's filter (query string of /patches and /api/patches/export). */
export interface PatchQueueFilter {
  /** A party id, or "none": classes without a signed owner. */
  party?: number | "none";
  /** With a party id: only the classes where it is Responsible (the dashboard's backlog by party) or Accountable. */
  role?: (typeof PATCH_ROLES)[number];
  site?: number;
  /** Default: open items; "all" takes every status. */
  status?: PatchStatus | "all";
  advisory?: number;
  device?: number;
  /** Days since the OEM validated the patch (the dashboard's backlog by age). */
  age?: (typeof PATCH_AGES)[number];
  page?: number;
}

export const PATCH_AGES = ["upTo30", "upTo60", "upTo90", "over90"] as const;
export const PATCH_ROLES = ["responsible", "accountable"] as const;

const shape = {
  party: q.idOr("Party", ["none"] as const),
  role: q.enum("Role", PATCH_ROLES),
  site: q.id("Site"),
  status: q.enum("Status", [...PATCH_STATUSES, "all"] as const),
  advisory: q.id("Advisory"),
  device: q.id("Device"),
  age: q.enum("Age", PATCH_AGES),
  page: q.page(),
};

/** Query string → filter, with a sentence for each value that was ignored. */
export function parsePatchQueueFilter(raw: Record<string, Raw> | URLSearchParams): { filter: PatchQueueFilter; problems: string[] } {
  const { query, problems } = parseQuery(shape, raw);
  return { filter: query, problems };
}

const workOrder = trimmed("Work order", 50);
const reason = (label: string) => trimmed(label, TEXT_LIMITS.shortText);
const notes = z.string().trim().max(TEXT_LIMITS.text, tooLong("Notes", TEXT_LIMITS.text)).default("");

const item = { advisoryId: id, deviceId: id };

/** Applied: on a day (not in the future), with the CMMS work-order number. */
export const recordPatchAppliedSchema = z.object({ ...item, appliedOn: calendarDate("Date applied", { max: "today" }), workOrder, notes }).strict();
export type RecordPatchAppliedInput = z.infer<typeof recordPatchAppliedSchema>;

/** Deferred: a reason and an until-date from today on, signed by the Accountable party's lead (password re-entered). */
export const deferPatchSchema = z
  .object({
    ...item,
    reason: reason("Reason"),
    deferUntil: calendarDate("Deferred until", { min: "today", maxYearsAhead: 2 }),
    ...signerCredential,
    /** The API deferral request this signature accepts (decision 0030), if any. */
    requestId: z.preprocess((v) => (v === "" || v == null ? undefined : v), id.optional()),
  })
  .strict();
export type DeferPatchInput = z.infer<typeof deferPatchSchema>;

export const markPatchNotApplicableSchema = z.object({ ...item, reason: reason("Reason") }).strict();
export type MarkPatchNotApplicableInput = z.infer<typeof markPatchNotApplicableSchema>;

const days = (label: string) =>
  z.coerce
    .number({ error: `${label}: enter a whole number of days.` })
    .int(`${label}: enter a whole number of days.`)
    .min(1, `${label}: at least 1 day.`)
    .max(730, `${label}: at most 730 days.`);

export const savePatchPolicySchema = z
  .object({ kevDays: days("Known exploited"), criticalDays: days("Critical"), highDays: days("High"), otherDays: days("Other") })
  .strict();
export type SavePatchPolicyInput = z.infer<typeof savePatchPolicySchema>;

/** A CSV of completions from the CMMS: preview first, then commit the same file (its SHA-256 must match the preview's). */
export const importPatchCompletionsSchema = z
  .object({
    file: z.preprocess((v) => (v instanceof File && v.size > 0 ? v : undefined), z.instanceof(File, { message: "Choose the CSV of completed work orders." })),
    expectedSha256: z.preprocess(
      (v) => (v === "" || v == null ? undefined : v),
      z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
    ),
  })
  .strict();
export type ImportPatchCompletionsInput = z.infer<typeof importPatchCompletionsSchema>;
