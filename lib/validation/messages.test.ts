import { describe, expect, test } from "vitest";
import { z } from "zod";
import { addEvidenceSchema, approveAssessmentSchema, saveAnswerSchema } from "./assessments";
import { addFindingSchema, aarSummarySchema, approveAarSchema } from "./drills";
import { approvePlanSchema } from "./plans";
import { setRaciCellSchema as RACI_CELL, signRaciSchema } from "./raci";
import { TEXT_LIMITS, calendarDate } from "./common";

const issues = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("text limits: one per kind, a sentence in the house style (issue 10, item 6)", () => {
  test("a 10,000-character assessment note is refused with a sentence, not validator text", () => {
    const r = saveAnswerSchema.safeParse({
      assessmentId: "1",
      subcategoryId: "GV.OC-01",
      current: "1",
      target: "2",
      expectedVersion: "0",
      notes: "x".repeat(10_000),
    });
    expect(issues(r)).toEqual(["notes: Notes can be at most 5,000 characters. Shorten it: what you typed is still in the field."]);
    expect(issues(r).join()).not.toMatch(/Too big|expected string/);
  });
  test("a drill finding is held to the same limit as every other text", () => {
    const finding = { drillId: "1", kind: "improvement", observation: "y".repeat(TEXT_LIMITS.text + 1) };
    expect(issues(addFindingSchema.safeParse(finding))).toEqual([
      "observation: Observation can be at most 5,000 characters. Shorten it: what you typed is still in the field.",
    ]);
    expect(addFindingSchema.safeParse({ ...finding, observation: "y".repeat(TEXT_LIMITS.text) }).success).toBe(true);
    expect(issues(aarSummarySchema.safeParse({ drillId: "1", aarSummary: "z".repeat(TEXT_LIMITS.longText + 1) }))[0]).toMatch(
      /^aarSummary: The overview can be at most 10,000 characters\./,
    );
  });
});

describe("signature passwords: one sentence, once (issue 10, item 12)", () => {
  test.each([
    ["RACI", signRaciSchema, { versionId: "1", password: "" }],
    ["assessment", approveAssessmentSchema, { assessmentId: "1", password: "" }],
    ["AAR", approveAarSchema, { drillId: "1", password: "" }],
    ["plan", approvePlanSchema, { planId: "1", password: "" }],
  ] as const)("%s approval with an empty password", (_n, schema, input) => {
    expect(issues((schema as typeof signRaciSchema).safeParse(input))).toEqual(["password: Enter your password to sign."]);
  });
});

describe("N/A needs its reason (issue 10, item 5)", () => {
  test("ticking N/A without a reason is refused on the reason field with a sentence", () => {
    const r = saveAnswerSchema.safeParse({
      assessmentId: "1",
      subcategoryId: "GV.OC-01",
      notApplicable: "on",
      naReason: "  ",
      expectedVersion: "0",
      notes: "kept",
    });
    expect(issues(r)).toEqual(["naReason: Say why this subcategory does not apply."]);
  });
});

const RACI_BASE = { scope: "template", activityId: "1", partyId: "1", expectedRevision: "0" };

describe("scores and RACI letters say what to choose (found by a probe)", () => {
  const answer = { assessmentId: "1", subcategoryId: "GV.OC-01", expectedVersion: "0", notes: "" };
  test.each(["4", "-1", "1.5", "abc", "1e0", "0x2"])("score %j", (v) => {
    expect(issues(saveAnswerSchema.safeParse({ ...answer, current: v, target: "" }))).toEqual(["current: Choose a score from 0 to 3, or leave it empty."]);
  });
  test("a real score and an empty one pass", () => {
    expect(saveAnswerSchema.safeParse({ ...answer, current: "2", target: "" })).toMatchObject({ success: true, data: { current: 2, target: null } });
  });
  test.each(["X", "a", "inheritance"])("RACI letter %j", (letter) => {
    const r = RACI_CELL.safeParse({ ...RACI_BASE, letter });
    expect(issues(r)).toEqual(["letter: Choose R, A, C or I for this cell, or leave it empty."]);
  });
});

describe("evidence files (found by a probe)", () => {
  const base = { assessmentId: "1", subcategoryId: "ID.AM-01", body: "", url: "" };
  test("a named empty file is kept for the service to refuse ('The file is empty.'); an unchosen file input is none", () => {
    expect(addEvidenceSchema.safeParse({ ...base, file: new File([], "empty.txt") })).toMatchObject({ success: true, data: { file: expect.any(File) } });
    const none = addEvidenceSchema.safeParse({ ...base, body: "a note", file: new File([], "") });
    expect(none.success && none.data.file).toBeUndefined();
  });
});

test("an empty required date gets one sentence, not also 'not a date' (found by a probe)", () => {
  expect(issues(z.object({ plannedDate: calendarDate("Planned date") }).safeParse({ plannedDate: "" }))).toEqual(["plannedDate: Planned date is required."]);
});
