/**
 * RACI per device class (DOMAIN.md "RACI"). Pure: data in, verdict out. No database, no clock.
 * A class inherits its parent's resolved matrix; top classes inherit the organization template.
 */
export const LETTERS = ["R", "A", "C", "I"] as const;
export type Letter = (typeof LETTERS)[number];
export const LETTER_NAMES: Record<Letter, string> = { R: "Responsible", A: "Accountable", C: "Consulted", I: "Informed" };

export function isLetter(s: unknown): s is Letter {
  return (LETTERS as readonly unknown[]).includes(s);
}

export interface CellValue {
  activityId: number;
  partyId: number;
  /** null in an override = "overridden to nothing". */
  letter: Letter | null;
}

export type CellSource = { kind: "template" } | { kind: "class"; classId: number; className: string } | { kind: "none" };

export interface ResolvedCell {
  activityId: number;
  partyId: number;
  letter: Letter | null;
  /** Where the letter (or its removal) comes from. */
  source: CellSource;
  /** True when this class itself overrides the cell. */
  overriddenHere: boolean;
  /** What the cell would be without this class's own override. */
  inheritedLetter: Letter | null;
  inheritedSource: CellSource;
}

export interface ClassOverrides {
  classId: number;
  className: string;
  overrides: readonly CellValue[];
}

export const cellKey = (activityId: number, partyId: number) => `${activityId}:${partyId}`;

export type ResolvedMatrix = Map<string, ResolvedCell>;

/**
 * Resolves a class's matrix: template, then each ancestor's overrides (root first), then the class's own.
 * `chain` is root → … → the class itself (the last entry). An empty chain resolves the template alone.
 */
export function resolveMatrix(template: readonly CellValue[], chain: readonly ClassOverrides[]): ResolvedMatrix {
  const out: ResolvedMatrix = new Map();
  const set = (c: CellValue, source: CellSource, isSelf: boolean) => {
    const key = cellKey(c.activityId, c.partyId);
    const prev = out.get(key);
    const inheritedLetter = isSelf ? (prev?.letter ?? null) : (prev?.letter ?? null);
    const inheritedSource: CellSource = prev?.source ?? { kind: "none" };
    out.set(key, {
      activityId: c.activityId,
      partyId: c.partyId,
      letter: c.letter,
      source,
      overriddenHere: isSelf,
      inheritedLetter: isSelf ? inheritedLetter : c.letter,
      inheritedSource: isSelf ? inheritedSource : source,
    });
  };
  for (const c of template) if (c.letter) set(c, { kind: "template" }, false);
  chain.forEach((cls, i) => {
    const isSelf = i === chain.length - 1;
    for (const o of cls.overrides) set(o, { kind: "class", classId: cls.classId, className: cls.className }, isSelf);
  });
  return out;
}

export function cellAt(m: ResolvedMatrix, activityId: number, partyId: number): ResolvedCell {
  return (
    m.get(cellKey(activityId, partyId)) ?? {
      activityId,
      partyId,
      letter: null,
      source: { kind: "none" },
      overriddenHere: false,
      inheritedLetter: null,
      inheritedSource: { kind: "none" },
    }
  );
}

export interface ActivityRef {
  id: number;
  name: string;
}
export interface PartyRef {
  id: number;
  name: string;
  leadUserId: number | null;
  leadName?: string | null;
  /** The party's lead when that user is deactivated (then `leadUserId` is null): named in the rule message. */
  inactiveLeadName?: string | null;
}

export type ViolationKind = "no_accountable" | "multiple_accountable" | "no_responsible" | "accountable_without_lead";
export interface Violation {
  activityId: number;
  kind: ViolationKind;
  message: string;
}

const COUNT_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven"];
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * The rules of a valid matrix, per activity: exactly one Accountable, at least one Responsible, and the
 * Accountable party has a lead (someone must be able to sign for the outcome).
 */
