import { describe, expect, test } from "vitest";
import { DEFAULT_PATCH_POLICY, patchDueDate } from "./patch-priority";
import { daysBetween, patchStatus, policyCutoffs, policyDays, policyProblems } from "./patch-state";

describe("patchStatus: derived from the newest outcome and the due date", () => {
  test.each([
    [null, "2026-03-31", "2026-03-01", "open"],
    [null, "2026-03-10", "2026-03-01", "dueSoon"],
    [null, "2026-03-15", "2026-03-01", "dueSoon"],
    [null, "2026-03-16", "2026-03-01", "open"],
    [null, "2026-03-01", "2026-03-01", "dueSoon"],
    [null, "2026-02-28", "2026-03-01", "overdue"],
    [{ outcome: "applied", deferUntil: null }, "2026-02-01", "2026-03-01", "applied"],
    [{ outcome: "not_applicable", deferUntil: null }, "2026-02-01", "2026-03-01", "notApplicable"],
    [{ outcome: "deferred", deferUntil: "2026-03-01" }, "2026-02-01", "2026-03-01", "deferred"],
    [{ outcome: "deferred", deferUntil: "2026-02-28" }, "2026-02-01", "2026-03-01", "overdue"],
    [{ outcome: "deferred", deferUntil: "2026-02-28" }, "2026-06-01", "2026-03-01", "open"],
  ] as const)("%j due %s on %s → %s", (latest, dueOn, today, want) => {
    expect(patchStatus(latest, dueOn, today)).toBe(want);
  });
});

describe("policy: the SQL cut-offs agree with patchDueDate", () => {
  test.each([
    [{ onKev: true, cvss: 3 }, 14],
    [{ onKev: false, cvss: 9.8 }, 30],
    [{ onKev: false, cvss: 7 }, 60],
    [{ onKev: false, cvss: 6.9 }, 90],
    [{ onKev: false, cvss: null }, 90],
  ])("%j → %i days", (facts, days) => {
    expect(policyDays(facts, DEFAULT_PATCH_POLICY)).toBe(days);
    const validatedOn = "2026-01-10";
    const { dueOn } = patchDueDate(validatedOn, facts, DEFAULT_PATCH_POLICY);
    expect(daysBetween(validatedOn, dueOn)).toBe(days);
    // Overdue exactly when validatedOn < overdueBefore, for the day after the due date and not on it.
    const rule = facts.onKev ? "kev" : days === 30 ? "critical" : days === 60 ? "high" : "other";
    const dayAfter = new Date(Date.parse(`${dueOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(validatedOn < policyCutoffs(DEFAULT_PATCH_POLICY, dayAfter)[rule].overdueBefore).toBe(true);
    expect(validatedOn < policyCutoffs(DEFAULT_PATCH_POLICY, dueOn)[rule].overdueBefore).toBe(false);
  });

  test("an admin's policy must be whole days, 1–730, strictest shortest", () => {
    expect(policyProblems(DEFAULT_PATCH_POLICY)).toEqual([]);
    expect(policyProblems({ kevDays: 0, criticalDays: 30, highDays: 60, otherDays: 90 })).toEqual([
      "Known exploited: enter a whole number of days from 1 to 730.",
    ]);
    expect(policyProblems({ kevDays: 40, criticalDays: 30, highDays: 60, otherDays: 90 })).toEqual([
      "Stricter rules need shorter times: known exploited ≤ critical ≤ high ≤ other.",
    ]);
  });
});
