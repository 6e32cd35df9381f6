import { ACTION_ITEM_STATUS_LABELS, type ActionItemStatus } from "@/lib/rules/action-items";
import { Badge } from "@/components/ui/badge";

const TONE = { open: "neutral", in_progress: "info", closed: "good" } as const satisfies Record<ActionItemStatus, string>;

/** An item's status in words, with "Overdue" spelled out (never only a red color, WCAG 1.4.1). */
export function ActionItemStatusBadge({ status, overdue }: { status: ActionItemStatus; overdue: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={TONE[status]}>{ACTION_ITEM_STATUS_LABELS[status]}</Badge>
      {overdue && <Badge tone="bad">Overdue</Badge>}
    </span>
  );
}

/** The same words as plain text, for print and exports: "In progress — Overdue". */
export function actionItemStatusText(status: ActionItemStatus, overdue: boolean): string {
  return `${ACTION_ITEM_STATUS_LABELS[status]}${overdue ? " — Overdue" : ""}`;
}
