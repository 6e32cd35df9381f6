import { z } from "zod";
import { clock } from "@/lib/clock";
import { TEXT_LIMITS, type TextKind } from "./text-limits";
import { hasVisibleText } from "@/lib/rules/visible-text";

/** HTML checkbox: "on" when ticked, absent when not. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
/** An id from a form field. */
export const id = z.coerce.number().int().positive();
/** An optional id from a <select>: "" means none. */
export const optionalId = z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable());
export const trimmed = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, tooLong(label, max))
    // Only invisible characters (a zero-width space) is as empty as nothing: the same sentence.
    .refine(hasVisibleText, `${label} is required.`);
/**
 * The password re-entered at the moment of signing (21 CFR 11.200). One sentence for every signature form; the
 * form's hint says why the password is asked, so the two never repeat each other.
 */
export const signaturePassword = z
  .string({ error: "Enter your password to sign." })
  .min(1, "Enter your password to sign.")
  .max(1024, "A password is at most 1,024 characters.");
/**
 * What a signature form sends: the password field (a password form always sends it, so an empty one gets the sentence
 * above), or, after a re-authentication at the OpenID provider, that signing challenge's id (docs/decisions/0031).
 */
export const signerCredential = {
  password: signaturePassword.optional(),
  signingChallenge: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/, "This re-authentication could not be read. Re-authenticate again to sign.")
    .optional(),
};
export { TEXT_LIMITS, type TextKind };
/** The refusal for a text over its limit, in the sentence style of every other message. */
export const tooLong = (label: string, max: number) =>
  `${label} can be at most ${max.toLocaleString("en-US")} characters. Shorten it: what you typed is still in the field.`;
export const optionalText = (max = 2000, label = "This text") => z.string().trim().max(max, tooLong(label, max)).default("");
/** Optional text of a kind, e.g. `text("notes", "Notes")`. */
export const textOf = (kind: TextKind, label: string) => optionalText(TEXT_LIMITS[kind], label);
/** Arrays from repeated form keys; a single value arrives as a string. */
export const stringList = z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 and 2026-99-99 are not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, "0")}${date.slice(4)}`;
}

/** Long form for messages: "1 March 2026". */
function spoken(date: string): string {
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/**
 * The plausible range of a date field. `"today"` is read from the one clock when the value is checked, so a
 * form parsed at 23:59 and one parsed at 00:01 judge against their own day. Years are counted from today.
 */
export interface DateRange {
  /** Earliest allowed: an ISO date or "today". Default 2000-01-01 (nothing in Clearline predates it). */
  min?: string | "today";
  /** Latest allowed: an ISO date or "today". Default: `maxYearsAhead` years from today. */
  max?: string | "today";
  /** Default 10: a date further ahead is a typing slip (20260 → 2060). */
  maxYearsAhead?: number;
}

export const EARLIEST_DATE = "2000-01-01";

/** Why a date is refused, as a sentence naming the field, or null when it is a real date in range. */
export function dateProblem(label: string, value: string, range: DateRange = {}, today: string = clock.today()): string | null {
  if (!ISO_DATE.test(value)) return `Enter ${label.toLowerCase()} as a date (YYYY-MM-DD).`;
  if (!isCalendarDate(value)) return `${label} ${value} is not a date on the calendar (check the day and month).`;
  const min = range.min === "today" ? today : (range.min ?? EARLIEST_DATE);
  const max = range.max === "today" ? today : (range.max ?? addYears(today, range.maxYearsAhead ?? 10));
  if (value < min) return range.min === "today" ? `${label} cannot be in the past (today is ${spoken(today)}).` : `${label} cannot be before ${spoken(min)}.`;
  if (value > max) return range.max === "today" ? `${label} cannot be in the future (today is ${spoken(today)}).` : `${label} cannot be after ${spoken(max)}.`;
  return null;
}

/**
 * The one date schema for forms, actions and query parameters: a real calendar date (YYYY-MM-DD) inside a
 * plausible range for the field, with a sentence per case. A regex alone let 2025-02-30 through, which the
 * drill cadence then silently left out, and 1900-01-01 as a due date showed as overdue on the dashboard.
 */
export const calendarDate = (label: string, range: DateRange = {}) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .superRefine((v, ctx) => {
      // Empty is "required" above, once: not also "not a date" (found by a probe).
      if (v === "") return;
      const problem = dateProblem(label, v, range);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** The same, where the field may be left empty ("" or absent → null). */
export const optionalCalendarDate = (label: string, range: DateRange = {}) =>
  z.preprocess((v) => (v === "" || v == null ? null : v), calendarDate(label, range).nullable());
