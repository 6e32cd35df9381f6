import { describe, expect, it } from "vitest";
import {
  addMonths,
  daysBetween,
  DUE_SOON_DAYS,
  evaluateCms,
  evaluateJointCommission,
  evaluatePlanCadence,
  evaluateSiteCadence,
  EXERCISE_TYPE_LABELS,
  EXERCISE_TYPES,
  isOperationsBased,
  worstState,
  type CadencePlan,
  type CadenceRecord,
  type CadenceResult,
  type CadenceState,
  type ExerciseType,
} from "./cadence";

// ---------------------------------------------------------------------------------------------
// Fixture helpers: explicit ids so countedIds can be checked.
// ---------------------------------------------------------------------------------------------
const ex = (id: number, type: ExerciseType, date: string, planIds: number[] = []): CadenceRecord => ({ id, kind: "exercise", type, date, planIds });
const ev = (id: number, date: string, planIds: number[] = []): CadenceRecord => ({ id, kind: "real_event", type: null, date, planIds });

const TODAY = "2026-09-15";
const OVERDUE: Partial<CadenceResult> = { state: "overdue", daysLeft: null, lapsesOn: null, countedIds: [], exempt: false };

describe("date helpers", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-02-29", -12, "2023-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2026-01-15", -1, "2025-12-15"],
    ["2026-01-31", -13, "2024-12-31"],
    ["2026-05-10", 0, "2026-05-10"],
  ])("addMonths(%s, %i) = %s", (date, months, expected) => expect(addMonths(date, months)).toBe(expected));

  it.each([
    ["2026-01-01", "2026-01-01", 0],
    ["2026-01-01", "2027-01-01", 365],
    ["2024-01-01", "2025-01-01", 366],
    ["2026-03-02", "2026-03-01", -1],
    ["2024-02-28", "2024-03-01", 2],
    ["1970-01-01", "2000-03-01", 11017],
  ])("daysBetween(%s, %s) = %i", (from, to, expected) => expect(daysBetween(from, to)).toBe(expected));

  it.each([["2026-02-30"], ["2026-13-01"], ["26-01-01"], ["2026-01-01T00:00:00Z"]])("refuses %s", (bad) => {
    expect(() => addMonths(bad, 1)).toThrow(RangeError);
    expect(() => daysBetween(bad, "2026-01-01")).toThrow(RangeError);
  });

  it("labels and kinds", () => {
    expect(EXERCISE_TYPES.map((t) => EXERCISE_TYPE_LABELS[t])).toEqual([
      "Seminar",
      "Workshop",
      "Tabletop exercise",
      "Game",
      "Drill",
      "Functional exercise",
      "Full-scale exercise",
    ]);
    expect(EXERCISE_TYPES.filter(isOperationsBased)).toEqual(["drill", "functional", "full_scale"]);
  });
});

type Case = [string, string, CadenceRecord[], Partial<CadenceResult>];

