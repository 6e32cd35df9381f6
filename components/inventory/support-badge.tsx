import { Badge } from "@/components/ui/badge";
import type { SupportStatus } from "@/lib/rules/support-status";
import { SUPPORT_STATUS_LABELS, SUPPORT_TONES } from "./labels";

export function SupportBadge({ status, endsOn }: { status: SupportStatus; endsOn?: string | null }) {
  const when = endsOn ? (status === "unsupported" ? ` since ${endsOn}` : status === "unknown" ? "" : ` until ${endsOn}`) : "";
  return <Badge tone={SUPPORT_TONES[status]}>{SUPPORT_STATUS_LABELS[status] + when}</Badge>;
}
