import { STATUS_LABELS, type RaciStatus } from "@/lib/rules/raci";
import { Badge } from "@/components/ui/badge";

const TONE: Record<RaciStatus, "neutral" | "good" | "warn" | "bad" | "info"> = {
  no_matrix: "neutral",
  draft: "warn",
  in_review: "info",
  effective: "good",
  reattestation_due: "bad",
  changes_pending: "warn",
  signature_problem: "bad",
};

export function RaciStatusBadge({ status }: { status: RaciStatus }) {
  return <Badge tone={TONE[status]}>{STATUS_LABELS[status]}</Badge>;
}
