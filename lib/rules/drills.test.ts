import { describe, expect, test } from "vitest";
import {
  aarEditRefusal,
  addItemRefusal,
  approveAarRefusal,
  cancelRefusal,
  conductRefusal,
  scheduleRefusal,
  countsForCadence,
  isOverdue,
  itemStatusRefusal,
  objectiveEditRefusal,
  returnAarRefusal,
  shouldClose,
  submitAarRefusal,
  type DrillFacts,
  type DrillStatus,
  type ObjectiveRating,
} from "./drills";
import type { ActionItemStatus } from "./action-items";

const TODAY = "2027-03-10";
const ALL: DrillStatus[] = ["planned", "conducted", "aar_review", "aar_approved", "closed", "cancelled"];

describe("conductRefusal: only a planned drill, dates in the past, end not before start", () => {
  test.each<[string, DrillStatus, string, string | null, string | null]>([
    ["started today, no end", "planned", TODAY, null, null],
    ["started and ended in the past", "planned", "2027-03-01", "2027-03-02", null],
    ["one-day drill today", "planned", TODAY, TODAY, null],
    [
      "start in the future",
      "planned",
      "2027-03-11",
      null,
      "A drill cannot be recorded as conducted on a future date (2027-03-11); record it on or after the day it took place.",
    ],
    [
      "start and end in the future",
      "planned",
      "2027-04-01",
      "2027-04-02",
      "A drill cannot be recorded as conducted on a future date (2027-04-01); record it on or after the day it took place.",
    ],
    ["end in the future", "planned", "2027-03-09", "2027-03-11", "The end date 2027-03-11 is in the future."],
    ["end before start", "planned", "2027-03-09", "2027-03-08", "The end date is before the start date."],
    ["start not a date", "planned", "10/03/2027", null, "Enter the date the drill started as YYYY-MM-DD."],
    ["end not a date", "planned", "2027-03-09", "tomorrow", "Enter the date the drill ended as YYYY-MM-DD."],
    ["already conducted", "conducted", "2027-03-01", null, "Only a planned drill can be recorded as conducted; this one is conducted."],
    ["AAR in review", "aar_review", "2027-03-01", null, "Only a planned drill can be recorded as conducted; this one is after-action report in review."],
    ["AAR approved", "aar_approved", "2027-03-01", null, "Only a planned drill can be recorded as conducted; this one is after-action report approved."],
    ["closed", "closed", "2027-03-01", null, "Only a planned drill can be recorded as conducted; this one is closed."],
    ["cancelled", "cancelled", "2027-03-01", null, "Only a planned drill can be recorded as conducted; this one is cancelled."],
  ])("%s", (_label, status, start, end, expected) => {
    expect(conductRefusal({ status }, start, end, TODAY)).toBe(expected);
  });

  test("a scheduled drill cannot have been held before it was scheduled; the day itself is fine (found by a probe)", () => {
    expect(conductRefusal({ status: "planned", scheduledOn: "2027-03-05" }, "2027-03-04", null, TODAY)).toBe(
      "The start date 2027-03-04 is before this drill was scheduled (2027-03-05): give the date it took place.",
    );
    expect(conductRefusal({ status: "planned", scheduledOn: "2027-03-05" }, "2027-03-05", null, TODAY)).toBeNull();
  });

  test("a new drill is planned for today or later (found by a probe)", () => {
    expect(scheduleRefusal(TODAY, TODAY)).toBeNull();
    expect(scheduleRefusal("2001-01-01", TODAY)).toBe(
      "The planned date 2001-01-01 has passed: schedule the drill for today or later, or record an exercise that took place as a real event.",
    );
  });

  test("the status is checked before the dates", () => {
    expect(conductRefusal({ status: "closed" }, "2099-01-01", "2098-01-01", TODAY)).toMatch(/^Only a planned drill/);
  });
});

