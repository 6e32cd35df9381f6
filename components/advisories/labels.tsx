import { Badge } from "@/components/ui/badge";

const SEVERITY_TONE = { critical: "bad", high: "bad", medium: "warn", low: "neutral", none: "neutral" } as const;
const SEVERITY_LABEL = { critical: "Critical", high: "High", medium: "Medium", low: "Low", none: "None" } as const;

/** A CVSS score with its rating in words (colour only reinforces it). */
export function SeverityText({ score, severity }: { score: number; severity: keyof typeof SEVERITY_TONE }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]}>
      {score.toFixed(1)} {SEVERITY_LABEL[severity]}
    </Badge>
  );
}

/** CISA KEV: exploited in the wild. */
export function KnownExploitedBadge({ count, dateAdded }: { count?: number; dateAdded?: string }) {
  return (
    <Badge tone="bad">
      Known exploited{count && count > 1 ? ` (${count} CVEs)` : ""}
      {dateAdded ? ` since ${dateAdded}` : ""}
    </Badge>
  );
}

export const REMEDIATION_LABELS: Record<string, string> = {
  vendor_fix: "Vendor fix",
  mitigation: "Mitigation",
  workaround: "Workaround",
  none_available: "None available",
  no_fix_planned: "No fix planned",
};
