/**
 * Exercise cadence per site: are the emergency exercises (drills) a site must prove over a rolling period done?
 * Pure: records in, verdicts out. No database, no clock — `today` (YYYY-MM-DD) is a parameter.
 *
 * Three rule sets, each switched on per site:
 * - CMS, 42 CFR 482.15(d)(2): within 12 months, (a) a full-scale or functional exercise and (b) one more exercise
 *   among full-scale, functional, mock drill, tabletop or workshop — two different records. A real event that
 *   activated the plan fills (a) for 12 months from its date (the exemption); it never fills (b).
 * - The Joint Commission EM (since July 2022): (a) an operations-based exercise (drill, functional, full-scale) and
 *   (b) one more of any kind — two different records. A real event counts as (a), never as (b).
 * - Hospital policy: each approved plan is exercised (a drill or real event naming the plan) every N months.
 *
 * Counting: a record dated D counts on day T when D ≤ T ≤ addMonths(D, N) (N = 12 for CMS and TJC). That is the
 * rolling window [addMonths(T, -N), T]: a record dated exactly N months before today still counts, one day earlier
 * does not. (The two readings differ only on month-end clamping days, e.g. on 2028-02-29 a record of 2027-02-28
 * has lapsed on 2028-02-28; the lapse-date reading is used so that `lapsesOn`, `daysLeft` and `state` agree.)
 */

export const EXERCISE_TYPES = ["seminar", "workshop", "tabletop", "game", "drill", "functional", "full_scale"] as const;
export type ExerciseType = (typeof EXERCISE_TYPES)[number];
export const EXERCISE_TYPE_LABELS: Record<ExerciseType, string> = {
  seminar: "Seminar",
  workshop: "Workshop",
  tabletop: "Tabletop exercise",
  game: "Game",
  drill: "Drill",
  functional: "Functional exercise",
  full_scale: "Full-scale exercise",
};
/** FEMA HSEEP operations-based exercises; the other four are discussion-based. */
export const OPERATIONS_BASED: readonly ExerciseType[] = ["drill", "functional", "full_scale"];
export function isOperationsBased(t: ExerciseType): boolean {
  return OPERATIONS_BASED.includes(t);
}
/** A satisfied requirement that lapses within this many days is shown as "due". */
export const DUE_SOON_DAYS = 60;

export interface CadenceRecord {
  id: number;
  kind: "exercise" | "real_event";
  /** null for real events. */
  type: ExerciseType | null;
  /** YYYY-MM-DD: the date it was actually conducted. */
  date: string;
  planIds: readonly number[];
}

export interface CadencePlan {
  id: number;
  title: string;
  /** Months between exercises of the plan (a positive whole number; anything else falls back to 12). */
  intervalMonths: number;
  /** YYYY-MM-DD. */
  firstApprovedOn: string;
}

export interface SiteRuleSettings {
  cms: boolean;
  jointCommission: boolean;
  perPlan: boolean;
}

export type CadenceState = "met" | "due" | "overdue";

export interface CadenceResult {
  /** "cms" | "tjc" | `plan:${id}` */
  ruleId: string;
  ruleName: string;
  source: string;
  /** met: satisfied and lapses in more than DUE_SOON_DAYS days; due: satisfied but lapses within DUE_SOON_DAYS days, or a plan not exercised yet but not yet late; overdue: not satisfied. */
  state: CadenceState;
  /** met/due: whole days from today to `lapsesOn` (0 = lapses today, still compliant today); null when overdue. */
  daysLeft: number | null;
  /** met/due: the last day the requirement stays satisfied without a new exercise; null when overdue. */
  lapsesOn: string | null;
  /** overdue: the day after the last satisfied day, when there was one; else null. */
  overdueSince: string | null;
  /** CMS only: slot (a) is currently filled by a real event. */
  exempt: boolean;
  /** Ids of the records that satisfy the rule (CMS/TJC: slot a then slot b); [] when overdue. */
  countedIds: number[];
  /** One plain-English sentence naming the rule, its source and the situation. */
  sentence: string;
}

// ---------------------------------------------------------------------------------------------
// Dates: YYYY-MM-DD strings, calendar arithmetic without Date or time zones.
// ---------------------------------------------------------------------------------------------
interface Ymd {
  y: number;
  m: number;
  d: number;
}
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!);

