/**
 * The vocabulary of action items (an assessment gap's or a drill's corrective action, CSF ID.IM-02/ID.IM-04): the
 * statuses the database allows (db/schema/action-items.ts builds its CHECK from this list) and the one set of words
 * every page, export and audit view uses for them (issue #11: three tables had said them three ways).
 */
export const ACTION_ITEM_STATUSES = ["open", "in_progress", "closed"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = { open: "Open", in_progress: "In progress", closed: "Closed" };