describe("CMS 42 CFR 482.15(d)(2)", () => {
  it.each<Case>([
    [
      "functional + tabletop: met",
      TODAY,
      [ex(1, "functional", "2026-03-02"), ex(2, "tabletop", "2026-06-10")],
      { state: "met", daysLeft: 168, lapsesOn: "2027-03-02", overdueSince: null, exempt: false, countedIds: [1, 2] },
    ],
    [
      "exactly 12 months: the boundary day still counts",
      TODAY,
      [ex(1, "functional", "2025-09-15"), ex(2, "tabletop", "2026-01-10")],
      { state: "due", daysLeft: 0, lapsesOn: TODAY, countedIds: [1, 2] },
    ],
    [
      "one day after the boundary: lapsed",
      "2026-09-16",
      [ex(1, "functional", "2025-09-15"), ex(2, "tabletop", "2026-01-10")],
      { ...OVERDUE, overdueSince: "2026-09-16" },
    ],
    [
      "one day too old: does not count",
      TODAY,
      [ex(1, "functional", "2025-09-14"), ex(2, "tabletop", "2026-01-10")],
      { ...OVERDUE, overdueSince: "2026-09-15" },
    ],
    [
      "a drill on the boundary day counts as the second exercise",
      TODAY,
      [ex(1, "full_scale", "2026-02-01"), ex(2, "drill", "2025-09-15")],
      { state: "due", daysLeft: 0, lapsesOn: TODAY, countedIds: [1, 2] },
    ],
    ["a future-dated record is ignored", TODAY, [ex(1, "functional", "2026-03-02"), ex(2, "tabletop", "2026-10-01")], { ...OVERDUE, overdueSince: null }],
    [
      "seminars and games do not count for CMS",
      TODAY,
      [ex(1, "functional", "2026-03-02"), ex(2, "seminar", "2026-04-01"), ex(3, "game", "2026-05-01")],
      { ...OVERDUE, overdueSince: null },
    ],
    [
      "tabletop, drill and workshop cannot fill the full-scale/functional slot",
      TODAY,
      [ex(1, "tabletop", "2026-03-02"), ex(2, "tabletop", "2026-04-01"), ex(3, "drill", "2026-05-01"), ex(4, "workshop", "2026-06-01")],
      { ...OVERDUE, overdueSince: null },
    ],
    ["a single full-scale exercise alone is not two exercises", TODAY, [ex(1, "full_scale", "2026-03-02")], { ...OVERDUE, overdueSince: null }],
    [
      "two full-scale exercises are two different exercises",
      TODAY,
      [ex(1, "full_scale", "2026-03-02"), ex(2, "full_scale", "2026-07-01")],
      { state: "met", lapsesOn: "2027-03-02", countedIds: [1, 2] },
    ],
    [
      "a real event exempts the full-scale/functional exercise",
      TODAY,
      [ev(1, "2026-05-01"), ex(2, "tabletop", "2026-06-10")],
      { state: "met", daysLeft: 228, lapsesOn: "2027-05-01", exempt: true, countedIds: [1, 2] },
    ],
    [
      "a real event sits in slot a, the full-scale exercise in slot b",
      TODAY,
      [ex(1, "full_scale", "2026-03-02"), ev(2, "2026-05-01")],
      { state: "met", lapsesOn: "2027-03-02", exempt: true, countedIds: [2, 1] },
    ],
    ["two real events still lack the second exercise", TODAY, [ev(1, "2026-05-01"), ev(2, "2026-07-01")], { ...OVERDUE, overdueSince: null }],
    ["a real event does not count as the second exercise", TODAY, [ev(1, "2026-05-01"), ex(2, "seminar", "2026-06-01")], { ...OVERDUE, overdueSince: null }],
    [
      "an exemption about to lapse",
      TODAY,
      [ev(1, "2025-10-01"), ex(2, "tabletop", "2026-06-10")],
      { state: "due", daysLeft: 16, lapsesOn: "2026-10-01", exempt: true, countedIds: [1, 2] },
    ],
    [
      "a second real event extends the exemption",
      TODAY,
      [ev(1, "2025-10-01"), ex(2, "tabletop", "2026-06-10"), ev(3, "2026-05-01")],
      { state: "met", daysLeft: 228, lapsesOn: "2027-05-01", exempt: true, countedIds: [3, 2] },
    ],
    [
      "an exercise is preferred to a real event when both last as long",
      TODAY,
      [ev(1, "2026-05-01"), ex(2, "functional", "2026-05-01"), ex(3, "tabletop", "2026-06-10")],
      { state: "met", lapsesOn: "2027-05-01", exempt: false, countedIds: [2, 3] },
    ],
    [
      "the best pair is chosen (latest lapse)",
      TODAY,
      [ex(1, "functional", "2025-10-01"), ex(2, "functional", "2026-02-01"), ex(3, "drill", "2026-01-20"), ex(4, "workshop", "2025-11-01")],
      { state: "met", daysLeft: 127, lapsesOn: "2027-01-20", countedIds: [2, 3] },
    ],
    [
      `lapsing in ${DUE_SOON_DAYS} days is due`,
      TODAY,
      [ex(1, "functional", "2025-11-14"), ex(2, "tabletop", "2026-01-01")],
      { state: "due", daysLeft: 60, lapsesOn: "2026-11-14" },
    ],
    [
      `lapsing in ${DUE_SOON_DAYS + 1} days is met`,
      TODAY,
      [ex(1, "functional", "2025-11-15"), ex(2, "tabletop", "2026-01-01")],
      { state: "met", daysLeft: 61, lapsesOn: "2026-11-15" },
    ],
    [
      "lapsed long ago: overdue since the day after",
      TODAY,
      [ex(1, "functional", "2025-03-01"), ex(2, "tabletop", "2025-04-01")],
      { ...OVERDUE, overdueSince: "2026-03-02" },
    ],
    [
      "leap day: a record of 29 Feb counts until 28 Feb next year",
      "2025-02-28",
      [ex(1, "functional", "2024-02-29"), ex(2, "tabletop", "2024-06-01")],
      { state: "due", daysLeft: 0, lapsesOn: "2025-02-28" },
    ],
    [
      "leap day: a record of 28 Feb lapsed the day before 29 Feb",
      "2028-02-29",
      [ex(1, "functional", "2027-02-28"), ex(2, "tabletop", "2027-06-01")],
      { ...OVERDUE, overdueSince: "2028-02-29" },
    ],
    ["nothing on record", TODAY, [], { ...OVERDUE, overdueSince: null }],
  ])("%s", (_name, today, records, expected) => {
    const r = evaluateCms(today, records);
    expect(r).toMatchObject({ ruleId: "cms", ruleName: "CMS emergency preparedness exercises", source: "42 CFR 482.15(d)(2)", ...expected });
    expect(r.sentence).toContain("42 CFR 482.15(d)(2)");
  });

  it("sentences say what is met, exempt, due or missing", () => {
    const met = evaluateCms(TODAY, [ex(1, "functional", "2026-03-02"), ex(2, "tabletop", "2026-06-10")]).sentence;
    expect(met).toMatch(/^Met: /);
    expect(met).toContain("functional exercise of 2026-03-02");
    expect(met).toContain("tabletop exercise of 2026-06-10");
    expect(met).toContain("until 2027-03-02");

    const exempt = evaluateCms(TODAY, [ev(1, "2026-05-01"), ex(2, "tabletop", "2026-06-10")]).sentence;
    expect(exempt).toContain("real event of 2026-05-01");
    expect(exempt).toContain("exempts the full-scale/functional exercise until 2027-05-01");

    const due = evaluateCms(TODAY, [ev(1, "2025-10-01"), ex(2, "tabletop", "2026-06-10")]).sentence;
    expect(due).toMatch(/^Due in 16 days: /);
    expect(evaluateCms(TODAY, [ex(1, "functional", "2025-09-15"), ex(2, "tabletop", "2026-01-10")]).sentence).toMatch(/^Due today: /);

    const noSecond = evaluateCms(TODAY, [ex(1, "full_scale", "2026-03-02")]).sentence;
    expect(noSecond).toMatch(/^Overdue: /);
    expect(noSecond).toContain("no second exercise of a listed kind");
    expect(noSecond).toContain("never been met");

    const twoEvents = evaluateCms(TODAY, [ev(1, "2026-05-01"), ev(2, "2026-07-01")]).sentence;
    expect(twoEvents).toContain("no second exercise");
    expect(twoEvents).toContain("real event");

    const seminars = evaluateCms(TODAY, [ex(1, "seminar", "2026-03-02"), ex(2, "game", "2026-04-01")]).sentence;
    expect(seminars).toContain("seminars and games do not count");

    const noSlotA = evaluateCms(TODAY, [ex(1, "tabletop", "2026-03-02"), ex(2, "drill", "2026-04-01")]).sentence;
    expect(noSlotA).toContain("no full-scale or functional exercise");

    const lapsed = evaluateCms(TODAY, [ex(1, "functional", "2025-03-01"), ex(2, "tabletop", "2025-04-01")]).sentence;
    expect(lapsed).toMatch(/^Overdue since 2026-03-02: /);
    expect(lapsed).toContain("counted until 2026-03-01");
  });
});

