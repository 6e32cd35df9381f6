/**
 * NIST CSF 2.0 assessment scoring. Each subcategory gets a current and a target score on a defined
 * scale, or N/A with a reason. Roll-ups average the answered, applicable subcategories: subcategory →
 * category → function → overall. N/A is excluded, never counted as zero. Pure: data in, numbers out.
 */
export const SCORE_SCALE = [
  { value: 0, label: "Not implemented", criterion: "The outcome is not achieved; no practice is in place." },
  { value: 1, label: "Partially", criterion: "Some practices exist but are informal, inconsistent or cover a minority of device classes." },
  { value: 2, label: "Largely", criterion: "Documented practices cover most device classes and are usually followed; gaps are known." },
  { value: 3, label: "Fully", criterion: "The outcome is achieved for all in-scope devices, documented, followed and reviewed." },
] as const;
export type Score = 0 | 1 | 2 | 3;

export const TIERS = [
  { value: 1, label: "Partial" },
  { value: 2, label: "Risk Informed" },
  { value: 3, label: "Repeatable" },
  { value: 4, label: "Adaptive" },
] as const;

export interface Answer {
  subcategoryId: string;
  /** null when unanswered */
  current: Score | null;
  target: Score | null;
  notApplicable: boolean;
}

export interface Rollup {
  id: string;
  current: number | null;
  target: number | null;
  gap: number | null;
  answered: number;
  applicable: number;
  total: number;
}

const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

/** An answer counts when it is N/A (with its reason, checked elsewhere) or has both scores. */
export function isAnswered(a: Answer | undefined): boolean {
  return Boolean(a && (a.notApplicable || (a.current !== null && a.target !== null)));
}

export function rollup(id: string, subcategoryIds: readonly string[], answers: ReadonlyMap<string, Answer>): Rollup {
  const scored = subcategoryIds
    .map((s) => answers.get(s))
    .filter((a): a is Answer => Boolean(a && !a.notApplicable && a.current !== null && a.target !== null));
  const current = avg(scored.map((a) => a.current!));
  const target = avg(scored.map((a) => a.target!));
  return {
    id,
    current,
    target,
    gap: current !== null && target !== null ? Math.round((target - current) * 100) / 100 : null,
    answered: subcategoryIds.filter((s) => isAnswered(answers.get(s))).length,
    applicable: subcategoryIds.filter((s) => !answers.get(s)?.notApplicable).length,
    total: subcategoryIds.length,
  };
}

export interface CatalogShape {
  functions: { id: string; categories: { id: string; subcategories: { id: string }[] }[] }[];
}

/** Category, function and overall roll-ups for a catalog. */
export function scoreAssessment(catalog: CatalogShape, answers: readonly Answer[]) {
  const map = new Map(answers.map((a) => [a.subcategoryId, a]));
  const categories: Rollup[] = [];
  const functions: Rollup[] = [];
  const all: string[] = [];
  for (const f of catalog.functions) {
    const fIds: string[] = [];
    for (const c of f.categories) {
      const ids = c.subcategories.map((s) => s.id);
      categories.push(rollup(c.id, ids, map));
      fIds.push(...ids);
    }
    functions.push(rollup(f.id, fIds, map));
    all.push(...fIds);
  }
  return { categories, functions, overall: rollup("overall", all, map) };
}

export interface Gap {
  subcategoryId: string;
  current: Score;
  target: Score;
  gap: number;
  criticality: number;
}

/**
 * The gap list: applicable subcategories whose target exceeds the current score, largest gap first, then
 * by criticality (higher first; e.g. how many critical device classes the outcome touches), then by id.
 */
export function gapList(answers: readonly Answer[], criticality: (subcategoryId: string) => number = () => 0): Gap[] {
  return answers
    .filter((a) => !a.notApplicable && a.current !== null && a.target !== null && a.target > a.current)
    .map((a) => ({
      subcategoryId: a.subcategoryId,
      current: a.current!,
      target: a.target!,
      gap: a.target! - a.current!,
      criticality: criticality(a.subcategoryId),
    }))
    .sort((x, y) => y.gap - x.gap || y.criticality - x.criticality || x.subcategoryId.localeCompare(y.subcategoryId));
}

/** Change per roll-up between a previous approved assessment and this one (null where either has no score). */
export function compareRollups(
  previous: readonly Rollup[],
  current: readonly Rollup[],
): { id: string; before: number | null; after: number | null; change: number | null }[] {
  const prev = new Map(previous.map((r) => [r.id, r]));
  return current.map((r) => {
    const before = prev.get(r.id)?.current ?? null;
    const after = r.current;
    return { id: r.id, before, after, change: before !== null && after !== null ? Math.round((after - before) * 100) / 100 : null };
  });
}
