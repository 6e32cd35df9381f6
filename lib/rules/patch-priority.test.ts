import { describe, expect, test } from "vitest";
import { oemClock } from "./oem-clock";
import { addDays, comparePatchPriority, DEFAULT_PATCH_POLICY, patchDueDate, priorityReasons, type PatchFacts } from "./patch-priority";

const base: PatchFacts = { onKev: false, cvss: 5, lifeSustaining: false, criticality: "moderate", storesPhi: false, connected: false, assetTag: "A-0001" };
const f = (over: Partial<PatchFacts>): PatchFacts => ({ ...base, ...over });

describe("the patch queue's order", () => {
  test("KEV first, then CVSS, then life-sustaining, criticality, PHI, connected, asset tag", () => {
    const items = [
      f({ assetTag: "Z-connected", connected: true }),
      f({ assetTag: "Y-phi", storesPhi: true }),
      f({ assetTag: "X-low", criticality: "low" }),
      f({ assetTag: "W-life", lifeSustaining: true }),
      f({ assetTag: "V-cvss9", cvss: 9.8 }),
      f({ assetTag: "U-kev-cvss4", onKev: true, cvss: 4.3 }),
      f({ assetTag: "T-high", criticality: "high" }),
      f({ assetTag: "R-critical", criticality: "critical" }),
      f({ assetTag: "S-nocvss", cvss: null }),
      f({ assetTag: "A-plain" }),
    ];
    expect([...items].sort(comparePatchPriority).map((i) => i.assetTag)).toEqual([
      "U-kev-cvss4",
      "V-cvss9",
      "W-life",
      "R-critical",
      "T-high",
      "Y-phi",
      "Z-connected",
      "A-plain",
      "X-low",
      "S-nocvss",
    ]);
  });

  test("reasons are words, not only an order", () => {
    expect(priorityReasons(f({ onKev: true, cvss: 9.8, lifeSustaining: true, storesPhi: true, connected: true }))).toEqual([
      "known exploited (CISA KEV)",
      "CVSS 9.8 critical",
      "life-sustaining",
      "stores PHI",
      "network-connected",
    ]);
  });
});

describe("due dates from the admin's policy", () => {
  test.each([
    [{ onKev: true, cvss: 4 }, "2027-03-15", "2027-03-29", "known exploited: 14 days"],
    [{ onKev: false, cvss: 9.0 }, "2027-03-15", "2027-04-14", "critical: 30 days"],
    [{ onKev: false, cvss: 7.0 }, "2027-03-15", "2027-05-14", "high: 60 days"],
    [{ onKev: false, cvss: 6.9 }, "2027-03-15", "2027-06-13", "other: 90 days"],
    [{ onKev: false, cvss: null }, "2027-03-15", "2027-06-13", "other: 90 days"],
    // Across a leap day and a year end.
    [{ onKev: true, cvss: null }, "2028-02-15", "2028-02-29", "known exploited: 14 days"],
    [{ onKev: false, cvss: 9.1 }, "2027-12-20", "2028-01-19", "critical: 30 days"],
  ])("%j validated %s → due %s (%s)", (facts, validatedOn, dueOn, rule) => {
    expect(patchDueDate(validatedOn, facts, DEFAULT_PATCH_POLICY)).toEqual({ dueOn, rule });
  });

  test("a policy set by the admin is used", () => {
    expect(patchDueDate("2027-01-01", { onKev: true, cvss: null }, { kevDays: 7, criticalDays: 15, highDays: 30, otherDays: 45 }).dueOn).toBe("2027-01-08");
  });

  test.each(["2027-02-29", "2027-13-01", "27-01-01"])("%s is not a calendar date", (d) => {
    expect(() => addDays(d, 1)).toThrow(/calendar date/);
  });
});

describe("FDA postmarket clocks per advisory and model", () => {
  test.each([
    ["2027-01-01", "not_answered", "2027-01-31", false, false],
    ["2027-01-01", "not_answered", "2027-02-01", true, false],
    ["2027-01-01", "validating", "2027-03-02", false, false],
    ["2027-01-01", "validating", "2027-03-03", false, true],
    ["2027-01-01", "not_answered", "2027-03-03", true, true],
    ["2027-01-01", "patch_available", "2028-01-01", false, false],
    ["2027-01-01", "not_affected", "2028-01-01", false, false],
    ["2027-01-01", "mitigation_only", "2028-01-01", false, false],
    ["2027-12-31", "not_answered", "2028-01-31", true, false],
  ] as const)("published %s, %s, on %s → answer overdue %s, fix overdue %s", (published, position, today, answerOverdue, fixOverdue) => {
    const c = oemClock(published, position, today);
    expect({ answerOverdue: c.answerOverdue, fixOverdue: c.fixOverdue }).toEqual({ answerOverdue, fixOverdue });
    if (c.overdue) expect(c.summary).toMatch(/FDA, Postmarket Management of Cybersecurity in Medical Devices/);
  });
});
