import { Badge } from "@/components/ui/badge";

/** FDA recall class (21 CFR 7.3(m)): Class I is the most serious. The word carries the meaning; colour reinforces it. */
export function RecallClassBadge({ recallClass }: { recallClass: string | null }) {
  if (!recallClass) return <Badge>Class not stated</Badge>;
  return <Badge tone={recallClass === "I" ? "bad" : recallClass === "II" ? "warn" : "neutral"}>Class {recallClass}</Badge>;
}

/** The parties a recall is routed to, or "No signed owner" when the class's signed RACI names none. */
export function OwnerList({ owners }: { owners: readonly { party: string; lead: string | null }[] }) {
  if (owners.length === 0) return <Badge tone="warn">No signed owner</Badge>;
  return <>{owners.map((o) => `${o.party}${o.lead ? ` (${o.lead})` : " (no lead)"}`).join("; ")}</>;
}
