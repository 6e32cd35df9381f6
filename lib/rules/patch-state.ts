import { addDays, severityOf, type PatchPolicy } from "./patch-priority";

/**
 * A patch item's status, derived from its evidence: the newest recorded outcome and the due date (never a status
 * column). Pure: `today` is passed in.
 */
export const PATCH_STATUSES = ["open", "dueSoon", "overdue", "deferred", "applied", "notApplicable"] as const;
export type PatchStatus = (typeof PATCH_STATUSES)[number];

export const PATCH_STATUS_LABELS: Record<PatchStatus, string> = {
  open: "Open",
  dueSoon: "Due soon",
  overdue: "Overdue",
  deferred: "Deferred",
  applied: "Applied",
  notApplicable: "Not applicable",
};

/** An open item is "due soon" this many days before its due date. */
export const DUE_SOON_DAYS = 14;

export interface LatestOutcome {
  outcome: "applied" | "deferred" | "not_applicable";
  deferUntil: string | null;
}

/**
 * - applied / not applicable: closed by the record;
 * - deferred: only until its until-date (inclusive); the day after, the item counts as open again, with its original
 *   due date (a deferral accepts the risk for a time, it does not move the policy's clock);
 * - otherwise open: overdue the day after its due date, due soon within DUE_SOON_DAYS of it.
 */
export function patchStatus(latest: LatestOutcome | null, dueOn: string, today: string): PatchStatus {
  if (latest?.outcome === "applied") return "applied";
  if (latest?.outcome === "not_applicable") return "notApplicable";
  if (latest?.outcome === "deferred" && latest.deferUntil && latest.deferUntil >= today) return "deferred";
  if (dueOn < today) return "overdue";
  if (dueOn <= addDays(today, DUE_SOON_DAYS)) return "dueSoon";
  return "open";
}

/** The statuses in which the item still waits for work. */
export function isOpenStatus(s: PatchStatus): boolean {
  return s === "open" || s === "dueSoon" || s === "overdue";
}

/**
 * The policy rule that applies to an item, as the number of days and its key. Mirrors patchDueDate (patch-priority.ts)
 * so that SQL can compare the validated date with `today − days` instead of computing dates row by row.
 */
export function policyDays(f: { onKev: boolean; cvss: number | null }, policy: PatchPolicy): number {
  if (f.onKev) return policy.kevDays;
  const sev = f.cvss === null ? "none" : severityOf(f.cvss);
  return sev === "critical" ? policy.criticalDays : sev === "high" ? policy.highDays : policy.otherDays;
}

/**
 * The validated-date bounds for each rule: an item whose OEM validated date is before `overdueBefore` is past due;
 * on or before `dueSoonUpTo`, it is due within DUE_SOON_DAYS.
 */
export function policyCutoffs(policy: PatchPolicy, today: string) {
  const b = (days: number) => ({ overdueBefore: addDays(today, -days), dueSoonUpTo: addDays(today, DUE_SOON_DAYS - days) });
  return { kev: b(policy.kevDays), critical: b(policy.criticalDays), high: b(policy.highDays), other: b(policy.otherDays) };
}

/** Validates an admin-set policy: whole days from 1 to 730, KEV no longer than critical, critical than high, high than other. */
export function policyProblems(p: PatchPolicy): string[] {
  const out: string[] = [];
  for (const [k, label] of [
    ["kevDays", "Known exploited"],
    ["criticalDays", "Critical"],
    ["highDays", "High"],
    ["otherDays", "Other"],
  ] as const) {
    if (!Number.isInteger(p[k]) || p[k] < 1 || p[k] > 730) out.push(`${label}: enter a whole number of days from 1 to 730.`);
  }
  if (out.length === 0 && !(p.kevDays <= p.criticalDays && p.criticalDays <= p.highDays && p.highDays <= p.otherDays)) {
    out.push("Stricter rules need shorter times: known exploited ≤ critical ≤ high ≤ other.");
  }
  return out;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
