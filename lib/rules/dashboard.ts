/**
 * The leadership dashboard's figures, as pure functions of already-loaded facts, so that each number can
 * be checked by hand against a small fixture (lib/rules/dashboard.test.ts).
 */
import type { CadenceState } from "./cadence";
import type { RaciStatus } from "./raci";
import { percentOf } from "./percent";

export interface ResponsibilityFigures {
  total: number;
  /** Classes with an effective, signed version in force (also when re-attestation is due or changes are pending). */
  signed: number;
  /** signed / total as a whole percentage (percentOf); 0 when there are no classes. */
  signedPct: number;
  withViolations: number;
  inReview: number;
  reattestationDue: number;
  changesPending: number;
  draft: number;
  noMatrix: number;
  /** Marked effective, but the set of signatures does not hold up: never counted as signed (issue #10, finding 17). */
  signatureProblem: number;
}

/** The responsibility figures as labelled rows, in the order the board report and the XLSX export show them. */
export function responsibilityRows(r: ResponsibilityFigures & { effective: number }): [string, number][] {
  return [
    ["With an effective signed RACI", r.signed],
    ["With open rule violations (also counted by status below)", r.withViolations],
    ["In review", r.inReview],
    ["Re-attestation due", r.reattestationDue],
    ["Changes pending sign-off", r.changesPending],
    ["Effective (nothing pending)", r.effective],
    ["Draft", r.draft],
    ["No matrix yet", r.noMatrix],
    ["Signature problem", r.signatureProblem],
    ["All device classes", r.total],
  ];
}

export function responsibilityFigures(
  rows: readonly { status: RaciStatus; effectiveVersionNo: number | null; violationCount: number }[],
): ResponsibilityFigures {
  const n = (s: RaciStatus) => rows.filter((r) => r.status === s).length;
  const signed = rows.filter((r) => r.effectiveVersionNo != null).length;
  return {
    total: rows.length,
    signed,
    signedPct: percentOf(signed, rows.length),
    withViolations: rows.filter((r) => r.violationCount > 0).length,
    inReview: n("in_review"),
    reattestationDue: n("reattestation_due"),
    changesPending: n("changes_pending"),
    draft: n("draft"),
    noMatrix: n("no_matrix"),
    signatureProblem: n("signature_problem"),
  };
}

export interface FunctionScore {
  id: string;
  current: number | null;
  target: number | null;
}

export interface FunctionFigure extends FunctionScore {
  gap: number | null;
  /** current − previous current; null without a previous approved assessment or a score on either side. */
  change: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Latest approved scores per function, with the change of the current score since the previous approved one. */
export function functionFigures(latest: readonly FunctionScore[], previous: readonly FunctionScore[] | null): FunctionFigure[] {
  return latest.map((f) => {
    const p = previous?.find((x) => x.id === f.id);
    return {
      ...f,
      gap: f.current != null && f.target != null ? round2(f.target - f.current) : null,
      change: p && p.current != null && f.current != null ? round2(f.current - p.current) : null,
    };
  });
}

/** Answered / total as shown everywhere (the one rounding rule, ./percent.ts). */
export function progressPct(answered: number, total: number): number {
  return percentOf(answered, total);
}

export interface SiteCadenceFigure {
  siteId: number;
  siteName: string;
  cms: CadenceState | null;
  jointCommission: CadenceState | null;
  /** Rules of any kind (CMS, Joint Commission, per plan) overdue at the site. */
  overdueRules: number;
  dueRules: number;
}

export function siteCadenceFigures(
  sites: readonly { siteId: number; siteName: string; results: readonly { ruleId: string; state: CadenceState }[] }[],
): SiteCadenceFigure[] {
  return sites.map((s) => ({
    siteId: s.siteId,
    siteName: s.siteName,
    cms: s.results.find((r) => r.ruleId === "cms")?.state ?? null,
    jointCommission: s.results.find((r) => r.ruleId === "tjc")?.state ?? null,
    overdueRules: s.results.filter((r) => r.state === "overdue").length,
    dueRules: s.results.filter((r) => r.state === "due").length,
  }));
}

export interface PartyItems {
  partyId: number;
  party: string;
  open: number;
  overdue: number;
}

/** Open (not closed) items per owner party and how many of them are past due; most overdue first. */
export function itemsByOwner(
  items: readonly { ownerPartyId: number; ownerParty: string; status: string; dueDate: string }[],
  today: string,
): { open: number; overdue: number; byParty: PartyItems[] } {
  const byParty = new Map<number, PartyItems>();
  let open = 0;
  let overdue = 0;
  for (const i of items) {
    if (i.status === "closed") continue;
    const late = i.dueDate < today;
    open += 1;
    if (late) overdue += 1;
    const p = byParty.get(i.ownerPartyId) ?? { partyId: i.ownerPartyId, party: i.ownerParty, open: 0, overdue: 0 };
    p.open += 1;
    if (late) p.overdue += 1;
    byParty.set(i.ownerPartyId, p);
  }
  return { open, overdue, byParty: [...byParty.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.party.localeCompare(b.party)) };
}

export interface PlanFigureInput {
  id: number;
  title: string;
  reviewState: "current" | "due_soon" | "overdue" | "not_approved";
  acknowledged: number;
  required: number;
}

export function planFigures(plans: readonly PlanFigureInput[]) {
  const reviewOverdue = plans.filter((p) => p.reviewState === "overdue");
  const acknowledgementsMissing = plans.filter((p) => p.reviewState !== "not_approved" && p.acknowledged < p.required);
  return {
    total: plans.length,
    reviewOverdue: reviewOverdue.map((p) => ({ id: p.id, title: p.title })),
    acknowledgementsMissing: acknowledgementsMissing.map((p) => ({ id: p.id, title: p.title, missing: p.required - p.acknowledged })),
  };
}
