import { describe, expect, test } from "vitest";
import {
  sameLetters,
  cellAt,
  diffSnapshots,
  isReattestationDue,
  joinNames,
  MEANINGS,
  raciStatus,
  requiredSigners,
  resolveMatrix,
  snapshotOf,
  validateMatrix,
  type CellSource,
  type CellValue,
  type ClassOverrides,
  type Letter,
  type PartyRef,
  type RaciSnapshot,
  type RaciStatus,
} from "./raci";

// ---------------------------------------------------------------------------------------------
// Fixture: three activities, five parties (two without a lead), a template and two levels of class.
// ---------------------------------------------------------------------------------------------
const PATCH = { id: 1, name: "Patch devices", csfRefs: ["PR.PS-02"] };
const SEGMENT = { id: 2, name: "Segment the network", csfRefs: ["PR.IR-01"] };
const RECALL = { id: 3, name: "Handle recalls", csfRefs: ["ID.AM-08"] };
const ACTIVITIES = [PATCH, SEGMENT, RECALL];

const CE: PartyRef = { id: 10, name: "Clinical Engineering", leadUserId: 100, leadName: "Carlos Estrada" };
const IT: PartyRef = { id: 11, name: "IT Infrastructure", leadUserId: 101, leadName: "Priya Natarajan" };
const SEC: PartyRef = { id: 12, name: "Information Security", leadUserId: 102, leadName: "Sam Okafor" };
const SUP: PartyRef = { id: 13, name: "Supply Chain", leadUserId: null, leadName: null };
const CLIN: PartyRef = { id: 14, name: "Clinical Department Owner", leadUserId: null, leadName: null };
const PARTIES = [CE, IT, SEC, SUP, CLIN];

const c = (activityId: number, partyId: number, letter: Letter | null): CellValue => ({ activityId, partyId, letter });

const TEMPLATE: CellValue[] = [
  c(PATCH.id, CE.id, "R"),
  c(PATCH.id, IT.id, "A"),
  c(PATCH.id, SEC.id, "I"),
  c(SEGMENT.id, IT.id, "A"),
  c(SEGMENT.id, CE.id, "R"),
  c(SEGMENT.id, SEC.id, "C"),
  c(RECALL.id, CE.id, "A"),
  c(RECALL.id, CLIN.id, "R"),
  c(RECALL.id, SUP.id, "C"),
];

const INFUSION: ClassOverrides = {
  classId: 1,
  className: "Infusion pumps",
  overrides: [
    c(PATCH.id, SEC.id, "C"), // changes the template's I
    c(SEGMENT.id, SEC.id, null), // removes the template's C
    c(RECALL.id, IT.id, "I"), // adds a letter the template does not have
  ],
};
const SYRINGE: ClassOverrides = {
  classId: 2,
  className: "Syringe pumps",
  overrides: [
    c(PATCH.id, CE.id, "A"), // swaps the template's R…
    c(PATCH.id, IT.id, "R"), // …and A
    c(SEGMENT.id, SEC.id, "I"), // re-sets what the parent removed
    c(RECALL.id, IT.id, null), // removes the parent's letter
    c(RECALL.id, SUP.id, null), // removes the template's letter
  ],
};

const TPL: CellSource = { kind: "template" };
const NONE: CellSource = { kind: "none" };
const INF: CellSource = { kind: "class", classId: 1, className: "Infusion pumps" };
const SYR: CellSource = { kind: "class", classId: 2, className: "Syringe pumps" };
const sourceName = (s: CellSource) => (s.kind === "class" ? s.className : s.kind);

