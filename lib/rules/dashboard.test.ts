import { describe, expect, test } from "vitest";
import { functionFigures, itemsByOwner, planFigures, progressPct, responsibilityFigures, siteCadenceFigures } from "./dashboard";

describe("responsibility figures, from six classes counted by hand", () => {
  const rows = [
    { status: "effective", effectiveVersionNo: 1, violationCount: 0 },
    { status: "effective", effectiveVersionNo: 2, violationCount: 0 },
    { status: "reattestation_due", effectiveVersionNo: 1, violationCount: 0 },
    { status: "changes_pending", effectiveVersionNo: 3, violationCount: 1 },
    { status: "in_review", effectiveVersionNo: null, violationCount: 0 },
    { status: "draft", effectiveVersionNo: null, violationCount: 2 },
    { status: "no_matrix", effectiveVersionNo: null, violationCount: 0 },
  ] as const;
  test("signed = classes with a version in force (4 of 7 = 57%), violations, in review, re-attestation due, changes pending", () => {
    expect(responsibilityFigures(rows)).toEqual({
      total: 7,
      signed: 4,
      signedPct: 57,
      withViolations: 2,
      inReview: 1,
      reattestationDue: 1,
      changesPending: 1,
      draft: 1,
      noMatrix: 1,
      signatureProblem: 0,
    });
  });
  test("no classes: zero, not a division by zero", () => {
    expect(responsibilityFigures([]).signedPct).toBe(0);
  });
});

describe("function scores and their change", () => {
  test("gap = target − current; change = current − previous current, rounded to hundredths", () => {
    const latest = [
      { id: "GV", current: 1.5, target: 3 },
      { id: "ID", current: 2.33, target: 2.67 },
      { id: "PR", current: null, target: null },
    ];
    const previous = [
      { id: "GV", current: 1.25, target: 3 },
      { id: "ID", current: 2.5, target: 3 },
      { id: "PR", current: 1, target: 2 },
    ];
    expect(functionFigures(latest, previous)).toEqual([
      { id: "GV", current: 1.5, target: 3, gap: 1.5, change: 0.25 },
      { id: "ID", current: 2.33, target: 2.67, gap: 0.34, change: -0.17 },
      { id: "PR", current: null, target: null, gap: null, change: null },
    ]);
  });
  test("without a previous approved assessment there is no change", () => {
    expect(functionFigures([{ id: "GV", current: 2, target: 3 }], null)).toEqual([{ id: "GV", current: 2, target: 3, gap: 1, change: null }]);
  });
  test("progress rounds down: 105 of 106 is 99%, not 100%", () => {
    expect(progressPct(105, 106)).toBe(99);
    expect(progressPct(106, 106)).toBe(100);
    expect(progressPct(0, 0)).toBe(0);
  });
});

describe("cadence per site", () => {
  test("CMS and Joint Commission states, overdue and due counts across all rules", () => {
    const sites = [
      {
        siteId: 1,
        siteName: "Main",
        results: [
          { ruleId: "cms", state: "met" as const },
          { ruleId: "tjc", state: "due" as const },
          { ruleId: "plan:4", state: "overdue" as const },
        ],
      },
      { siteId: 2, siteName: "Clinic", results: [{ ruleId: "plan:4", state: "due" as const }] },
    ];
    expect(siteCadenceFigures(sites)).toEqual([
      { siteId: 1, siteName: "Main", cms: "met", jointCommission: "due", overdueRules: 1, dueRules: 1 },
      { siteId: 2, siteName: "Clinic", cms: null, jointCommission: null, overdueRules: 0, dueRules: 1 },
    ]);
  });
});

describe("improvement items by owner party", () => {
  test("closed items are left out; due today is not overdue; most overdue party first", () => {
    const today = "2026-11-28";
    const items = [
      { ownerPartyId: 1, ownerParty: "IT Infrastructure", status: "open", dueDate: "2026-11-01" },
      { ownerPartyId: 1, ownerParty: "IT Infrastructure", status: "in_progress", dueDate: "2026-11-27" },
      { ownerPartyId: 1, ownerParty: "IT Infrastructure", status: "closed", dueDate: "2026-10-01" },
      { ownerPartyId: 2, ownerParty: "Clinical Engineering", status: "open", dueDate: today },
      { ownerPartyId: 2, ownerParty: "Clinical Engineering", status: "open", dueDate: "2027-01-01" },
      { ownerPartyId: 3, ownerParty: "Information Security", status: "open", dueDate: "2026-11-20" },
    ];
    expect(itemsByOwner(items, today)).toEqual({
      open: 5,
      overdue: 3,
      byParty: [
        { partyId: 1, party: "IT Infrastructure", open: 2, overdue: 2 },
        { partyId: 3, party: "Information Security", open: 1, overdue: 1 },
        { partyId: 2, party: "Clinical Engineering", open: 2, overdue: 0 },
      ],
    });
  });
});

describe("plans", () => {
  test("review overdue and acknowledgements missing; a plan never approved asks nobody", () => {
    const f = planFigures([
      { id: 1, title: "Ransomware", reviewState: "current", acknowledged: 2, required: 5 },
      { id: 2, title: "PACS", reviewState: "overdue", acknowledged: 3, required: 3 },
      { id: 3, title: "Draft only", reviewState: "not_approved", acknowledged: 0, required: 0 },
      { id: 4, title: "Vendor", reviewState: "due_soon", acknowledged: 4, required: 4 },
    ]);
    expect(f).toEqual({ total: 4, reviewOverdue: [{ id: 2, title: "PACS" }], acknowledgementsMissing: [{ id: 1, title: "Ransomware", missing: 3 }] });
  });
});
