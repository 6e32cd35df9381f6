/**
 * Drill lifecycle (DOMAIN.md "Response plans and drills", FEMA HSEEP):
 * Planned → Conducted → After-Action Report in review → AAR approved (e-signature) → Closed when every
 * improvement item is closed. A planned drill may be cancelled. Each guard returns the sentence that
 * tells the user why a step is refused, or null when it is allowed. Pure: `today` is a parameter.
 */
import type { ActionItemStatus } from "./action-items";
import { hasVisibleText } from "./visible-text";

/** The drill statuses the database allows (db/schema/drills.ts builds its CHECK from this list). */
export const DRILL_STATUSES = ["planned", "conducted", "aar_review", "aar_approved", "closed", "cancelled"] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];
/** HSEEP objective ratings. */
export const OBJECTIVE_RATINGS = ["P", "S", "M", "U"] as const;
export type ObjectiveRating = (typeof OBJECTIVE_RATINGS)[number];

export const DRILL_STATUS_LABELS: Record<DrillStatus, string> = {
  planned: "Planned",
  conducted: "Conducted",
  aar_review: "After-action report in review",
  aar_approved: "After-action report approved",
  closed: "Closed",
  cancelled: "Cancelled",
};

export const RATING_LABELS: Record<ObjectiveRating, string> = {
  P: "Performed without challenges",
  S: "Performed with some challenges",
  M: "Performed with major challenges",
  U: "Unable to be performed",
};

/** HSEEP improvement-plan capability elements (POETE), the column of an improvement item. */
export const CAPABILITY_ELEMENTS = ["planning", "organization", "equipment", "training", "exercise"] as const;
export type CapabilityElement = (typeof CAPABILITY_ELEMENTS)[number];

export const CAPABILITY_ELEMENT_LABELS: Record<CapabilityElement, string> = {
  planning: "Planning",
  organization: "Organization",
  equipment: "Equipment",
  training: "Training",
  exercise: "Exercise",
};