export function validateMatrix(m: ResolvedMatrix, activities: readonly ActivityRef[], parties: readonly PartyRef[]): Violation[] {
  const out: Violation[] = [];
  for (const a of activities) {
    const letters = parties.map((p) => ({ p, letter: cellAt(m, a.id, p.id).letter }));
    const acc = letters.filter((x) => x.letter === "A").map((x) => x.p);
    const resp = letters.filter((x) => x.letter === "R");
    if (acc.length === 0) out.push({ activityId: a.id, kind: "no_accountable", message: `${a.name}: no party is Accountable` });
    if (acc.length > 1) {
      out.push({
        activityId: a.id,
        kind: "multiple_accountable",
        message: `${a.name}: ${COUNT_WORDS[acc.length] ?? acc.length} parties are Accountable — ${joinNames(acc.map((p) => p.name))}`,
      });
    }
    if (resp.length === 0) out.push({ activityId: a.id, kind: "no_responsible", message: `${a.name}: no party is Responsible` });
    if (acc.length === 1 && acc[0]!.leadUserId == null) {
      const gone = acc[0]!.inactiveLeadName;
      out.push({
        activityId: a.id,
        kind: "accountable_without_lead",
        message: gone
          ? `${a.name}: the Accountable party, ${acc[0]!.name}, has no active lead (${gone} is deactivated)`
          : `${a.name}: the Accountable party, ${acc[0]!.name}, has no lead`,
      });
    }
  }
  return out;
}

export const MEANINGS = {
  accountable: "Accepts accountability",
  responsible: "Accepts responsibility",
  approved: "Approved",
} as const;

export interface RequiredSigner {
  userId: number;
  name: string;
  partyIds: number[];
  partyNames: string[];
  meaning: string;
}

export interface SignerPlan {
  partySigners: RequiredSigner[];
  /** One leadership approval is always required. */
  leadershipApproval: true;
  /** Parties holding R without a lead: nobody can sign for them (shown as a warning). */
  partiesWithoutLead: string[];
}

/** Leads of every party holding A or R sign (accountability wins over responsibility), plus one leadership approval. */
export function requiredSigners(cells: readonly CellValue[], parties: readonly PartyRef[]): SignerPlan {
  const byUser = new Map<number, RequiredSigner>();
  const withoutLead = new Set<string>();
  for (const p of parties) {
    const mine = cells.filter((c) => c.partyId === p.id && (c.letter === "A" || c.letter === "R"));
    if (mine.length === 0) continue;
    if (p.leadUserId == null) {
      withoutLead.add(p.name);
      continue;
    }
    const accountable = mine.some((c) => c.letter === "A");
    const s = byUser.get(p.leadUserId) ?? {
      userId: p.leadUserId,
      name: p.leadName ?? `User ${p.leadUserId}`,
      partyIds: [],
      partyNames: [],
      meaning: MEANINGS.responsible,
    };
    s.partyIds.push(p.id);
    s.partyNames.push(p.name);
    if (accountable) s.meaning = MEANINGS.accountable;
    byUser.set(p.leadUserId, s);
  }
  return { partySigners: [...byUser.values()], leadershipApproval: true, partiesWithoutLead: [...withoutLead] };
}

export interface SnapshotCell {
  activityId: number;
  partyId: number;
  letter: Letter;
  /** "template" or the name of the class the letter comes from. */
  from: string;
  overridden: boolean;
}

export interface RaciSnapshot {
  deviceClassId: number;
  deviceClassName: string;
  activities: { id: number; name: string; csfRefs: string[] }[];
  parties: { id: number; name: string }[];
  cells: SnapshotCell[];
}

/** The content that is submitted and signed: only letters that are set, in a stable order. */
export function snapshotOf(
  deviceClass: { id: number; name: string },
  m: ResolvedMatrix,
  activities: readonly (ActivityRef & { csfRefs: string[] })[],
  parties: readonly PartyRef[],
): RaciSnapshot {
  const cells: SnapshotCell[] = [];
  for (const a of activities) {
    for (const p of parties) {
      const c = cellAt(m, a.id, p.id);
      if (!c.letter) continue;
      cells.push({
        activityId: a.id,
        partyId: p.id,
        letter: c.letter,
        from: c.source.kind === "class" ? c.source.className : "template",
        overridden: c.source.kind === "class",
      });
    }
  }
  return {
    deviceClassId: deviceClass.id,
    deviceClassName: deviceClass.name,
    activities: activities.map((a) => ({ id: a.id, name: a.name, csfRefs: a.csfRefs })),
    parties: parties.map((p) => ({ id: p.id, name: p.name })),
    cells,
  };
}