describe("resolveMatrix: template → Infusion pumps → Syringe pumps", () => {
  const syringe = resolveMatrix(TEMPLATE, [INFUSION, SYRINGE]);

  test.each([
    // activity, party, letter, source, overriddenHere, inheritedLetter, inheritedSource
    ["template R, overridden here to A", PATCH.id, CE.id, "A", SYR, true, "R", TPL],
    ["template A, overridden here to R", PATCH.id, IT.id, "R", SYR, true, "A", TPL],
    ["template I, changed by the parent", PATCH.id, SEC.id, "C", INF, false, "C", INF],
    ["plain template letter", SEGMENT.id, IT.id, "A", TPL, false, "A", TPL],
    ["plain template letter (R)", SEGMENT.id, CE.id, "R", TPL, false, "R", TPL],
    ["parent removed it, set again here", SEGMENT.id, SEC.id, "I", SYR, true, null, INF],
    ["parent added a letter, removed here", RECALL.id, IT.id, null, SYR, true, "I", INF],
    ["template letter removed here", RECALL.id, SUP.id, null, SYR, true, "C", TPL],
    ["nothing anywhere", SEGMENT.id, SUP.id, null, NONE, false, null, NONE],
    ["template letter from a party without a lead", RECALL.id, CLIN.id, "R", TPL, false, "R", TPL],
  ] as const)("%s (activity %i, party %i)", (_label, a, p, letter, source, here, inheritedLetter, inheritedSource) => {
    const cell = cellAt(syringe, a, p);
    expect(cell).toEqual({ activityId: a, partyId: p, letter, source, overriddenHere: here, inheritedLetter, inheritedSource });
  });

  test.each([
    // the parent's own view of the same cells
    ["its own change of the template", PATCH.id, SEC.id, "C", "Infusion pumps", true, "I", "template"],
    ["its own removal of the template's letter", SEGMENT.id, SEC.id, null, "Infusion pumps", true, "C", "template"],
    ["its own addition", RECALL.id, IT.id, "I", "Infusion pumps", true, null, "none"],
    ["a child's override does not leak upwards", PATCH.id, CE.id, "R", "template", false, "R", "template"],
  ] as const)("Infusion pumps alone: %s", (_label, a, p, letter, from, here, inheritedLetter, inheritedFrom) => {
    const cell = cellAt(resolveMatrix(TEMPLATE, [INFUSION]), a, p);
    expect([cell.letter, sourceName(cell.source), cell.overriddenHere, cell.inheritedLetter, sourceName(cell.inheritedSource)]).toEqual([
      letter,
      from,
      here,
      inheritedLetter,
      inheritedFrom,
    ]);
  });

  test.each([
    ["reset of an override on the template's letter", c(PATCH.id, CE.id, null), "R", "template"],
    ["reset of a re-set of a letter the parent removed", c(SEGMENT.id, SEC.id, null), null, "Infusion pumps"],
    ["reset of a removal of the parent's letter", c(RECALL.id, IT.id, null), "I", "Infusion pumps"],
  ] as const)("reset (no override row): %s inherits again", (_label, cell, letter, from) => {
    const reset: ClassOverrides = { ...SYRINGE, overrides: SYRINGE.overrides.filter((o) => !(o.activityId === cell.activityId && o.partyId === cell.partyId)) };
    const got = cellAt(resolveMatrix(TEMPLATE, [INFUSION, reset]), cell.activityId, cell.partyId);
    expect(got.letter).toBe(letter);
    expect(sourceName(got.source)).toBe(from);
    expect(got.overriddenHere).toBe(false);
    expect(got.inheritedLetter).toBe(letter);
  });

  test("an empty chain resolves the template alone; template letters are never overriddenHere", () => {
    const m = resolveMatrix(TEMPLATE, []);
    expect([...m.values()].every((v) => v.source.kind === "template" && !v.overriddenHere)).toBe(true);
    expect(m.size).toBe(TEMPLATE.length);
  });

  test("an empty class at the bottom of the chain inherits its parent entirely", () => {
    const leaf: ClassOverrides = { classId: 3, className: "Leaf", overrides: [] };
    const parent = resolveMatrix(TEMPLATE, [INFUSION, SYRINGE]);
    const child = resolveMatrix(TEMPLATE, [INFUSION, SYRINGE, leaf]);
    for (const a of ACTIVITIES) {
      for (const p of PARTIES) {
        const x = cellAt(child, a.id, p.id);
        expect(x.letter).toBe(cellAt(parent, a.id, p.id).letter);
        expect(x.overriddenHere).toBe(false);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe("validateMatrix: every rule with its exact message", () => {
  const one = (cells: CellValue[], parties: PartyRef[] = PARTIES) => validateMatrix(resolveMatrix(cells, []), [PATCH], parties);

  test.each([
    ["a valid row", [c(1, CE.id, "R"), c(1, IT.id, "A")], []],
    ["no Accountable", [c(1, CE.id, "R"), c(1, IT.id, "C")], [["no_accountable", "Patch devices: no party is Accountable"]]],
    [
      "two Accountable",
      [c(1, CE.id, "A"), c(1, IT.id, "A"), c(1, SEC.id, "R")],
      [["multiple_accountable", "Patch devices: two parties are Accountable — Clinical Engineering and IT Infrastructure"]],
    ],
    [
      "three Accountable",
      [c(1, CE.id, "A"), c(1, IT.id, "A"), c(1, SEC.id, "A"), c(1, SUP.id, "R")],
      [["multiple_accountable", "Patch devices: three parties are Accountable — Clinical Engineering, IT Infrastructure and Information Security"]],
    ],
    [
      "four Accountable",
      [c(1, CE.id, "A"), c(1, IT.id, "A"), c(1, SEC.id, "A"), c(1, SUP.id, "A"), c(1, CLIN.id, "R")],
      [
        [
          "multiple_accountable",
          "Patch devices: four parties are Accountable — Clinical Engineering, IT Infrastructure, Information Security and Supply Chain",
        ],
      ],
    ],
    ["no Responsible", [c(1, IT.id, "A"), c(1, CE.id, "C"), c(1, SEC.id, "I")], [["no_responsible", "Patch devices: no party is Responsible"]]],
    [
      "Accountable party without a lead",
      [c(1, SUP.id, "A"), c(1, CE.id, "R")],
      [["accountable_without_lead", "Patch devices: the Accountable party, Supply Chain, has no lead"]],
    ],
    [
      "an empty row breaks two rules",
      [],
      [
        ["no_accountable", "Patch devices: no party is Accountable"],
        ["no_responsible", "Patch devices: no party is Responsible"],
      ],
    ],
    [
      "two Accountable and no Responsible",
      [c(1, CE.id, "A"), c(1, IT.id, "A")],
      [
        ["multiple_accountable", "Patch devices: two parties are Accountable — Clinical Engineering and IT Infrastructure"],
        ["no_responsible", "Patch devices: no party is Responsible"],
      ],
    ],
    ["R held by a party without a lead is allowed", [c(1, IT.id, "A"), c(1, CLIN.id, "R")], []],
  ] as const)("%s", (_label, cells, expected) => {
    expect(one([...cells]).map((v) => [v.kind, v.message])).toEqual(expected);
  });

  test("names come in party order, not cell order", () => {
    const v = one([c(1, SEC.id, "A"), c(1, CE.id, "A"), c(1, IT.id, "R")]);
    expect(v.map((x) => x.message)).toEqual(["Patch devices: two parties are Accountable — Clinical Engineering and Information Security"]);
  });

  test("letters of parties not in the list are ignored (archived parties)", () => {
    expect(one([c(1, CE.id, "R"), c(1, IT.id, "A"), c(1, SEC.id, "A")], [CE, IT])).toEqual([]);
  });

  test("rules are checked per activity on the resolved matrix, with the activity id", () => {
    // Syringe pumps swapped R/A on Patch: still valid. Removing the only A by override breaks it.
    const broken: ClassOverrides = { classId: 5, className: "Broken", overrides: [c(SEGMENT.id, IT.id, null)] };
    const violations = validateMatrix(resolveMatrix(TEMPLATE, [INFUSION, SYRINGE, broken]), ACTIVITIES, PARTIES);
    expect(violations).toEqual([{ activityId: SEGMENT.id, kind: "no_accountable", message: "Segment the network: no party is Accountable" }]);
    expect(validateMatrix(resolveMatrix(TEMPLATE, [INFUSION, SYRINGE]), ACTIVITIES, PARTIES)).toEqual([]);
  });

  test.each([
    [[], ""],
    [["A"], "A"],
    [["A", "B"], "A and B"],
    [["A", "B", "C"], "A, B and C"],
  ] as const)("joinNames(%j) = %j", (names, out) => {
    expect(joinNames(names)).toBe(out);
  });
});

// ---------------------------------------------------------------------------------------------
describe("requiredSigners", () => {
  const summary = (cells: CellValue[], parties: PartyRef[] = PARTIES) => {
    const plan = requiredSigners(cells, parties);
    return {
      signers: plan.partySigners.map((s) => ({ userId: s.userId, name: s.name, parties: s.partyNames, partyIds: s.partyIds, meaning: s.meaning })),
      withoutLead: plan.partiesWithoutLead,
      leadership: plan.leadershipApproval,
    };
  };

  test.each([
    [
      "A wins over R (R seen first)",
      [c(1, CE.id, "R"), c(2, CE.id, "A")],
      [{ userId: 100, name: "Carlos Estrada", parties: ["Clinical Engineering"], partyIds: [10], meaning: "Accepts accountability" }],
      [],
    ],
    [
      "A wins over R (A seen first)",
      [c(2, CE.id, "A"), c(1, CE.id, "R")],
      [{ userId: 100, name: "Carlos Estrada", parties: ["Clinical Engineering"], partyIds: [10], meaning: "Accepts accountability" }],
      [],
    ],
    [
      "R only accepts responsibility",
      [c(1, IT.id, "R"), c(2, IT.id, "R")],
      [{ userId: 101, name: "Priya Natarajan", parties: ["IT Infrastructure"], partyIds: [11], meaning: "Accepts responsibility" }],
      [],
    ],
    ["C and I do not sign", [c(1, SEC.id, "C"), c(2, SEC.id, "I")], [], []],
    [
      "R party without a lead is listed, not a signer",
      [c(1, IT.id, "A"), c(1, SUP.id, "R"), c(2, CLIN.id, "R"), c(3, SUP.id, "R")],
      [{ userId: 101, name: "Priya Natarajan", parties: ["IT Infrastructure"], partyIds: [11], meaning: "Accepts accountability" }],
      ["Supply Chain", "Clinical Department Owner"],
    ],
    [
      "signers come in party order",
      [c(1, IT.id, "A"), c(1, CE.id, "R")],
      [
        { userId: 100, name: "Carlos Estrada", parties: ["Clinical Engineering"], partyIds: [10], meaning: "Accepts responsibility" },
        { userId: 101, name: "Priya Natarajan", parties: ["IT Infrastructure"], partyIds: [11], meaning: "Accepts accountability" },
      ],
      [],
    ],
    ["no cells: only the leadership approval", [], [], []],
  ] as const)("%s", (_label, cells, signers, withoutLead) => {
    expect(summary([...cells])).toEqual({ signers, withoutLead, leadership: true });
  });

  test.each([
    ["R in one, A in the other → accountability", "R", "A", MEANINGS.accountable],
    ["A in one, R in the other → accountability", "A", "R", MEANINGS.accountable],
    ["R in both → responsibility", "R", "R", MEANINGS.responsible],
  ] as const)("one person leading two parties signs once, for both: %s", (_label, l1, l2, meaning) => {
    const shared: PartyRef[] = [CE, { ...IT, leadUserId: 100, leadName: "Carlos Estrada" }, SEC];
    const s = summary([c(1, CE.id, l1), c(1, IT.id, l2), c(1, SEC.id, "C")], shared);
    expect(s.signers).toEqual([{ userId: 100, name: "Carlos Estrada", parties: ["Clinical Engineering", "IT Infrastructure"], partyIds: [10, 11], meaning }]);
    expect(s.leadership).toBe(true);
  });

  test("a lead without a known name is named by id", () => {
    expect(requiredSigners([c(1, 20, "A")], [{ id: 20, name: "X", leadUserId: 999 }]).partySigners[0]!.name).toBe("User 999");
  });

  test("meanings are the three fixed sentences", () => {
    expect(MEANINGS).toEqual({ accountable: "Accepts accountability", responsible: "Accepts responsibility", approved: "Approved" });
  });
});

// ---------------------------------------------------------------------------------------------
describe("snapshotOf and diffSnapshots", () => {
  // Activity order is the list order (sortOrder), deliberately not id order.
  const ordered = [RECALL, PATCH, SEGMENT];
  const snap = (cells: CellValue[], chain: ClassOverrides[] = [], acts = ordered) =>
    snapshotOf({ id: 2, name: "Syringe pumps" }, resolveMatrix(cells, chain), acts, PARTIES);

  test("the snapshot holds only set letters, in activity then party order, with provenance", () => {
    const s = snapshotOf({ id: 2, name: "Syringe pumps" }, resolveMatrix(TEMPLATE, [INFUSION, SYRINGE]), ordered, PARTIES);
    expect(s.deviceClassId).toBe(2);
    expect(s.deviceClassName).toBe("Syringe pumps");
    expect(s.parties).toEqual(PARTIES.map((p) => ({ id: p.id, name: p.name })));
    expect(s.activities.map((a) => a.id)).toEqual([3, 1, 2]);
    expect(s.cells.map((x) => `${x.activityId}/${x.partyId}=${x.letter}@${x.from}${x.overridden ? "*" : ""}`)).toEqual([
      "3/10=A@template",
      "3/14=R@template",
      "1/10=A@Syringe pumps*",
      "1/11=R@Syringe pumps*",
      "1/12=C@Infusion pumps*",
      "2/10=R@template",
      "2/11=A@template",
      "2/12=I@Syringe pumps*",
    ]);
  });

  const before = snap([c(1, CE.id, "R"), c(1, IT.id, "A"), c(2, IT.id, "A"), c(2, SEC.id, "C"), c(3, CE.id, "A"), c(3, SUP.id, "C")]);
  const after = snap([c(1, CE.id, "R"), c(1, IT.id, "R"), c(1, SEC.id, "I"), c(2, IT.id, "A"), c(3, CE.id, "A"), c(3, CLIN.id, "R")]);
  const fmt = (d: { activityName: string; partyName: string; from: Letter | null; to: Letter | null }) =>
    `${d.activityName} / ${d.partyName}: ${d.from ?? "—"} → ${d.to ?? "—"}`;

  test.each([
    ["added", "Patch devices / Information Security: — → I"],
    ["removed", "Segment the network / Information Security: C → —"],
    ["changed", "Patch devices / IT Infrastructure: A → R"],
    ["added (party without lead)", "Handle recalls / Clinical Department Owner: — → R"],
    ["removed (template letter)", "Handle recalls / Supply Chain: C → —"],
  ])("%s: %s", (_kind, line) => {
    expect(diffSnapshots(before, after).map(fmt)).toContain(line);
  });

  test("changes are ordered by activity order, then party name", () => {
    expect(diffSnapshots(before, after).map(fmt)).toEqual([
      "Handle recalls / Clinical Department Owner: — → R",
      "Handle recalls / Supply Chain: C → —",
      "Patch devices / Information Security: — → I",
      "Patch devices / IT Infrastructure: A → R",
      "Segment the network / Information Security: C → —",
    ]);
  });

  test("ids and names are carried on each change", () => {
    expect(diffSnapshots(before, after).find((d) => d.from === "A")).toEqual({
      activityId: 1,
      activityName: "Patch devices",
      partyId: 11,
      partyName: "IT Infrastructure",
      from: "A",
      to: "R",
    });
  });

  test("no changes between equal snapshots; provenance alone is not a change", () => {
    expect(diffSnapshots(before, before)).toEqual([]);
    const viaTemplate = snap([c(1, CE.id, "R"), c(1, IT.id, "A")]);
    const viaOverride = snap([c(1, CE.id, "R")], [{ classId: 2, className: "Syringe pumps", overrides: [c(1, IT.id, "A")] }]);
    expect(viaOverride.cells.find((x) => x.partyId === IT.id)!.overridden).toBe(true);
    expect(diffSnapshots(viaTemplate, viaOverride)).toEqual([]);
  });

  test("null before: every letter is new", () => {
    expect(diffSnapshots(null, before).map((d) => [d.from, d.to])).toEqual(before.cells.map(() => [null, expect.any(String)]));
    expect(diffSnapshots(null, before)).toHaveLength(before.cells.length);
  });

  test("an activity that is gone afterwards is listed last, named from the earlier snapshot", () => {
    const withoutRecall = snap([c(1, CE.id, "R"), c(1, IT.id, "A"), c(2, IT.id, "A"), c(2, SEC.id, "C")], [], [PATCH, SEGMENT]);
    const withRecall = snap([c(1, CE.id, "R"), c(1, IT.id, "C"), c(2, IT.id, "A"), c(2, SEC.id, "C"), c(3, CE.id, "A")]);
    expect(diffSnapshots(withRecall, withoutRecall).map(fmt)).toEqual([
      "Patch devices / IT Infrastructure: C → A",
      "Handle recalls / Clinical Engineering: A → —",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
describe("raciStatus", () => {
  const snap = (cells: CellValue[]): RaciSnapshot => snapshotOf({ id: 2, name: "Syringe pumps" }, resolveMatrix(cells, []), ACTIVITIES, PARTIES);
  const v1 = snap([c(1, CE.id, "R"), c(1, IT.id, "A")]);
  const v2 = snap([c(1, CE.id, "A"), c(1, IT.id, "R")]);
  const sameLettersOtherSource = { ...v1, cells: v1.cells.map((x) => ({ ...x, from: "Infusion pumps", overridden: true })) };
  test("sameLetters is remembered per pair of snapshots, in order, and never mixes pairs", () => {
    for (let round = 0; round < 2; round++) {
      expect(sameLetters(v1, v2)).toBe(false);
      expect(sameLetters(v2, v1)).toBe(false);
      expect(sameLetters(v1, v1)).toBe(true);
      expect(sameLetters(v1, sameLettersOtherSource)).toBe(true);
      expect(sameLetters(v2, sameLettersOtherSource)).toBe(false);
    }
  });
  const now = new Date("2026-05-10T09:00:00.000Z");
  const recent = { snapshot: v1, lastAttestedAt: "2026-01-10T09:00:00.000Z" };
  const old = { snapshot: v1, lastAttestedAt: "2025-05-10T09:00:00.000Z" };
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

  test.each<[string, Parameters<typeof raciStatus>[0], RaciStatus]>([
    ["never touched", base, "no_matrix"],
    ["own overrides, never submitted", { ...base, hasOwnOverrides: true }, "draft"],
    ["returned, no overrides of its own", { ...base, everSubmitted: true }, "draft"],
    ["in review", { ...base, inReview: true, everSubmitted: true, hasOwnOverrides: true }, "in_review"],
    [
      "in review wins over an effective version with changes",
      { ...base, inReview: true, everSubmitted: true, effective: recent, live: v2, editedSinceEffective: true },
      "in_review",
    ],
    ["in review wins over a due re-attestation", { ...base, inReview: true, everSubmitted: true, effective: old }, "in_review"],
    ["effective, unchanged", { ...base, everSubmitted: true, effective: recent }, "effective"],
    ["effective, letters same but provenance differs", { ...base, everSubmitted: true, effective: recent, live: sameLettersOtherSource }, "effective"],
    ["effective, edited and edited back", { ...base, everSubmitted: true, effective: recent, editedSinceEffective: true }, "effective"],
    ["effective and 12 months old", { ...base, everSubmitted: true, effective: old }, "reattestation_due"],
    [
      "letters differ, class edited since (editedSinceEffective true)",
      { ...base, everSubmitted: true, effective: recent, live: v2, editedSinceEffective: true },
      "draft",
    ],
    [
      "letters differ, from template/parent (editedSinceEffective false)",
      { ...base, everSubmitted: true, effective: recent, live: v2, editedSinceEffective: false },
      "changes_pending",
    ],
    ["changes pending wins over a due re-attestation", { ...base, everSubmitted: true, effective: old, live: v2 }, "changes_pending"],
    [
      "a shorter re-attestation period (6 months) is honoured",
      { ...base, everSubmitted: true, effective: { snapshot: v1, lastAttestedAt: "2025-11-10T09:00:00.000Z" }, reattestMonths: 6 },
      "reattestation_due",
    ],
  ])("%s → %s", (_label, input, expected) => {
    expect(raciStatus(input)).toBe(expected);
  });
});

describe("isReattestationDue", () => {
  const last = "2025-03-15T08:30:00.000Z";
  test.each([
    ["one millisecond before 12 months", last, 12, "2026-03-15T08:29:59.999Z", false],
    ["exactly 12 months", last, 12, "2026-03-15T08:30:00.000Z", true],
    ["after 12 months", last, 12, "2026-03-16T00:00:00.000Z", true],
    ["11 months", last, 12, "2026-02-15T08:30:00.000Z", false],
    ["the same instant", last, 12, last, false],
    ["exactly 6 months with a 6-month setting", last, 6, "2025-09-15T08:30:00.000Z", true],
    ["just before 6 months with a 6-month setting", last, 6, "2025-09-15T08:29:59.999Z", false],
    ["across a year end", "2025-12-31T23:00:00.000Z", 12, "2026-12-31T23:00:00.000Z", true],
    ["across a year end, a minute early", "2025-12-31T23:00:00.000Z", 12, "2026-12-31T22:59:00.000Z", false],
  ] as const)("%s → %s", (_label, lastAttestedAt, months, now, due) => {
    expect(isReattestationDue(lastAttestedAt, months, new Date(now))).toBe(due);
  });
});