describe("The Joint Commission EM (since July 2022)", () => {
  it.each<Case>([
    [
      "drill + tabletop: met",
      TODAY,
      [ex(1, "drill", "2026-03-02"), ex(2, "tabletop", "2026-06-10")],
      { state: "met", lapsesOn: "2027-03-02", countedIds: [1, 2] },
    ],
    [
      "two tabletops have no operations-based exercise",
      TODAY,
      [ex(1, "tabletop", "2026-03-02"), ex(2, "tabletop", "2026-06-10")],
      { ...OVERDUE, overdueSince: null },
    ],
    ["a game counts as the second exercise", TODAY, [ex(1, "game", "2026-03-02"), ex(2, "functional", "2026-06-10")], { state: "met", countedIds: [2, 1] }],
    [
      "a real event counts as the operations-based exercise",
      TODAY,
      [ev(1, "2026-05-01"), ex(2, "seminar", "2026-06-10")],
      { state: "met", lapsesOn: "2027-05-01", exempt: false, countedIds: [1, 2] },
    ],
    [
      "a real event and a drill: the drill is the second exercise",
      TODAY,
      [ex(1, "drill", "2026-03-02"), ev(2, "2026-05-01")],
      { state: "met", countedIds: [2, 1] },
    ],
    ["two real events lack the second exercise", TODAY, [ev(1, "2026-05-01"), ev(2, "2026-07-01")], { ...OVERDUE, overdueSince: null }],
    ["a single drill alone is not two exercises", TODAY, [ex(1, "drill", "2026-03-02")], { ...OVERDUE, overdueSince: null }],
    [
      "exactly 12 months: the boundary day still counts",
      TODAY,
      [ex(1, "drill", "2025-09-15"), ex(2, "seminar", "2026-02-01")],
      { state: "due", daysLeft: 0, lapsesOn: TODAY },
    ],
    ["one day later it lapses", "2026-09-16", [ex(1, "drill", "2025-09-15"), ex(2, "seminar", "2026-02-01")], { ...OVERDUE, overdueSince: "2026-09-16" }],
  ])("%s", (_name, today, records, expected) => {
    const r = evaluateJointCommission(today, records);
    expect(r).toMatchObject({ ruleId: "tjc", source: "The Joint Commission EM standards (since July 2022)", ...expected });
    expect(r.sentence).toContain("Joint Commission");
  });

  it("sentences", () => {
    const event = evaluateJointCommission(TODAY, [ev(1, "2026-05-01"), ex(2, "seminar", "2026-06-10")]).sentence;
    expect(event).toMatch(/^Met: /);
    expect(event).toContain("counts as the operations-based exercise");
    expect(evaluateJointCommission(TODAY, [ex(1, "tabletop", "2026-03-02"), ex(2, "tabletop", "2026-06-10")]).sentence).toContain(
      "no operations-based exercise",
    );
    expect(evaluateJointCommission(TODAY, [ex(1, "drill", "2026-03-02")]).sentence).toContain("no second exercise");
  });
});