describe("aarEditRefusal / objectiveEditRefusal / addItemRefusal", () => {
  const AAR: Record<DrillStatus, string | null> = {
    planned: "Rate objectives and record findings after the drill was conducted.",
    conducted: null,
    aar_review: "The after-action report is in review; return it to draft to change it.",
    aar_approved: "The after-action report is approved and locked.",
    closed: "The after-action report is approved and locked.",
    cancelled: "This drill was cancelled.",
  };
  test.each(ALL)("ratings and findings when %s", (status) => {
    expect(aarEditRefusal({ status })).toBe(AAR[status]);
    expect(addItemRefusal({ status })).toBe(AAR[status]);
  });
  test.each(ALL)("objectives when %s: allowed while planned and conducted", (status) => {
    expect(objectiveEditRefusal({ status })).toBe(status === "planned" ? null : AAR[status]);
  });
});

describe("submitAarRefusal: conducted, every objective rated, an overview", () => {
  const rated = (...r: (ObjectiveRating | null)[]) => r.map((rating) => ({ rating }));
  test.each<[string, DrillStatus, { rating: ObjectiveRating | null }[], string, string | null]>([
    ["ready", "conducted", rated("P", "S", "M", "U"), "Overview", null],
    ["planned", "planned", rated("P"), "Overview", "The after-action report can be submitted only after the drill was conducted."],
    ["already in review", "aar_review", rated("P"), "Overview", "The after-action report is in review; return it to draft to change it."],
    ["approved", "aar_approved", rated("P"), "Overview", "The after-action report is approved and locked."],
    ["closed", "closed", rated("P"), "Overview", "The after-action report is approved and locked."],
    ["cancelled", "cancelled", rated("P"), "Overview", "This drill was cancelled."],
    ["no objectives", "conducted", [], "Overview", "Add at least one objective and rate it before submitting the after-action report."],
    ["one unrated", "conducted", rated("P", null), "Overview", "Rate every objective before submitting: 1 is not rated."],
    ["two unrated", "conducted", rated(null, "M", null), "Overview", "Rate every objective before submitting: 2 are not rated."],
    ["no overview", "conducted", rated("P"), "", "Write the overview of the after-action report before submitting it."],
    ["blank overview", "conducted", rated("P"), "  \n ", "Write the overview of the after-action report before submitting it."],
    ["unrated is reported before the missing overview", "conducted", rated(null), "", "Rate every objective before submitting: 1 is not rated."],
  ])("%s", (_label, status, objectives, summary, expected) => {
    expect(submitAarRefusal({ status }, objectives, summary)).toBe(expected);
  });
});

describe("approveAarRefusal: only in review, never by the submitter or the facilitator", () => {
  const SUBMITTER = 5;
  const FACILITATOR = 6;
  const APPROVER = 7;
  const facts = (status: DrillStatus, over: Partial<DrillFacts> = {}): DrillFacts => ({
    status,
    kind: "exercise",
    facilitatorUserId: FACILITATOR,
    aarSubmittedBy: SUBMITTER,
    ...over,
  });
  test.each<[string, DrillFacts, number, string | null]>([
    ["in review, a third person", facts("aar_review"), APPROVER, null],
    ["a real event without facilitator", facts("aar_review", { kind: "real_event", facilitatorUserId: null }), FACILITATOR, null],
    [
      "planned: before the drill was conducted",
      facts("planned", { aarSubmittedBy: null }),
      APPROVER,
      "The after-action report cannot be approved before the drill was conducted.",
    ],
    [
      "conducted: before submission",
      facts("conducted", { aarSubmittedBy: null }),
      APPROVER,
      "The after-action report has not been submitted for approval yet.",
    ],
    ["already approved", facts("aar_approved"), APPROVER, "The after-action report is already approved."],
    ["closed", facts("closed"), APPROVER, "The after-action report cannot be approved now: the drill is closed."],
    ["cancelled", facts("cancelled", { aarSubmittedBy: null }), APPROVER, "The after-action report cannot be approved now: the drill is cancelled."],
    ["SoD: the submitter", facts("aar_review"), SUBMITTER, "You submitted this after-action report, so someone else must approve it."],
    ["SoD: the facilitator", facts("aar_review"), FACILITATOR, "You facilitated this drill, so someone else must approve its after-action report."],
    [
      "SoD: submitter and facilitator in one person",
      facts("aar_review", { facilitatorUserId: SUBMITTER }),
      SUBMITTER,
      "You submitted this after-action report, so someone else must approve it.",
    ],
  ])("%s", (_label, d, approver, expected) => {
    expect(approveAarRefusal(d, approver)).toBe(expected);
  });
});

