import { describe, expect, test } from "vitest";
import {
  cellAt,
  diffSnapshots,
  isReattestationDue,
  MEANINGS,
  raciReadOnlyReason,
  raciStatus,
  requiredSigners,
  signedBasis,
  resolveMatrix,
  snapshotOf,
  validateMatrix,
  type CellValue,
  type Letter,
} from "./raci";

const A1 = { id: 1, name: "Patch devices" };
const A2 = { id: 2, name: "Segment the network" };
const acts = [A1, A2].map((a) => ({ ...a, csfRefs: ["PR.PS-02"] }));
const CE = { id: 10, name: "Clinical Engineering", leadUserId: 100, leadName: "Carlos" };
const IT = { id: 11, name: "IT Infrastructure", leadUserId: 101, leadName: "Priya" };
const SEC = { id: 12, name: "Information Security", leadUserId: 102, leadName: "Sam" };
const SUP = { id: 13, name: "Supply Chain", leadUserId: null, leadName: null };
const parties = [CE, IT, SEC, SUP];
const c = (activityId: number, partyId: number, letter: Letter | null): CellValue => ({ activityId, partyId, letter });

const template = [c(1, 10, "R"), c(1, 11, "A"), c(2, 11, "A"), c(2, 10, "R"), c(2, 12, "C")];
const infusion = { classId: 1, className: "Infusion pumps", overrides: [c(1, 12, "I"), c(2, 12, null)] };
const syringe = { classId: 2, className: "Syringe pumps", overrides: [c(1, 10, "A"), c(1, 11, "R")] };

describe("resolveMatrix over template → Infusion pumps → Syringe pumps", () => {
  const m = resolveMatrix(template, [infusion, syringe]);
  test.each([
    // activity, party, letter, source, overriddenHere, inheritedLetter
    [1, 10, "A", "Syringe pumps", true, "R"],
    [1, 11, "R", "Syringe pumps", true, "A"],
    [1, 12, "I", "Infusion pumps", false, "I"],
    [2, 11, "A", "template", false, "A"],
    [2, 12, null, "Infusion pumps", false, null],
    [2, 13, null, "none", false, null],
  ] as const)("activity %i, party %i → %s from %s (overridden here: %s)", (a, p, letter, from, here, inherited) => {
    const cell = cellAt(m, a, p);
    expect(cell.letter).toBe(letter);
    expect(cell.source.kind === "class" ? cell.source.className : cell.source.kind).toBe(from);
    expect(cell.overriddenHere).toBe(here);
    expect(cell.inheritedLetter).toBe(inherited);
  });

  test("the parent alone resolves without the child's overrides; no chain is the template", () => {
    expect(cellAt(resolveMatrix(template, [infusion]), 1, 10).letter).toBe("R");
    expect(cellAt(resolveMatrix(template, []), 2, 12).letter).toBe("C");
  });
});

describe("validateMatrix: every rule with its message", () => {
  test.each([
    ["valid", [c(1, 10, "R"), c(1, 11, "A")], []],
    ["no accountable", [c(1, 10, "R")], ["Patch devices: no party is Accountable"]],
    [
      "two accountable",
      [c(1, 10, "A"), c(1, 11, "A"), c(1, 12, "R")],
      ["Patch devices: two parties are Accountable — Clinical Engineering and IT Infrastructure"],
    ],
    [
      "three accountable",
      [c(1, 10, "A"), c(1, 11, "A"), c(1, 12, "A"), c(1, 13, "R")],
      ["Patch devices: three parties are Accountable — Clinical Engineering, IT Infrastructure and Information Security"],
    ],
    ["no responsible", [c(1, 11, "A"), c(1, 10, "C")], ["Patch devices: no party is Responsible"]],
    ["accountable without lead", [c(1, 13, "A"), c(1, 10, "R")], ["Patch devices: the Accountable party, Supply Chain, has no lead"]],
  ] as const)("%s", (_n, cells, messages) => {
    const m = resolveMatrix(cells as readonly CellValue[], []);
    expect(validateMatrix(m, [A1], parties).map((v) => v.message)).toEqual(messages);
  });
});

