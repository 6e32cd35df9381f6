import type { ReviewState, ReviewStatus } from "@/lib/rules/plans";
import { Badge } from "@/components/ui/badge";

/** A UTC date as YYYY-MM-DD, with the full timestamp for machines. */
export function DateText({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} className="tabular-nums">
      {iso.slice(0, 10)}
    </time>
  );
}

const REVIEW_TONE: Record<ReviewState, "good" | "warn" | "bad" | "neutral"> = {
  current: "good",
  due_soon: "warn",
  overdue: "bad",
  not_approved: "neutral",
};

/** The review state in words (e.g. "Review overdue since 2026-01-31 (3 days)"); the tone only reinforces it. */
export function ReviewBadge({ review }: { review: ReviewStatus }) {
  return <Badge tone={REVIEW_TONE[review.state]}>{review.label}</Badge>;
}

export const PLAN_VERSION_STATUS: Record<"draft" | "approved" | "superseded", [string, "warn" | "good" | "neutral"]> = {
  draft: ["Draft", "warn"],
  approved: ["In force", "good"],
  superseded: ["Superseded", "neutral"],
};

export function PlanVersionStatusBadge({ status }: { status: "draft" | "approved" | "superseded" }) {
  const [label, tone] = PLAN_VERSION_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
