import { Badge } from "@/components/ui/badge";
import type { SupportStatus } from "@/lib/rules/support-status";
import { SUPPORT_STATUS_LABELS, SUPPORT_TONES } from "./labels";

/** " until <date>" / " since <date>" after the status word, or nothing when the dates are unknown. */
export function supportText(status: SupportStatus, endsOn?: string | null): string {
  return endsOn ? (status === "unsupported" ? ` since ${endsOn}` : status === "unknown" ? "" : ` until ${endsOn}`) : "";
}

export function SupportBadge({ status, endsOn }: { status: SupportStatus; endsOn?: string | null }) {
  return <Badge tone={SUPPORT_TONES[status]}>{SUPPORT_STATUS_LABELS[status] + supportText(status, endsOn)}</Badge>;
}