describe("requiredSigners", () => {
  test("leads of A and R parties; accountability wins; parties without a lead cannot sign; one leadership approval", () => {
    const plan = requiredSigners([c(1, 10, "R"), c(2, 10, "A"), c(1, 11, "A"), c(1, 12, "C"), c(2, 13, "R")], parties);
    expect(plan.partySigners.map((s) => [s.name, s.meaning])).toEqual([
      ["Carlos", MEANINGS.accountable],
      ["Priya", MEANINGS.accountable],
    ]);
    expect(plan.partiesWithoutLead).toEqual(["Supply Chain"]);
    expect(plan.leadershipApproval).toBe(true);
  });

  test("one person leading two parties signs once, for both", () => {
    const shared = [CE, { ...IT, leadUserId: 100, leadName: "Carlos" }];
    const plan = requiredSigners([c(1, 10, "R"), c(1, 11, "R")], shared);
    expect(plan.partySigners).toHaveLength(1);
    expect(plan.partySigners[0]!.partyNames).toEqual(["Clinical Engineering", "IT Infrastructure"]);
    expect(plan.partySigners[0]!.meaning).toBe(MEANINGS.responsible);
  });
});

describe("diffSnapshots and status", () => {
  const snap = (cells: CellValue[]) => snapshotOf({ id: 2, name: "Syringe pumps" }, resolveMatrix(cells, []), acts, parties);
  const v1 = snap([c(1, 10, "R"), c(1, 11, "A"), c(2, 11, "A")]);
  const v2 = snap([c(1, 10, "R"), c(1, 11, "C"), c(2, 12, "I"), c(2, 11, "A")]);

  test("diff lists added, removed and changed cells in activity order", () => {
    expect(diffSnapshots(v1, v2).map((d) => `${d.activityName}/${d.partyName}: ${d.from}→${d.to}`)).toEqual([
      "Patch devices/IT Infrastructure: A→C",
      "Segment the network/Information Security: null→I",
    ]);
    expect(diffSnapshots(v1, v1)).toEqual([]);
    expect(diffSnapshots(null, v1)).toHaveLength(3);
  });

  const now = new Date("2026-11-28T12:00:00Z");
  const base = {
    hasOwnOverrides: false,
    inReview: false,
    everSubmitted: false,
    effective: null,
    editedSinceEffective: false,
    live: v1,
    reattestMonths: 12,
    now,
  };
  test.each([
    ["no matrix yet", base, "no_matrix"],
    ["own overrides only", { ...base, hasOwnOverrides: true }, "draft"],
    ["in review", { ...base, inReview: true, everSubmitted: true }, "in_review"],
    ["effective", { ...base, everSubmitted: true, effective: { snapshot: v1, lastAttestedAt: "2026-06-01T00:00:00Z" } }, "effective"],
    ["re-attestation due", { ...base, everSubmitted: true, effective: { snapshot: v1, lastAttestedAt: "2025-11-28T12:00:00Z" } }, "reattestation_due"],
    ["edited since effective", { ...base, live: v2, editedSinceEffective: true, effective: { snapshot: v1, lastAttestedAt: "2026-06-01T00:00:00Z" } }, "draft"],
    ["inherited change", { ...base, live: v2, effective: { snapshot: v1, lastAttestedAt: "2026-06-01T00:00:00Z" } }, "changes_pending"],
  ] as const)("%s", (_n, input, expected) => {
    expect(raciStatus(input)).toBe(expected);
  });

  test("re-attestation is due exactly 12 months after the last attestation", () => {
    expect(isReattestationDue("2025-11-28T12:00:00.000Z", 12, new Date("2026-11-28T11:59:59.999Z"))).toBe(false);
    expect(isReattestationDue("2025-11-28T12:00:00.000Z", 12, new Date("2026-11-28T12:00:00.000Z"))).toBe(true);
  });
});