function parseDate(date: string): Ymd | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}
function mustParse(date: string): Ymd {
  const p = parseDate(date);
  if (!p) throw new RangeError(`Not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  return p;
}
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const format = ({ y, m, d }: Ymd) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/** Days since 1970-01-01 in the proleptic Gregorian calendar. */
function dayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Calendar months; the day is clamped to the target month (2026-03-31 − 1 month → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number: ${months}`);
  const { y, m, d } = mustParse(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/** `to` − `from` in whole days. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(mustParse(to)) - dayNumber(mustParse(from));
}

function nextDay(date: string): string {
  const { y, m, d } = mustParse(date);
  if (d < daysInMonth(y, m)) return format({ y, m, d: d + 1 });
  return m < 12 ? format({ y, m: m + 1, d: 1 }) : format({ y: y + 1, m: 1, d: 1 });
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------
const WINDOW_MONTHS = 12;
const STATE_RANK: Record<CadenceState, number> = { met: 0, due: 1, overdue: 2 };

/** Records that can count on `today`: a valid date, not in the future. */
function usable(records: readonly CadenceRecord[], today: string): CadenceRecord[] {
  return records.filter((r) => parseDate(r.date) !== null && r.date <= today);
}

const isExerciseOf = (r: CadenceRecord, types: readonly ExerciseType[]) => r.kind === "exercise" && r.type !== null && types.includes(r.type);

function describeRecord(r: CadenceRecord): string {
  if (r.kind === "real_event") return "real event";
  const label = r.type !== null ? EXERCISE_TYPE_LABELS[r.type] : undefined;
  return label ? label.toLowerCase() : "exercise";
}
const recordOn = (r: CadenceRecord) => `the ${describeRecord(r)} of ${r.date}`;

function satisfiedState(today: string, lapsesOn: string): { state: CadenceState; daysLeft: number } {
  const daysLeft = daysBetween(today, lapsesOn);
  return { state: daysLeft > DUE_SOON_DAYS ? "met" : "due", daysLeft };
}

function lead(state: CadenceState, daysLeft: number | null, overdueSince: string | null): string {
  if (state === "met") return "Met";
  if (state === "due") return daysLeft === 0 ? "Due today" : `Due in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`;
  return overdueSince ? `Overdue since ${overdueSince}` : "Overdue";
}

// ---------------------------------------------------------------------------------------------
// Two-slot rules (CMS, TJC)
// ---------------------------------------------------------------------------------------------
interface Pair {
  a: CadenceRecord;
  b: CadenceRecord;
  lapsesOn: string;
}

/** Better pair: later lapse; then an exercise rather than a real event in slot a; then the later second date; then lower ids. */
function betterPair(x: Pair, y: Pair): boolean {
  if (x.lapsesOn !== y.lapsesOn) return x.lapsesOn > y.lapsesOn;
  const xReal = x.a.kind === "real_event";
  const yReal = y.a.kind === "real_event";
  if (xReal !== yReal) return !xReal;
  const xLast = x.a.date > x.b.date ? x.a.date : x.b.date;
  const yLast = y.a.date > y.b.date ? y.a.date : y.b.date;
  if (xLast !== yLast) return xLast > yLast;
  if (x.a.id !== y.a.id) return x.a.id < y.a.id;
  return x.b.id < y.b.id;
}

interface SlotRule {
  ruleId: string;
  ruleName: string;
  source: string;
  requirement: string;
  fillsA: (r: CadenceRecord) => boolean;
  fillsB: (r: CadenceRecord) => boolean;
  /** Sentence fragment for a satisfied pair. */
  satisfied: (p: Pair) => string;
  /** Sentence fragment naming what is missing from the window. */
  missing: (window: { a: CadenceRecord[]; b: CadenceRecord[]; all: CadenceRecord[] }) => string;
  exemptable: boolean;
}

/** The pair (a ≠ b) that keeps the rule satisfied the longest, among records dated on or before today. */
function bestPair(records: readonly CadenceRecord[], rule: SlotRule): Pair | null {
  const as = records.filter(rule.fillsA);
  const bs = records.filter(rule.fillsB);
  let best: Pair | null = null;
  for (const a of as) {
    for (const b of bs) {
      if (a.id === b.id) continue;
      const first = a.date < b.date ? a.date : b.date;
      const candidate = { a, b, lapsesOn: addMonths(first, WINDOW_MONTHS) };
      if (!best || betterPair(candidate, best)) best = candidate;
    }
  }
  return best;
}

function evaluateSlots(today: string, records: readonly CadenceRecord[], rule: SlotRule): CadenceResult {
  mustParse(today);
  const past = usable(records, today);
  const best = bestPair(past, rule);
  const base = { ruleId: rule.ruleId, ruleName: rule.ruleName, source: rule.source };
  if (best && best.lapsesOn >= today) {
    const { state, daysLeft } = satisfiedState(today, best.lapsesOn);
    return {
      ...base,
      state,
      daysLeft,
      lapsesOn: best.lapsesOn,
      overdueSince: null,
      exempt: rule.exemptable && best.a.kind === "real_event",
      countedIds: [best.a.id, best.b.id],
      sentence: `${lead(state, daysLeft, null)}: ${rule.requirement}; ${rule.satisfied(best)}.`,
    };
  }
  const inWindow = past.filter((r) => addMonths(r.date, WINDOW_MONTHS) >= today);
  const missing = rule.missing({ a: inWindow.filter(rule.fillsA), b: inWindow.filter(rule.fillsB), all: inWindow });
  const overdueSince = best ? nextDay(best.lapsesOn) : null;
  const history = best
    ? `; the last qualifying pair, ${recordOn(best.a)} and ${recordOn(best.b)}, counted until ${best.lapsesOn}`
    : "; it has never been met on record";
  return {
    ...base,
    state: "overdue",
    daysLeft: null,
    lapsesOn: null,
    overdueSince,
    exempt: false,
    countedIds: [],
    sentence: `${lead("overdue", null, overdueSince)}: ${rule.requirement}; ${missing}${history}.`,
  };
}

const CMS_SLOT_A: readonly ExerciseType[] = ["full_scale", "functional"];
const CMS_SLOT_B: readonly ExerciseType[] = ["full_scale", "functional", "drill", "tabletop", "workshop"];
const CMS_LISTED = "full-scale, functional, mock drill, tabletop or workshop";
const REAL_EVENT_ONLY_A_CMS = "a real event can stand in only for the full-scale or functional exercise";
const REAL_EVENT_ONLY_A_TJC = "a real event counts only as the operations-based exercise";

const CMS_RULE: SlotRule = {
  ruleId: "cms",
  ruleName: "CMS emergency preparedness exercises",
  source: "42 CFR 482.15(d)(2)",
  requirement: "CMS 42 CFR 482.15(d)(2) asks for a full-scale or functional exercise plus one more each 12 months",
  fillsA: (r) => r.kind === "real_event" || isExerciseOf(r, CMS_SLOT_A),
  fillsB: (r) => isExerciseOf(r, CMS_SLOT_B),
  satisfied: (p) =>
    p.a.kind === "real_event"
      ? `${recordOn(p.a)} that activated the plan exempts the full-scale/functional exercise until ${addMonths(p.a.date, WINDOW_MONTHS)} and ${recordOn(p.b)} counts until ${addMonths(p.b.date, WINDOW_MONTHS)}`
      : `${recordOn(p.a)} and ${recordOn(p.b)} count until ${p.lapsesOn}`,
  missing: ({ a, b, all }) => {
    const ignored = all.some((r) => isExerciseOf(r, ["seminar", "game"])) ? " (seminars and games do not count for CMS)" : "";
    if (a.length === 0 && b.length === 0)
      return `there is no exercise of a listed kind (${CMS_LISTED}) and no real event that activated the plan in the last 12 months${ignored}`;
    if (a.length === 0) return `there is no full-scale or functional exercise, and no real event that activated the plan, in the last 12 months${ignored}`;
    const realNote = a.some((r) => r.kind === "real_event") ? `; ${REAL_EVENT_ONLY_A_CMS}` : "";
    return `there is no second exercise of a listed kind (${CMS_LISTED}) in the last 12 months${ignored}${realNote}`;
  },
  exemptable: true,
};

const TJC_RULE: SlotRule = {
  ruleId: "tjc",
  ruleName: "Joint Commission emergency management exercises",
  source: "The Joint Commission EM standards (since July 2022)",
  requirement:
    "The Joint Commission EM standards (since July 2022) ask for an operations-based exercise (drill, functional or full-scale) plus one more of any kind each 12 months",
  fillsA: (r) => r.kind === "real_event" || isExerciseOf(r, OPERATIONS_BASED),
  fillsB: (r) => isExerciseOf(r, EXERCISE_TYPES),
  satisfied: (p) =>
    p.a.kind === "real_event"
      ? `${recordOn(p.a)} that activated the plan counts as the operations-based exercise and, with ${recordOn(p.b)}, the requirement is met until ${p.lapsesOn}`
      : `${recordOn(p.a)} and ${recordOn(p.b)} count until ${p.lapsesOn}`,
  missing: ({ a, b }) => {
    if (a.length === 0 && b.length === 0) return "there is no exercise and no real event that activated the plan in the last 12 months";
    if (a.length === 0)
      return "there is no operations-based exercise (drill, functional or full-scale), and no real event that activated the plan, in the last 12 months";
    const realNote = a.some((r) => r.kind === "real_event") ? `; ${REAL_EVENT_ONLY_A_TJC}` : "";
    return `there is no second exercise of any kind in the last 12 months${realNote}`;
  },
  exemptable: false,
};

/** CMS 42 CFR 482.15(d)(2) over the rolling 12 months ending `today`. */
export function evaluateCms(today: string, records: readonly CadenceRecord[]): CadenceResult {
  return evaluateSlots(today, records, CMS_RULE);
}

/** The Joint Commission EM exercise requirement over the rolling 12 months ending `today`. */
export function evaluateJointCommission(today: string, records: readonly CadenceRecord[]): CadenceResult {
  return evaluateSlots(today, records, TJC_RULE);
}

// ---------------------------------------------------------------------------------------------
// Per plan
// ---------------------------------------------------------------------------------------------
const everyMonths = (n: number) => (n === 1 ? "every month" : `every ${n} months`);

/**
 * A plan is satisfied until addMonths(latest record naming it, N). A plan never exercised (or only before its first
 * approval) is "due" until addMonths(firstApprovedOn, N) — not yet late — and overdue after that.
 */
export function evaluatePlanCadence(today: string, plan: CadencePlan, records: readonly CadenceRecord[]): CadenceResult {
  mustParse(today);
  const n = Number.isInteger(plan.intervalMonths) && plan.intervalMonths > 0 ? plan.intervalMonths : 12;
  const requirement = `Hospital policy asks for the plan "${plan.title}" to be exercised ${everyMonths(n)}`;
  const base = { ruleId: `plan:${plan.id}`, ruleName: `Plan exercised: ${plan.title}`, source: `Hospital policy: every plan exercised ${everyMonths(n)}` };
  const graceEnds = addMonths(plan.firstApprovedOn, n);
  let latest: CadenceRecord | null = null;
  for (const r of usable(records, today)) {
    if (!r.planIds.includes(plan.id)) continue;
    if (!latest || r.date > latest.date || (r.date === latest.date && r.id > latest.id)) latest = r;
  }
  const exercisedLapse = latest ? addMonths(latest.date, n) : null;

  if (latest && exercisedLapse !== null && exercisedLapse >= graceEnds) {
    if (exercisedLapse >= today) {
      const { state, daysLeft } = satisfiedState(today, exercisedLapse);
      return {
        ...base,
        state,
        daysLeft,
        lapsesOn: exercisedLapse,
        overdueSince: null,
        exempt: false,
        countedIds: [latest.id],
        sentence: `${lead(state, daysLeft, null)}: ${requirement}; ${recordOn(latest)} counts until ${exercisedLapse}.`,
      };
    }
    const overdueSince = nextDay(exercisedLapse);
    return {
      ...base,
      state: "overdue",
      daysLeft: null,
      lapsesOn: null,
      overdueSince,
      exempt: false,
      countedIds: [],
      sentence: `${lead("overdue", null, overdueSince)}: ${requirement}; it was last exercised by ${recordOn(latest)}, which counted until ${exercisedLapse}.`,
    };
  }

  // Not exercised since its first approval: first due at firstApprovedOn + N.
  if (graceEnds >= today) {
    const daysLeft = daysBetween(today, graceEnds);
    return {
      ...base,
      state: "due",
      daysLeft,
      lapsesOn: graceEnds,
      overdueSince: null,
      exempt: false,
      countedIds: [],
      sentence: `${lead("due", daysLeft, null)}: ${requirement}; it has not been exercised since it was first approved on ${plan.firstApprovedOn} and is due by ${graceEnds}.`,
    };
  }
  const overdueSince = nextDay(graceEnds);
  return {
    ...base,
    state: "overdue",
    daysLeft: null,
    lapsesOn: null,
    overdueSince,
    exempt: false,
    countedIds: [],
    sentence: `${lead("overdue", null, overdueSince)}: ${requirement}; it has not been exercised since it was first approved on ${plan.firstApprovedOn} and was due by ${graceEnds}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Site
// ---------------------------------------------------------------------------------------------
/** The site's applicable rules, in order: CMS, TJC, then each plan by title. Empty when no rule applies. */
export function evaluateSiteCadence(input: {
  today: string;
  records: readonly CadenceRecord[];
  plans: readonly CadencePlan[];
  settings: SiteRuleSettings;
}): CadenceResult[] {
  const { today, records, plans, settings } = input;
  const out: CadenceResult[] = [];
  if (settings.cms) out.push(evaluateCms(today, records));
  if (settings.jointCommission) out.push(evaluateJointCommission(today, records));
  if (settings.perPlan) {
    const sorted = [...plans].sort((x, y) => x.title.localeCompare(y.title, "en") || x.id - y.id);
    for (const p of sorted) out.push(evaluatePlanCadence(today, p, records));
  }
  return out;
}

/** overdue > due > met; null when there are no results. */
export function worstState(results: readonly CadenceResult[]): CadenceState | null {
  let worst: CadenceState | null = null;
  for (const r of results) if (worst === null || STATE_RANK[r.state] > STATE_RANK[worst]) worst = r.state;
  return worst;
}