describe("returnAarRefusal and cancelRefusal", () => {
  test.each(ALL)("return when %s", (status) => {
    expect(returnAarRefusal({ status }, "Add the OEM call log")).toBe(
      status === "aar_review" ? null : "Only an after-action report in review can be returned.",
    );
  });
  test("return needs a comment", () => {
    expect(returnAarRefusal({ status: "aar_review" }, "   ")).toBe("Say what needs to change when returning the after-action report.");
  });
  test.each(ALL)("cancel when %s", (status) => {
    expect(cancelRefusal({ status }, "Storm")).toBe(status === "planned" ? null : "Only a planned drill can be cancelled.");
  });
  test("cancel needs a reason", () => {
    expect(cancelRefusal({ status: "planned" }, " ")).toBe("Give the reason for cancelling.");
  });
});

describe("itemStatusRefusal: closing needs evidence; closed stays closed", () => {
  const EVIDENCE = "Firewall rule FW-221 deployed; change CHG-0042";
  test.each<[ActionItemStatus, ActionItemStatus, string, string | null]>([
    ["open", "in_progress", "", null],
    ["in_progress", "open", "", null],
    ["open", "closed", EVIDENCE, null],
    ["in_progress", "closed", EVIDENCE, null],
    ["open", "closed", "", "Closing an item requires closure evidence: say what was done and where it can be verified."],
    ["in_progress", "closed", "  \t", "Closing an item requires closure evidence: say what was done and where it can be verified."],
    // Invisible characters only (a zero-width space, a byte-order mark): as empty as nothing (found by a probe).
    ["in_progress", "closed", "\u200b \ufeff", "Closing an item requires closure evidence: say what was done and where it can be verified."],
    ["closed", "open", "", "This item is closed. Closed items stay closed with their evidence."],
    ["closed", "in_progress", EVIDENCE, "This item is closed. Closed items stay closed with their evidence."],
    ["closed", "closed", EVIDENCE, "This item is closed. Closed items stay closed with their evidence."],
  ])("%s → %s", (current, next, evidence, expected) => {
    expect(itemStatusRefusal(current, next, evidence)).toBe(expected);
  });
});

describe("shouldClose: AAR approved and every item closed", () => {
  test.each<[DrillStatus, ActionItemStatus[], boolean]>([
    ["aar_approved", [], true],
    ["aar_approved", ["closed", "closed"], true],
    ["aar_approved", ["closed", "open"], false],
    ["aar_approved", ["in_progress"], false],
    ["aar_review", ["closed"], false],
    ["aar_review", [], false],
    ["conducted", [], false],
    ["planned", [], false],
    ["closed", ["closed"], false],
    ["cancelled", [], false],
  ])("%s with %j → %s", (status, items, expected) => {
    expect(shouldClose({ status }, items)).toBe(expected);
  });
});

describe("isOverdue: not on the due day, from the day after", () => {
  test.each<[ActionItemStatus, string, string, boolean]>([
    ["open", "2027-03-10", "2027-03-09", false],
    ["open", "2027-03-10", "2027-03-10", false],
    ["open", "2027-03-10", "2027-03-11", true],
    ["in_progress", "2027-03-10", "2027-03-11", true],
    ["closed", "2027-03-10", "2027-03-11", false],
    ["open", "2027-02-28", "2027-03-01", true],
  ])("%s item due %s, today %s → %s", (status, dueDate, today, expected) => {
    expect(isOverdue({ status, dueDate }, today)).toBe(expected);
  });
});

describe("countsForCadence: once it took place", () => {
  test.each<[DrillStatus, boolean]>([
    ["planned", false],
    ["cancelled", false],
    ["conducted", true],
    ["aar_review", true],
    ["aar_approved", true],
    ["closed", true],
  ])("%s → %s", (status, expected) => {
    expect(countsForCadence({ status })).toBe(expected);
  });
});