export interface CellChange {
  activityId: number;
  activityName: string;
  partyId: number;
  partyName: string;
  from: Letter | null;
  to: Letter | null;
}

/** Cells whose letter differs between two snapshots (`before` may be null: everything is new). */
export function diffSnapshots(before: RaciSnapshot | null, after: RaciSnapshot): CellChange[] {
  const name = (list: { id: number; name: string }[], id: number, fallback: string) => list.find((x) => x.id === id)?.name ?? fallback;
  const b = new Map((before?.cells ?? []).map((c) => [cellKey(c.activityId, c.partyId), c.letter]));
  const a = new Map(after.cells.map((c) => [cellKey(c.activityId, c.partyId), c.letter]));
  const keys = new Set([...b.keys(), ...a.keys()]);
  const out: CellChange[] = [];
  for (const k of keys) {
    const from = b.get(k) ?? null;
    const to = a.get(k) ?? null;
    if (from === to) continue;
    const [activityId, partyId] = k.split(":").map(Number) as [number, number];
    out.push({
      activityId,
      partyId,
      activityName: name(after.activities, activityId, name(before?.activities ?? [], activityId, `Activity ${activityId}`)),
      partyName: name(after.parties, partyId, name(before?.parties ?? [], partyId, `Party ${partyId}`)),
      from,
      to,
    });
  }
  const order = new Map(after.activities.map((x, i) => [x.id, i]));
  return out.sort((x, y) => (order.get(x.activityId) ?? 1e9) - (order.get(y.activityId) ?? 1e9) || x.partyName.localeCompare(y.partyName));
}

/** Same letters in the same cells (provenance aside). */
const compared = new WeakMap<RaciSnapshot, WeakMap<RaciSnapshot, boolean>>();

/**
 * Whether two snapshots give every cell the same letter. Remembered per pair of snapshot objects: a class page
 * compares the same two cached snapshots (read-only, decision 0007) on every view, ~0.4 ms each time.
 */
export function sameLetters(a: RaciSnapshot, b: RaciSnapshot): boolean {
  let withA = compared.get(a);
  if (!withA) compared.set(a, (withA = new WeakMap()));
  let same = withA.get(b);
  if (same === undefined) withA.set(b, (same = diffSnapshots(a, b).length === 0));
  return same;
}

export type RaciStatus = "no_matrix" | "draft" | "in_review" | "effective" | "reattestation_due" | "changes_pending" | "signature_problem";

export const STATUS_LABELS: Record<RaciStatus, string> = {
  no_matrix: "No matrix yet",
  draft: "Draft",
  in_review: "In review",
  effective: "Effective",
  reattestation_due: "Re-attestation due",
  changes_pending: "Changes pending sign-off",
  signature_problem: "Signature problem",
};

/**
 * A class's sign-off status. In review wins; then, with an effective version: letters that differ from
 * it are a draft when the class itself was edited since, and "changes pending" when they come from the
 * template or a parent; an old attestation is "re-attestation due". Without one: a class with its own
 * overrides or a returned version is a draft; otherwise it has no matrix of its own yet.
 */
export function raciStatus(input: {
  /** The version marked effective lacks a sound, complete set of signatures (issue #10, finding 17). */
  signatureProblem?: boolean;
  hasOwnOverrides: boolean;
  inReview: boolean;
  everSubmitted: boolean;
  effective: { snapshot: RaciSnapshot; lastAttestedAt: string } | null;
  editedSinceEffective: boolean;
  live: RaciSnapshot;
  reattestMonths: number;
  now: Date;
}): RaciStatus {
  if (input.signatureProblem) return "signature_problem";
  if (input.inReview) return "in_review";
  if (input.effective) {
    if (!sameLetters(input.effective.snapshot, input.live)) return input.editedSinceEffective ? "draft" : "changes_pending";
    return isReattestationDue(input.effective.lastAttestedAt, input.reattestMonths, input.now) ? "reattestation_due" : "effective";
  }
  return input.hasOwnOverrides || input.everSubmitted ? "draft" : "no_matrix";
}

