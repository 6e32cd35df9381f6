import type { PatchStatus } from "@/lib/rules/patch-state";

export { PATCH_STATUS_LABELS } from "@/lib/rules/patch-state";

/** The tone reinforces the status word; the word carries the meaning (colour is never the only signal). */
export const PATCH_STATUS_TONES: Record<PatchStatus, "neutral" | "good" | "warn" | "bad" | "info"> = {
  open: "neutral",
  dueSoon: "warn",
  overdue: "bad",
  deferred: "info",
  applied: "good",
  notApplicable: "neutral",
};
