import type { RiskFigures } from "./get-risk-figures";

type Cell = string | number | null;

/**
 * The dashboard's advisory, patch, recall and replace-or-mitigate figures (getRiskFigures) as one XLSX sheet, in the
 * board report's order and words; null when the actor may read none of them.
 */
export function riskExportSheet(head: Cell[][], f: RiskFigures): { name: string; rows: Cell[][] } | null {
  const { advisories: a, patches: p, recalls: r } = f;
  if (!a && !p && !r) return null;
  return {
    name: "Vulnerabilities and patches",
    rows: [
      ...head,
      ["Figure", "Number"],
      ...(a
        ? ([
            ["Devices affected by known-exploited vulnerabilities (CISA KEV) and not yet patched", a.kevUnpatchedDevices],
            ["Devices affected by known-exploited vulnerabilities", a.kevAffectedDevices],
            ["Devices affected by advisories", a.affectedDevices],
            ["Possible matches awaiting review", a.awaitingReview],
            ["OEM overdue answers (FDA postmarket clocks)", a.oemOverdue],
          ] as Cell[][])
        : []),
      ...(p
        ? ([
            ["OEM-validated patches applied within policy (%)", p.appliedWithinPolicyPct],
            ["Patches applied within policy", p.appliedWithinPolicy],
            ["Patches applied", p.applied],
            ["Patch backlog (open items)", p.open],
            ["Patch items overdue", p.overdue],
            ["Patch items with no signed owner", p.noSignedOwner],
          ] as Cell[][])
        : []),
      ...(r
        ? ([
            ["Devices with an outstanding recall", r.outstanding],
            ["Unsupported devices with open advisories and no replace-or-mitigate decision", r.unsupportedWithoutDecision],
            ["Replace-or-mitigate decisions overdue for review", r.decisionsOverdue],
          ] as Cell[][])
        : []),
      ...(p
        ? ([
            [],
            ["Patch backlog by age", "Open items"],
            ...p.byAge.map((x) => [x.label, x.count]),
            [],
            ["Patch backlog by Responsible party", "Open", "Overdue"],
            ...p.byParty.map((x) => [x.party, x.open, x.overdue]),
          ] as Cell[][])
        : []),
      ...(r
        ? ([
            [],
            ["Outstanding recalls by FDA recall class", "Devices"],
            ...r.outstandingByClass.map((c) => [c.recallClass ? `Class ${c.recallClass}` : "Class not stated", c.devices]),
          ] as Cell[][])
        : []),
    ],
  };
}