export interface DrillFacts {
  status: DrillStatus;
  kind: "exercise" | "real_event";
  facilitatorUserId: number | null;
  aarSubmittedBy: number | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A new drill's planned date: today or later (found by a probe: one planned for 2001 sat in "Planned" for ever); an
 * exercise that already took place is recorded as a real event, with its dates.
 */
export function scheduleRefusal(plannedDate: string, today: string): string | null {
  if (plannedDate < today)
    return `The planned date ${plannedDate} has passed: schedule the drill for today or later, or record an exercise that took place as a real event.`;
  return null;
}

/**
 * Record the drill as conducted on [start, end]. Dates are YYYY-MM-DD; `today` in the same form. `scheduledOn`: the
 * day a scheduled drill was created — it cannot have been held before (found by a probe: a drill scheduled in 2026
 * recorded as held in 2001); absent for a real event recorded after the fact.
 */
export function conductRefusal(d: Pick<DrillFacts, "status"> & { scheduledOn?: string }, start: string, end: string | null, today: string): string | null {
  if (d.status !== "planned") return `Only a planned drill can be recorded as conducted; this one is ${DRILL_STATUS_LABELS[d.status].toLowerCase()}.`;
  if (!ISO.test(start)) return "Enter the date the drill started as YYYY-MM-DD.";
  if (d.scheduledOn !== undefined && start < d.scheduledOn)
    return `The start date ${start} is before this drill was scheduled (${d.scheduledOn}): give the date it took place.`;
  if (start > today) return `A drill cannot be recorded as conducted on a future date (${start}); record it on or after the day it took place.`;
  if (end != null) {
    if (!ISO.test(end)) return "Enter the date the drill ended as YYYY-MM-DD.";
    if (end < start) return "The end date is before the start date.";
    if (end > today) return `The end date ${end} is in the future.`;
  }
  return null;
}

/** Objectives, ratings and findings are written while the drill is conducted and its AAR is a draft. */
export function aarEditRefusal(d: Pick<DrillFacts, "status">): string | null {
  if (d.status === "conducted") return null;
  if (d.status === "planned") return "Rate objectives and record findings after the drill was conducted.";
  if (d.status === "aar_review") return "The after-action report is in review; return it to draft to change it.";
  if (d.status === "cancelled") return "This drill was cancelled.";
  return "The after-action report is approved and locked.";
}

/** Objectives are planned before the drill and may still be added while its AAR is drafted. */
export function objectiveEditRefusal(d: Pick<DrillFacts, "status">): string | null {
  return d.status === "planned" ? null : aarEditRefusal(d);
}

export function submitAarRefusal(d: Pick<DrillFacts, "status">, objectives: readonly { rating: ObjectiveRating | null }[], summary: string): string | null {
  if (d.status === "planned") return "The after-action report can be submitted only after the drill was conducted.";
  if (d.status !== "conducted") return aarEditRefusal(d);
  if (objectives.length === 0) return "Add at least one objective and rate it before submitting the after-action report.";
  const unrated = objectives.filter((o) => o.rating == null).length;
  if (unrated) return `Rate every objective before submitting: ${unrated} ${unrated === 1 ? "is" : "are"} not rated.`;
  if (!hasVisibleText(summary)) return "Write the overview of the after-action report before submitting it.";
  return null;
}

/** Approval is an electronic signature by leadership, never by the drill's facilitator or the AAR's author. */
export function approveAarRefusal(d: DrillFacts, approverId: number): string | null {
  if (d.status === "planned") return "The after-action report cannot be approved before the drill was conducted.";
  if (d.status === "conducted") return "The after-action report has not been submitted for approval yet.";
  if (d.status !== "aar_review")
    return d.status === "aar_approved"
      ? "The after-action report is already approved."
      : `The after-action report cannot be approved now: the drill is ${DRILL_STATUS_LABELS[d.status].toLowerCase()}.`;
  if (d.aarSubmittedBy === approverId) return "You submitted this after-action report, so someone else must approve it.";
  if (d.facilitatorUserId === approverId) return "You facilitated this drill, so someone else must approve its after-action report.";
  return null;
}

export function returnAarRefusal(d: Pick<DrillFacts, "status">, comment: string): string | null {
  if (d.status !== "aar_review") return "Only an after-action report in review can be returned.";
  if (!hasVisibleText(comment)) return "Say what needs to change when returning the after-action report.";
  return null;
}

export function cancelRefusal(d: Pick<DrillFacts, "status">, reason: string): string | null {
  if (d.status !== "planned") return "Only a planned drill can be cancelled.";
  if (!hasVisibleText(reason)) return "Give the reason for cancelling.";
  return null;
}

/** Improvement items may be added until the AAR is signed; after that the plan is fixed. */
export function addItemRefusal(d: Pick<DrillFacts, "status">): string | null {
  return aarEditRefusal(d);
}

export function itemStatusRefusal(current: ActionItemStatus, next: ActionItemStatus, evidence: string): string | null {
  if (current === "closed") return "This item is closed. Closed items stay closed with their evidence.";
  if (next === "closed" && !hasVisibleText(evidence)) return "Closing an item requires closure evidence: say what was done and where it can be verified.";
  return null;
}

/** The drill closes when its AAR is approved and no improvement item is still open. */
export function shouldClose(d: Pick<DrillFacts, "status">, itemStatuses: readonly ActionItemStatus[]): boolean {
  return d.status === "aar_approved" && itemStatuses.every((s) => s === "closed");
}

export function isOverdue(item: { status: ActionItemStatus; dueDate: string }, today: string): boolean {
  return item.status !== "closed" && item.dueDate < today;
}

/** A drill counts toward cadence once it took place: conducted or later, never planned or cancelled. */
export function countsForCadence(d: Pick<DrillFacts, "status">): boolean {
  return d.status === "conducted" || d.status === "aar_review" || d.status === "aar_approved" || d.status === "closed";
}