/** Effective matrices are re-attested every `months` months (12 by default, an admin setting). */
export function isReattestationDue(lastAttestedAt: string, months: number, now: Date): boolean {
  const due = new Date(lastAttestedAt);
  due.setUTCMonth(due.getUTCMonth() + months);
  return now >= due;
}

/**
 * Why the actor cannot change this matrix at all, or null when they can change at least one column. The grid
 * shows it above the matrix and as the answer to a key press, so an auditor pressing a letter is told that their
 * access is read-only (HIPAA 164.312(b) review: auditors read, never change) rather than "only your own party's
 * column", which would send them looking for a column they do not have.
 */
export function raciReadOnlyReason(f: {
  scope: "class" | "template";
  archived?: boolean;
  inReviewVersionNo?: number | null;
  /** No role of the actor changes governed data (hasReadOnlyAccess in lib/auth/permissions.ts): an auditor. */
  readOnlyAccess: boolean;
  editableColumnCount: number;
}): string | null {
  if (f.archived) return "This device class is archived: its matrix is read-only.";
  if (f.inReviewVersionNo != null) return `Version ${f.inReviewVersionNo} is in review: the matrix cannot change until it is signed or returned to draft.`;
  if (f.editableColumnCount > 0) return null;
  if (f.readOnlyAccess) return "Your access is read-only: auditors review every matrix and change none.";
  if (f.scope === "template") return "You can read the organization template; only admins change it.";
  return "You can read this matrix; only the leads of its parties (and admins) change it.";
}

/**
 * What a signed class is measured against for "changes pending sign-off": its live letters, except where a
 * letter differs from the signed one only because an ancestor's unsigned draft (or a version still in review)
 * says so. A parent's draft is a proposal; until it is signed, the child's signed lines stand (issue 10,
 * item 2: pressing I on Physiologic monitors, which has no matrix yet, made Bedside patient monitors show
 * "changes pending"). A change counts when it is the class's own edit, or when the live letter is what is
 * signed above it: the nearest ancestor with an effective version, or the organization template (which has no
 * sign-off of its own) when no ancestor is signed.
 *
 * `signedAncestors`: root → parent, each ancestor's effective snapshot or null.
 */
export function signedBasis(input: {
  resolved: ResolvedMatrix;
  live: RaciSnapshot;
  effective: RaciSnapshot;
  template: readonly CellValue[];
  signedAncestors: readonly (RaciSnapshot | null)[];
}): RaciSnapshot {
  const { resolved, live, effective } = input;
  const nearestSigned = [...input.signedAncestors].reverse().find((s): s is RaciSnapshot => s != null) ?? null;
  const signedAbove = new Map<string, Letter>(
    nearestSigned
      ? nearestSigned.cells.map((c) => [cellKey(c.activityId, c.partyId), c.letter])
      : input.template.flatMap((c): [string, Letter][] => (c.letter ? [[cellKey(c.activityId, c.partyId), c.letter]] : [])),
  );
  const liveCells = new Map(live.cells.map((c) => [cellKey(c.activityId, c.partyId), c]));
  const effCells = new Map(effective.cells.map((c) => [cellKey(c.activityId, c.partyId), c]));
  const cells: SnapshotCell[] = [];
  for (const key of new Set([...liveCells.keys(), ...effCells.keys()])) {
    const l = liveCells.get(key);
    const e = effCells.get(key);
    if ((l?.letter ?? null) === (e?.letter ?? null)) {
      if (l) cells.push(l);
      continue;
    }
    const own = resolved.get(key)?.overriddenHere === true || (e?.overridden === true && e.from === effective.deviceClassName);
    const signedUpstream = (l?.letter ?? null) === (signedAbove.get(key) ?? null);
    const chosen = own || signedUpstream ? l : e;
    if (chosen) cells.push(chosen);
  }
  return { ...live, cells };
}
