import type { RiskFigures } from "../dashboard/get-risk-figures";
import type { LinkedFact } from "./linked-facts";

const n = (v: number) => v.toLocaleString("en-US");

/**
 * The dashboard's advisory, patch, recall and replace-or-mitigate figures (getRiskFigures, the one source) as CSF 2.0
 * linked facts (issue #13 item 7). Each mapping quotes the subcategory's outcome (NIST CSWP 29, the text in
 * ../shared/data/nist-csf/nist_csf_2.0_flat.csv). `siteId`: the assessment's site, carried into every link so the list
 * opened shows the same count; `orgWide`: a device-class assessment, whose figures are the organization's (labelled so).
 */
export function riskFacts(f: RiskFigures, siteId: number | null, orgWide: boolean): Record<string, LinkedFact> {
  const site = siteId ? `&site=${siteId}` : "";
  const siteOnly = siteId ? `?site=${siteId}` : "";
  const scope = orgWide ? " (Whole organization.)" : "";
  const facts: Record<string, LinkedFact> = {};
  const { advisories: a, patches: p, recalls: r } = f;
  if (a) {
    // ID.RA-01 "Vulnerabilities in assets are identified, validated, and recorded": the devices the advisories affect,
    // those on CISA's Known Exploited Vulnerabilities catalog still unpatched, and the matches still to validate.
    facts["ID.RA-01"] = {
      text:
        `${n(a.affectedDevices)} devices are affected by ${n(a.advisories)} imported advisories; ${n(a.kevAffectedDevices)} by known-exploited vulnerabilities, ` +
        `${n(a.kevUnpatchedDevices)} of them not yet patched. ${n(a.awaitingReview)} possible matches await validation by Clinical Engineering.${scope}`,
      links: [
        { href: `/advisories/devices?kev=1&unpatched=1${site}`, label: "Known-exploited, not yet patched" },
        { href: `/advisories/devices?review=1${site}`, label: "Possible matches awaiting review" },
      ],
    };
    // ID.RA-02 "Cyber threat intelligence is received from information sharing forums and sources": CISA's ICSMA
    // advisories and its KEV catalog, imported and matched.
    facts["ID.RA-02"] = {
      text: `${n(a.advisories)} CISA medical advisories and the KEV catalog are imported and matched to the inventory.`,
      links: [{ href: "/advisories", label: "Advisories" }],
    };
    // ID.RA-08 "Processes for receiving, analyzing, and responding to vulnerability disclosures are established": the
    // review of possible matches and the manufacturers' answers under the FDA postmarket clocks (30 / 60 days).
    facts["ID.RA-08"] = {
      text: `${n(a.awaitingReview)} possible matches await a Clinical Engineering review; ${n(a.oemOverdue)} OEM answers are overdue under the FDA postmarket clocks.${scope}`,
      links: [
        { href: `/advisories/devices?review=1${site}`, label: "Possible matches awaiting review" },
        { href: `/advisories/oem-overdue${siteOnly}`, label: "OEM overdue answers" },
      ],
    };
  }
  if (p) {
    // PR.PS-02 "Software is maintained, replaced, and removed commensurate with risk": OEM-validated patches applied
    // within the policy's days, the backlog, and (below) unsupported devices awaiting a replace-or-mitigate decision.
    facts["PR.PS-02"] = {
      text: `OEM-validated patches applied within policy: ${p.appliedWithinPolicyPct}% (${n(p.appliedWithinPolicy)} of ${n(p.applied)}). Backlog: ${n(p.open)} open, ${n(p.overdue)} overdue, ${n(p.noSignedOwner)} with no signed owner.${scope}`,
      links: [
        { href: `/patches?status=applied${site}`, label: "Patches applied" },
        { href: `/patches?status=overdue${site}`, label: "Overdue patches" },
        { href: `/patches?status=open&party=none${site}`, label: "Patch items with no signed owner" },
      ],
    };
  }
  if (r) {
    const decisions = { href: `/inventory/decisions${siteOnly}`, label: "Replace or mitigate" };
    const unsupported = `${n(r.unsupportedWithoutDecision)} unsupported devices with open advisories have no replace-or-mitigate decision; ${n(r.decisionsOverdue)} decisions are overdue for review.`;
    if (facts["PR.PS-02"]) facts["PR.PS-02"] = { text: `${facts["PR.PS-02"].text} ${unsupported}`, links: [...facts["PR.PS-02"].links!, decisions] };
    else facts["PR.PS-02"] = { text: `${unsupported}${scope}`, links: [decisions] };
    // ID.AM-08 "Systems, hardware, software, services, and data are managed throughout their life cycles": FDA recalls
    // not yet actioned (DOMAIN.md activity 11, "Handle recalls and field safety notices") and devices past their end
    // of security patches without a decision.
    const byClass = r.outstandingByClass.map((c) => `${n(c.devices)} ${c.recallClass ? `Class ${c.recallClass}` : "class not stated"}`).join(", ");
    facts["ID.AM-08"] = {
      text: `${n(r.outstanding)} devices have an outstanding FDA recall${byClass ? ` (${byClass})` : ""}. ${unsupported}${scope}`,
      links: [{ href: `/recalls?status=outstanding${site}`, label: "Outstanding recalls" }, decisions],
    };
    // ID.RA-06 "Risk responses are chosen, prioritized, planned, tracked, and communicated": the replace-or-mitigate
    // decisions, approved by leadership and reviewed by a date.
    facts["ID.RA-06"] = { text: `${unsupported}${scope}`, links: [decisions] };
  }
  return facts;
}
