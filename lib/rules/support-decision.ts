/**
 * Replace or mitigate (issue #13 item 6; CSF ID.RA-06/07): a device whose maker no longer ships security patches and
 * that an open advisory affects needs a decision — replace it by a date with a capital request, or keep it with
 * compensating controls — approved by leadership and reviewed by a date. Pure: facts and `today` in, status out.
 */
import type { CompensatingControl } from "@/db/schema/support-decisions";

export const CONTROL_LABELS: Record<CompensatingControl, string> = {
  network_segmentation: "Network segmentation",
  remote_access_disabled: "Remote access disabled",
  monitoring: "Monitoring",
  physical_control: "Physical control",
};

export type SupportDecisionStatus = "awaiting_approval" | "approved" | "review_overdue";

export const SUPPORT_DECISION_STATUS_LABELS: Record<SupportDecisionStatus, string> = {
  awaiting_approval: "Awaiting leadership approval",
  approved: "Approved",
  review_overdue: "Review overdue",
};

/**
 * The status of a decision from its evidence: approved only with a valid leadership signature on its current content;
 * an approved decision whose review date has come is overdue (a review date equal to today is due today, not overdue).
 * An unapproved decision stays "awaiting approval" whatever its dates: nobody has accepted the risk yet.
 */
export function supportDecisionStatus(d: { approved: boolean; reviewOn: string }, today: string): SupportDecisionStatus {
  if (!d.approved) return "awaiting_approval";
  return d.reviewOn < today ? "review_overdue" : "approved";
}

/** The most specific current decision for a device: its site's newest, else the model-wide newest. */
export function decisionForDevice<T extends { id: number; modelId: number; siteId: number | null }>(
  decisions: readonly T[],
  device: { modelId: number; siteId: number },
): T | null {
  const mine = decisions.filter((d) => d.modelId === device.modelId);
  const newest = (list: T[]) => list.reduce<T | null>((best, d) => (!best || d.id > best.id ? d : best), null);
  return newest(mine.filter((d) => d.siteId === device.siteId)) ?? newest(mine.filter((d) => d.siteId === null));
}
