import { describe, expect, test } from "vitest";
import {
  addMonthsIso,
  approvePlanRefusal,
  daysFrom,
  planReviewStatus,
  requiredAcknowledgers,
  REVIEW_DUE_SOON_DAYS,
  type PlanPerson,
  type PlanStep,
} from "./plans";

describe("addMonthsIso clamps the day to the target month", () => {
  test.each<[string, number, string]>([
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-12-31", 12, "2027-12-31"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-01-10", -1, "2025-12-10"],
    ["2026-05-20", 0, "2026-05-20"],
    ["2026-05-20", 36, "2029-05-20"],
    // A timestamp is read by its date.
    ["2026-01-31T23:59:59.000Z", 1, "2026-02-28"],
  ])("%s + %i months → %s", (date, months, expected) => {
    expect(addMonthsIso(date, months)).toBe(expected);
  });
});

describe("daysFrom", () => {
  test.each<[string, string, number]>([
    ["2026-01-01", "2026-01-01", 0],
    ["2026-01-01", "2026-01-31", 30],
    ["2026-03-01", "2026-02-28", -1],
    ["2028-02-28", "2028-03-01", 2],
    ["2026-01-01T22:00:00Z", "2026-01-02T01:00:00Z", 1],
  ])("%s → %s = %i", (from, to, expected) => {
    expect(daysFrom(from, to)).toBe(expected);
  });
});

describe("planReviewStatus: approval date + review interval", () => {
  // Approved 2026-01-15 with a 12-month interval: review due 2027-01-15.
  const APPROVED = "2026-01-15T10:00:00.000Z";
  test.each<[string, string, number | null, string]>([
    ["2026-06-01", "current", 228, "Next review by 2027-01-15"],
    ["2026-12-15", "current", 31, "Next review by 2027-01-15"],
    ["2026-12-16", "due_soon", 30, "Review due in 30 days (2027-01-15)"],
    ["2027-01-14", "due_soon", 1, "Review due in 1 day (2027-01-15)"],
    ["2027-01-15", "due_soon", 0, "Review due in 0 days (2027-01-15)"],
    ["2027-01-16", "overdue", -1, "Review overdue since 2027-01-15 (1 day)"],
    ["2027-02-15", "overdue", -31, "Review overdue since 2027-01-15 (31 days)"],
  ])("on %s → %s", (today, state, days, label) => {
    expect(planReviewStatus(APPROVED, 12, today)).toEqual({ state, reviewDueOn: "2027-01-15", days, label });
  });

  test("the due-soon window is 30 days", () => {
    expect(REVIEW_DUE_SOON_DAYS).toBe(30);
  });

  test("the interval is in months and clamps month ends", () => {
    expect(planReviewStatus("2026-08-31T09:00:00Z", 6, "2026-09-01").reviewDueOn).toBe("2027-02-28");
  });

  test("not approved yet", () => {
    expect(planReviewStatus(null, 12, "2026-06-01")).toEqual({ state: "not_approved", reviewDueOn: null, days: null, label: "Not approved yet" });
  });
});

describe("requiredAcknowledgers", () => {
  const CE = 10;
  const IT = 11;
  const SEC = 12;
  const people: PlanPerson[] = [
    { id: 1, active: true, partyId: CE }, // CE lead
    { id: 2, active: true, partyId: CE }, // CE member
    { id: 3, active: false, partyId: CE }, // CE member, deactivated
    { id: 4, active: true, partyId: IT }, // IT lead
    { id: 5, active: true, partyId: null }, // CIO, leads Security without being its member
    { id: 6, active: false, partyId: null }, // deactivated
    { id: 7, active: true, partyId: SEC },
  ];
  const leads = new Map<number, number | null>([
    [CE, 1],
    [IT, 4],
    [SEC, 5],
  ]);

  test.each<[string, number[], number[], number[]]>([
    ["nobody named", [], [], []],
    ["named users only", [4, 2], [], [2, 4]],
    ["an inactive named user is not required", [6, 2], [], [2]],
    ["a named user who does not exist is not required", [99], [], []],
    ["a party: its active members (inactive excluded)", [], [CE], [1, 2]],
    ["a party's lead who is not a member", [], [SEC], [5, 7]],
    ["no duplicates when a user is named and in a named party", [2, 1], [CE], [1, 2]],
    ["no duplicates when the lead is named too", [5], [SEC], [5, 7]],
    ["several parties and users, sorted", [7], [IT, CE], [1, 2, 4, 7]],
  ])("%s", (_label, users, partyIds, expected) => {
    expect(requiredAcknowledgers(users, partyIds, people, leads)).toEqual(expected);
  });

  test("an inactive lead is not required; a party without a lead only needs its members", () => {
    const leadsInactive = new Map<number, number | null>([
      [CE, 3],
      [IT, null],
    ]);
    expect(requiredAcknowledgers([], [CE, IT], people, leadsInactive)).toEqual([1, 2, 4]);
  });
});

describe("approvePlanRefusal", () => {
  const AUTHOR = 1;
  const EDITOR = 2;
  const APPROVER = 3;
  type Version = Parameters<typeof approvePlanRefusal>[0];
  const steps: PlanStep[] = [{ partyId: 11, role: "IT on call", action: "Isolate the pump VLAN" }];
  const ready: Version = {
    status: "draft",
    scenario: "Ransomware encrypts the infusion pump server",
    steps,
    namedUserIds: [4],
    namedPartyIds: [],
    createdBy: AUTHOR,
    updatedBy: EDITOR,
  };
  test.each<[string, Partial<Version>, number, string | null]>([
    ["ready, a third person approves", {}, APPROVER, null],
    ["named through a party only", { namedUserIds: [], namedPartyIds: [11] }, APPROVER, null],
    ["approved already", { status: "approved" }, APPROVER, "Only a draft version can be approved."],
    ["superseded", { status: "superseded" }, APPROVER, "Only a draft version can be approved."],
    ["no scenario", { scenario: "  " }, APPROVER, "Describe the scenario before approval."],
    ["no steps", { steps: [] }, APPROVER, "Add at least one response step before approval."],
    ["nobody named", { namedUserIds: [], namedPartyIds: [] }, APPROVER, "Name at least one person or party who must know this plan."],
    ["the author", {}, AUTHOR, "You wrote or last edited this version, so someone else must approve it."],
    ["the last editor", {}, EDITOR, "You wrote or last edited this version, so someone else must approve it."],
    ["content is checked before SoD", { steps: [] }, AUTHOR, "Add at least one response step before approval."],
  ])("%s", (_label, over, approver, expected) => {
    expect(approvePlanRefusal({ ...ready, ...over }, approver)).toBe(expected);
  });
});