describe("raciReadOnlyReason: the read-only reason, not a column refusal (issue 10, item 14)", () => {
  test.each([
    [{ scope: "class", readOnlyAccess: true, editableColumnCount: 0 }, "Your access is read-only: auditors review every matrix and change none."],
    [{ scope: "template", readOnlyAccess: true, editableColumnCount: 0 }, "Your access is read-only: auditors review every matrix and change none."],
    [{ scope: "class", readOnlyAccess: false, editableColumnCount: 0 }, "You can read this matrix; only the leads of its parties (and admins) change it."],
    [{ scope: "template", readOnlyAccess: false, editableColumnCount: 0 }, "You can read the organization template; only admins change it."],
    [{ scope: "class", readOnlyAccess: false, editableColumnCount: 1 }, null],
    [
      { scope: "class", readOnlyAccess: false, editableColumnCount: 7, inReviewVersionNo: 3 },
      "Version 3 is in review: the matrix cannot change until it is signed or returned to draft.",
    ],
    [{ scope: "class", readOnlyAccess: false, editableColumnCount: 7, archived: true }, "This device class is archived: its matrix is read-only."],
  ] as const)("%j → %s", (facts, want) => {
    expect(raciReadOnlyReason(facts)).toBe(want);
  });
});

describe("signedBasis: a signed child is measured against what is signed above it (issue 10, item 2)", () => {
  const snap = (name: string, cells: { a: number; p: number; l: "R" | "A" | "C" | "I"; from?: string }[]) => ({
    deviceClassId: 2,
    deviceClassName: name,
    activities: [{ id: 1, name: "Patch", csfRefs: [] }],
    parties: [
      { id: 1, name: "CE" },
      { id: 2, name: "IT" },
    ],
    cells: cells.map((c) => ({ activityId: c.a, partyId: c.p, letter: c.l, from: c.from ?? "template", overridden: (c.from ?? "template") !== "template" })),
  });
  const template = [
    { activityId: 1, partyId: 1, letter: "A" as const },
    { activityId: 1, partyId: 2, letter: "R" as const },
  ];
  const chain = (parentLetter: "C" | "I" | null) => [
    { classId: 1, className: "Parent", overrides: parentLetter ? [{ activityId: 1, partyId: 2, letter: parentLetter }] : [] },
    { classId: 2, className: "Child", overrides: [] },
  ];
  const effective = snap("Child", [
    { a: 1, p: 1, l: "A" },
    { a: 1, p: 2, l: "R" },
  ]);
  const basisFor = (parentLetter: "C" | "I" | null, signedParent: ReturnType<typeof snap> | null) => {
    const resolved = resolveMatrix(template, chain(parentLetter));
    const live = snapshotOf({ id: 2, name: "Child" }, resolved, effective.activities, [
      { id: 1, name: "CE", leadUserId: 1 },
      { id: 2, name: "IT", leadUserId: 2 },
    ]);
    return signedBasis({ resolved, live, effective, template, signedAncestors: [signedParent] });
  };
  test("a parent's unsigned draft letter does not count", () => {
    expect(diffSnapshots(effective, basisFor("I", null))).toEqual([]);
  });
  test("the same letter, once signed on the parent, counts", () => {
    expect(
      diffSnapshots(
        effective,
        basisFor(
          "I",
          snap("Parent", [
            { a: 1, p: 1, l: "A" },
            { a: 1, p: 2, l: "I", from: "Parent" },
          ]),
        ),
      ).map((c) => [c.from, c.to]),
    ).toEqual([["R", "I"]]);
  });
  test("a template change counts when no ancestor is signed (the template has no sign-off of its own)", () => {
    const t2 = [
      { activityId: 1, partyId: 1, letter: "A" as const },
      { activityId: 1, partyId: 2, letter: "C" as const },
    ];
    const resolved = resolveMatrix(t2, chain(null));
    const live = snapshotOf({ id: 2, name: "Child" }, resolved, effective.activities, [
      { id: 1, name: "CE", leadUserId: 1 },
      { id: 2, name: "IT", leadUserId: 2 },
    ]);
    expect(diffSnapshots(effective, signedBasis({ resolved, live, effective, template: t2, signedAncestors: [null] })).map((c) => c.to)).toEqual(["C"]);
  });
});