describe("each plan exercised every N months", () => {
  const plan = (over: Partial<CadencePlan> = {}): CadencePlan => ({
    id: 7,
    title: "Ransomware downtime",
    intervalMonths: 12,
    firstApprovedOn: "2026-03-01",
    ...over,
  });

  it.each<[string, CadencePlan, CadenceRecord[], Partial<CadenceResult>]>([
    [
      "never exercised within its first interval: due, not overdue",
      plan(),
      [],
      { state: "due", daysLeft: 167, lapsesOn: "2027-03-01", overdueSince: null, countedIds: [] },
    ],
    [
      "exercised by a drill naming it",
      plan(),
      [ex(1, "drill", "2026-04-01", [7, 8])],
      { state: "met", daysLeft: 198, lapsesOn: "2027-04-01", countedIds: [1] },
    ],
    ["a drill that tested another plan does not count", plan(), [ex(1, "drill", "2026-04-01", [8])], { state: "due", lapsesOn: "2027-03-01", countedIds: [] }],
    ["a real event that activated it counts", plan(), [ev(1, "2026-06-10", [7])], { state: "met", lapsesOn: "2027-06-10", countedIds: [1] }],
    [
      "the latest record counts",
      plan(),
      [ex(1, "tabletop", "2026-04-01", [7]), ex(2, "seminar", "2026-06-10", [7])],
      { state: "met", lapsesOn: "2027-06-10", countedIds: [2] },
    ],
    ["a future-dated drill is ignored", plan(), [ex(1, "drill", "2026-10-01", [7])], { state: "due", lapsesOn: "2027-03-01", countedIds: [] }],
    [
      "lapsed: overdue since the day after",
      plan({ firstApprovedOn: "2024-01-10" }),
      [ex(1, "drill", "2025-06-01", [7])],
      { ...OVERDUE, overdueSince: "2026-06-02" },
    ],
    ["never exercised past its first interval: overdue", plan({ firstApprovedOn: "2025-01-10" }), [], { ...OVERDUE, overdueSince: "2026-01-11" }],
    [
      "6-month interval: exercised exactly 6 months ago, lapses today",
      plan({ intervalMonths: 6, firstApprovedOn: "2025-01-10" }),
      [ex(1, "drill", "2026-03-15", [7])],
      { state: "due", daysLeft: 0, lapsesOn: TODAY, countedIds: [1] },
    ],
    [
      "6-month interval: one day more and it is overdue",
      plan({ intervalMonths: 6, firstApprovedOn: "2025-01-10" }),
      [ex(1, "drill", "2026-03-14", [7])],
      { ...OVERDUE, overdueSince: "2026-09-15" },
    ],
    [
      "an exercise before the first approval does not shorten the first interval",
      plan(),
      [ex(1, "drill", "2025-12-01", [7])],
      { state: "due", lapsesOn: "2027-03-01", countedIds: [] },
    ],
    [
      "an invalid interval falls back to 12 months",
      plan({ intervalMonths: 0 }),
      [ex(1, "drill", "2026-04-01", [7])],
      { lapsesOn: "2027-04-01", source: "Hospital policy: every plan exercised every 12 months" },
    ],
  ])("%s", (_name, p, records, expected) => {
    const r = evaluatePlanCadence(TODAY, p, records);
    expect(r).toMatchObject({ ruleId: "plan:7", ruleName: "Plan exercised: Ransomware downtime", exempt: false, ...expected });
    expect(r.sentence).toContain("Ransomware downtime");
    expect(r.sentence).toContain("Hospital policy");
  });

  it("sentences", () => {
    expect(evaluatePlanCadence(TODAY, plan(), []).sentence).toMatch(/^Due in 167 days: .*not been exercised since it was first approved on 2026-03-01/);
    expect(evaluatePlanCadence(TODAY, plan({ intervalMonths: 6 }), []).source).toBe("Hospital policy: every plan exercised every 6 months");
    expect(evaluatePlanCadence(TODAY, plan({ firstApprovedOn: "2024-01-10" }), [ex(1, "drill", "2025-06-01", [7])]).sentence).toMatch(
      /^Overdue since 2026-06-02: .*drill of 2025-06-01/,
    );
  });
});

