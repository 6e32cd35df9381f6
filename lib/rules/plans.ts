/**
 * Response plans (DOMAIN.md): created, communicated, executed and maintained. A plan's approved
 * version has a review date; the people it names acknowledge that exact version. Pure functions.
 */

import { addMonths, daysBetween } from "./cadence";
import { hasVisibleText } from "./visible-text";

export const REVIEW_DUE_SOON_DAYS = 30;

/** Calendar months on YYYY-MM-DD dates, clamping the day (one implementation: lib/rules/cadence.ts). */
export const addMonthsIso = (date: string, months: number) => addMonths(date.slice(0, 10), months);
export const daysFrom = (from: string, to: string) => daysBetween(from.slice(0, 10), to.slice(0, 10));

export type ReviewState = "current" | "due_soon" | "overdue" | "not_approved";

export interface ReviewStatus {
  state: ReviewState;
  reviewDueOn: string | null;
  days: number | null;
  label: string;
}

/** The review date of an approved version: approval date + the plan's review interval. */
export function planReviewStatus(approvedAt: string | null, reviewIntervalMonths: number, today: string): ReviewStatus {
  if (!approvedAt) return { state: "not_approved", reviewDueOn: null, days: null, label: "Not approved yet" };
  const due = addMonthsIso(approvedAt.slice(0, 10), reviewIntervalMonths);
  const days = daysFrom(today, due);
  if (days < 0) return { state: "overdue", reviewDueOn: due, days, label: `Review overdue since ${due} (${-days} ${-days === 1 ? "day" : "days"})` };
  if (days <= REVIEW_DUE_SOON_DAYS)
    return { state: "due_soon", reviewDueOn: due, days, label: `Review due in ${days} ${days === 1 ? "day" : "days"} (${due})` };
  return { state: "current", reviewDueOn: due, days, label: `Next review by ${due}` };
}

export interface PlanPerson {
  id: number;
  active: boolean;
  partyId: number | null;
}

/**
 * Who must acknowledge a version: each active person it names, every active member of each party it
 * names, and that party's lead. Sorted ids, no duplicates.
 */
export function requiredAcknowledgers(
  namedUserIds: readonly number[],
  namedPartyIds: readonly number[],
  people: readonly PlanPerson[],
  partyLeads: ReadonlyMap<number, number | null>,
): number[] {
  const active = new Set(people.filter((p) => p.active).map((p) => p.id));
  const out = new Set<number>();
  for (const id of namedUserIds) if (active.has(id)) out.add(id);
  const parties = new Set(namedPartyIds);
  for (const p of people) if (p.active && p.partyId != null && parties.has(p.partyId)) out.add(p.id);
  for (const partyId of namedPartyIds) {
    const lead = partyLeads.get(partyId);
    if (lead != null && active.has(lead)) out.add(lead);
  }
  return [...out].sort((a, b) => a - b);
}

export interface PlanStep {
  partyId: number | null;
  role: string;
  action: string;
}
export interface PlanContact {
  name: string;
  role: string;
  phone: string;
}

/** What an approver must see before signing: the plan can be acted on. */
export function approvePlanRefusal(
  v: {
    status: string;
    scenario: string;
    steps: readonly PlanStep[];
    namedUserIds: readonly number[];
    namedPartyIds: readonly number[];
    createdBy: number;
    updatedBy: number;
  },
  approverId: number,
): string | null {
  if (v.status !== "draft") return "Only a draft version can be approved.";
  if (!hasVisibleText(v.scenario)) return "Describe the scenario before approval.";
  if (v.steps.length === 0) return "Add at least one response step before approval.";
  if (v.namedUserIds.length + v.namedPartyIds.length === 0) return "Name at least one person or party who must know this plan.";
  if (v.createdBy === approverId || v.updatedBy === approverId) return "You wrote or last edited this version, so someone else must approve it.";
  return null;
}
