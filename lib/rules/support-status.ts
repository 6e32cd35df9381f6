import { addMonths } from "./cadence";

/**
 * A model's OEM support status (GV.SC-07, ID.AM-08; DOMAIN.md "OEM support dates"). What ends support for
 * cybersecurity is the earlier of end of support and end of security patches: after either, a vulnerability in the
 * device will not be fixed by its maker (FDA expects OEM-validated patches). End of sale alone does not end support.
 */
export const SUPPORT_STATUSES = ["supported", "ending", "unsupported", "unknown"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export const SUPPORT_STATUS_LABELS: Record<SupportStatus, string> = {
  supported: "Supported",
  ending: "Support ending within 12 months",
  unsupported: "Unsupported",
  unknown: "Support dates unknown",
};

/** How far ahead "ending" looks. */
export const SUPPORT_WARNING_MONTHS = 12;

export interface SupportDates {
  endOfSale?: string | null;
  endOfSupport?: string | null;
  endOfSecurityPatches?: string | null;
}

/** The date support for security ends: the earlier of the two known dates; null when neither is known. */
export function supportEndsOn(d: SupportDates): string | null {
  const dates = [d.endOfSupport, d.endOfSecurityPatches].filter((x): x is string => Boolean(x)).sort();
  return dates[0] ?? null;
}

/**
 * A model's OEM dates that contradict each other, by field: a model is not sold after its maker stops supporting it
 * (end of sale after end of support). Security patches may outlast support (extended security updates), so that
 * order is not imposed. Empty when the dates agree or are unknown.
 */
export function supportDateProblems(d: SupportDates): Partial<Record<keyof SupportDates, string>> {
  if (d.endOfSale && d.endOfSupport && d.endOfSale > d.endOfSupport)
    return { endOfSale: `End of sale (${d.endOfSale}) is after end of support (${d.endOfSupport}): a model is not sold after its maker stops supporting it.` };
  return {};
}

/** `today` is YYYY-MM-DD; a date equal to today has ended (support ends at the start of that day). */
export function supportStatus(d: SupportDates, today: string): SupportStatus {
  const ends = supportEndsOn(d);
  if (!ends) return "unknown";
  if (ends <= today) return "unsupported";
  if (ends <= addMonths(today, SUPPORT_WARNING_MONTHS)) return "ending";
  return "supported";
}

/**
 * The date bounds that make each status a range query on a model's support end (for a server-side filter):
 * unsupported: ends <= today; ending: today < ends <= today + 12 months; supported: ends > that.
 */
export function supportStatusBounds(today: string): { today: string; warnUntil: string } {
  return { today, warnUntil: addMonths(today, SUPPORT_WARNING_MONTHS) };
}