describe("site", () => {
  const records = [ex(1, "functional", "2026-03-02", [1]), ex(2, "tabletop", "2026-06-10", [2])];
  const plans: CadencePlan[] = [
    { id: 1, title: "Zeta: infusion pump isolation", intervalMonths: 12, firstApprovedOn: "2025-01-01" },
    { id: 2, title: "Alpha: ransomware downtime", intervalMonths: 12, firstApprovedOn: "2025-01-01" },
  ];

  it.each([
    [{ cms: false, jointCommission: false, perPlan: false }, []],
    [{ cms: true, jointCommission: false, perPlan: false }, ["cms"]],
    [{ cms: false, jointCommission: true, perPlan: false }, ["tjc"]],
    [{ cms: false, jointCommission: false, perPlan: true }, ["plan:2", "plan:1"]],
    [{ cms: true, jointCommission: true, perPlan: true }, ["cms", "tjc", "plan:2", "plan:1"]],
  ])("settings %o apply %o", (settings, ids) => {
    expect(evaluateSiteCadence({ today: TODAY, records, plans, settings }).map((r) => r.ruleId)).toEqual(ids);
  });

  it("per-plan rules with no plans give nothing", () => {
    expect(evaluateSiteCadence({ today: TODAY, records, plans: [], settings: { cms: false, jointCommission: false, perPlan: true } })).toEqual([]);
  });

  it("every result names its source", () => {
    const all = evaluateSiteCadence({ today: TODAY, records, plans, settings: { cms: true, jointCommission: true, perPlan: true } });
    expect(all.map((r) => r.source)).toEqual([
      "42 CFR 482.15(d)(2)",
      "The Joint Commission EM standards (since July 2022)",
      "Hospital policy: every plan exercised every 12 months",
      "Hospital policy: every plan exercised every 12 months",
    ]);
    expect(all.map((r) => r.state)).toEqual(["met", "met", "met", "met"]);
  });

  const result = (state: CadenceState) => ({ state }) as CadenceResult;
  it.each<[CadenceState[], CadenceState | null]>([
    [[], null],
    [["met"], "met"],
    [["met", "due", "met"], "due"],
    [["due", "overdue", "met"], "overdue"],
    [["overdue", "due"], "overdue"],
  ])("worstState(%o) = %s", (states, expected) => expect(worstState(states.map(result))).toBe(expected));
});
