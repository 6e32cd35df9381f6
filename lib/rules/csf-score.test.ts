import { describe, expect, test } from "vitest";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { compareRollups, gapList, isAnswered, rollup, scoreAssessment, type Answer, type Score } from "./csf-score";

const a = (id: string, current: Score | null, target: Score | null, na = false): Answer => ({ subcategoryId: id, current, target, notApplicable: na });

describe("CSF scoring", () => {
  test.each([
    ["all answered", [a("X-1", 1, 3), a("X-2", 2, 3)], { current: 1.5, target: 3, gap: 1.5, answered: 2, applicable: 2 }],
    ["N/A is excluded, not zero", [a("X-1", 3, 3), a("X-2", null, null, true)], { current: 3, target: 3, gap: 0, answered: 2, applicable: 1 }],
    ["unanswered is excluded and not counted as answered", [a("X-1", 2, 2)], { current: 2, target: 2, gap: 0, answered: 1, applicable: 2 }],
    ["a current score without a target is not answered", [a("X-1", 2, null), a("X-2", 0, 1)], { current: 0, target: 1, gap: 1, answered: 1, applicable: 2 }],
    ["nothing scored", [a("X-1", null, null, true), a("X-2", null, null, true)], { current: null, target: null, gap: null, answered: 2, applicable: 0 }],
    ["thirds round to two decimals", [a("X-1", 1, 2), a("X-2", 1, 2), a("X-3", 2, 3)], { current: 1.33, target: 2.33, gap: 1 }],
  ] as const)("%s", (_n, answers, expected) => {
    const ids = answers.length === 3 ? ["X-1", "X-2", "X-3"] : ["X-1", "X-2"];
    expect(rollup("X", ids, new Map(answers.map((x) => [x.subcategoryId, x])))).toMatchObject(expected);
  });

  test("roll-ups over the real catalog: 22 categories, 6 functions, overall counts all 106", () => {
    const s = scoreAssessment({ functions: CSF_FUNCTIONS }, [a("GV.RR-02", 1, 3), a("ID.AM-01", 2, 3), a("ID.AM-02", null, null, true)]);
    expect(s.categories).toHaveLength(22);
    expect(s.functions.map((f) => f.id)).toEqual(["GV", "ID", "PR", "DE", "RS", "RC"]);
    expect(s.functions.find((f) => f.id === "ID")).toMatchObject({ current: 2, target: 3, answered: 2, applicable: 20, total: 21 });
    expect(s.overall).toMatchObject({ current: 1.5, target: 3, total: 106, answered: 3 });
  });

  test("gap list: largest gap first, then criticality, then id; N/A and met targets left out", () => {
    const crit = (id: string) => (id === "PR.PS-02" ? 5 : 1);
    const gaps = gapList(
      [a("ID.AM-01", 2, 3), a("PR.PS-02", 2, 3), a("GV.RR-02", 0, 3), a("DE.CM-01", 3, 3), a("RS.MI-01", null, null, true), a("PR.IR-01", 1, 2)],
      crit,
    );
    expect(gaps.map((g) => `${g.subcategoryId}:${g.gap}`)).toEqual(["GV.RR-02:3", "PR.PS-02:1", "ID.AM-01:1", "PR.IR-01:1"]);
  });

  test("comparison with the previous approved assessment", () => {
    const prev = [rollup("GV", ["A"], new Map([["A", a("A", 1, 3)]])), rollup("ID", ["B"], new Map())];
    const now = [rollup("GV", ["A"], new Map([["A", a("A", 2, 3)]])), rollup("ID", ["B"], new Map([["B", a("B", 1, 2)]]))];
    expect(compareRollups(prev, now)).toEqual([
      { id: "GV", before: 1, after: 2, change: 1 },
      { id: "ID", before: null, after: 1, change: null },
    ]);
  });

  test("isAnswered", () => {
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered(a("A", null, null, true))).toBe(true);
    expect(isAnswered(a("A", 1, null))).toBe(false);
  });
});
