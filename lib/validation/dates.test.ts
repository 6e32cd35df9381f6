import { describe, expect, test } from "vitest";
import { clock } from "@/lib/clock";
import { addImprovementItemSchema, conductDrillSchema, scheduleDrillSchema } from "./drills";
import { createActionItemSchema } from "./assessments";
import { calendarDate, dateProblem, isCalendarDate } from "./common";
import { auditQuery } from "./audit";
import { parseId, parseQuery, q } from "./query";
import { parseRecallListQuery } from "./recalls";

const shift = (days: number) => {
  const d = new Date(`${clock.today()}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe("one shared date schema: real calendar dates in a plausible range, a sentence per case", () => {
  test.each([
    ["2024-02-29", true],
    ["2025-02-29", false],
    ["2025-02-30", false],
    ["2026-99-99", false],
    ["2026-04-31", false],
    ["2026-4-1", false],
    ["2026-04-01", true],
  ])("isCalendarDate(%s) is %s", (v, ok) => expect(isCalendarDate(v)).toBe(ok));

  test("each case has its own sentence, judged against the day given", () => {
    expect(dateProblem("Start date", "2025-02-30", {}, "2026-06-01")).toBe("Start date 2025-02-30 is not a date on the calendar (check the day and month).");
    expect(dateProblem("Start date", "1900-01-01", {}, "2026-06-01")).toBe("Start date cannot be before 1 January 2000.");
    expect(dateProblem("Due date", "2026-05-31", { min: "today" }, "2026-06-01")).toBe("Due date cannot be in the past (today is 1 June 2026).");
    expect(dateProblem("Due date", "2026-06-01", { min: "today" }, "2026-06-01")).toBeNull();
    expect(dateProblem("Start date", "2026-06-02", { max: "today" }, "2026-06-01")).toBe("Start date cannot be in the future (today is 1 June 2026).");
    expect(dateProblem("Planned date", "2036-06-02", {}, "2026-06-01")).toBe("Planned date cannot be after 1 June 2036.");
    expect(dateProblem("Planned date", "01/06/2026", {}, "2026-06-01")).toBe("Enter planned date as a date (YYYY-MM-DD).");
    expect(calendarDate("Due date").safeParse("").error?.issues[0]?.message).toBe("Due date is required.");
  });

  test("a drill conducted on 30 February or in 1900 is refused with a sentence", () => {
    expect(messages(conductDrillSchema.safeParse({ drillId: "1", actualStart: "2025-02-30" }))).toContain(
      "Start date 2025-02-30 is not a date on the calendar (check the day and month).",
    );
    expect(messages(conductDrillSchema.safeParse({ drillId: "1", actualStart: "1900-01-01" }))).toContain("Start date cannot be before 1 January 2000.");
    expect(conductDrillSchema.safeParse({ drillId: "1", actualStart: shift(-3), actualEnd: shift(-2) }).success).toBe(true);
    expect(messages(scheduleDrillSchema.safeParse({ title: "T", type: "tabletop", siteId: "1", plannedDate: "1900-01-01" }))).toContain(
      "Planned date cannot be before 1 January 2000.",
    );
  });

  test("a new due date is not in the past, for drill improvement items and assessment gap items", () => {
    const item = { findingId: "1", title: "Fix", capabilityElement: "planning", ownerPartyId: "1" };
    expect(messages(addImprovementItemSchema.safeParse({ ...item, dueDate: "1900-01-01" }))[0]).toMatch(/^Due date cannot be in the past \(today is /);
    expect(messages(addImprovementItemSchema.safeParse({ ...item, dueDate: shift(-1) }))[0]).toMatch(/^Due date cannot be in the past/);
    expect(addImprovementItemSchema.safeParse({ ...item, dueDate: clock.today() }).success).toBe(true);
    const gap = { assessmentId: "1", subcategoryId: "GV.OC-01", title: "Fix", ownerPartyId: "1" };
    expect(messages(createActionItemSchema.safeParse({ ...gap, dueDate: "2025-02-30" }))).toEqual([
      "Due date 2025-02-30 is not a date on the calendar (check the day and month).",
    ]);
    expect(createActionItemSchema.safeParse({ ...gap, dueDate: shift(30) }).success).toBe(true);
  });
});

describe("query parameters: one parser per kind, a bad value is dropped with a sentence", () => {
  test("the audit filter names an impossible date instead of failing", () => {
    const { query, problems } = parseQuery(auditQuery, { to: "2026-99-99", from: shift(-2), page: "abc", actorId: "1e3" });
    expect(query).toEqual({ entityType: undefined, entityId: undefined, actorId: undefined, from: shift(-2), to: undefined, page: undefined });
    expect(problems).toEqual([
      'User "1e3" is not a valid choice; it was ignored.',
      "To date 2026-99-99 is not a date on the calendar (check the day and month). The to date filter was ignored.",
      'Page "abc" is not a page number; the first page is shown.',
    ]);
  });

  test.each([
    ["12", 12],
    ["0", null],
    ["-1", null],
    ["1e3", null],
    ["0x10", null],
    [" 5", null],
    ["2147483648", null],
    ["2147483647", 2147483647],
  ])("parseId(%j) → %j", (raw, want) => expect(parseId(raw)).toBe(want));

  test("enums, years and repeated keys", () => {
    const shape = {
      status: q.enum("Status", ["open", "closed"] as const),
      year: q.int("Year", 2000, 2100),
      tags: q.enumList("Tag", ["a", "b"] as const),
      on: q.flag(),
    };
    expect(parseQuery(shape, new URLSearchParams("status=open&year=2031&tags=a&tags=b&on=1"))).toEqual({
      query: { status: "open", year: 2031, tags: ["a", "b"], on: true },
      problems: [],
    });
    const bad = parseQuery(shape, { status: "__proto__", year: "20260", tags: ["a", "z"] });
    expect(bad.query).toEqual({ status: undefined, year: undefined, tags: undefined, on: undefined });
    expect(bad.problems).toHaveLength(3);
  });

  test.each([
    ["7", 7],
    ["none", "none"],
    [undefined, undefined],
    ["", undefined],
  ])("an id or a word: party=%j → %j", (raw, want) => {
    expect(parseQuery({ party: q.idOr("Party", ["none"] as const) }, { party: raw })).toEqual({ query: { party: want }, problems: [] });
  });

  test.each(["None", "1e3", "-1", "nobody"])("an id or a word: party=%j is dropped with a sentence", (raw) => {
    expect(parseQuery({ party: q.idOr("Party", ["none"] as const) }, { party: raw })).toEqual({
      query: { party: undefined },
      problems: [`Party "${raw}" is not a valid choice; it was ignored.`],
    });
  });

  test("the recall list names each bad filter instead of silently dropping it, and keeps the good ones", () => {
    expect(parseRecallListQuery({ class: "I", status: "outstanding", site: "4", party: "none" })).toEqual({
      query: { recallClass: "I", status: "outstanding", site: 4, party: "none" },
      problems: [],
    });
    expect(parseRecallListQuery({})).toEqual({ query: { recallClass: undefined, status: "all", site: null, party: undefined }, problems: [] });
    const bad = parseRecallListQuery({ class: "IV", status: "open", site: "abc", party: "7" });
    expect(bad.query).toEqual({ recallClass: undefined, status: "all", site: null, party: 7 });
    expect(bad.problems).toEqual([
      'Recall class "IV" is not one of the choices; it was ignored.',
      'Status "open" is not one of the choices; it was ignored.',
      'Site "abc" is not a valid choice; it was ignored.',
    ]);
  });
});
