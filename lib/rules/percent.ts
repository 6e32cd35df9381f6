/**
 * The one rounding rule for every percentage Clearline shows (dashboard, board report, XLSX export, progress
 * bars): the nearest whole percent, half up, except that a share that is not complete never shows as 100% and a
 * share that is not nothing never shows as 0%. So 20 of 106 is 19% everywhere, 105 of 106 is 99% (not done),
 * and 1 of 1,000 is 1% (something started). Two places rounding differently once showed 19% and 18% for the
 * same figure.
 */
export function percentOf(part: number, whole: number): number {
  if (!(whole > 0) || !(part > 0)) return 0;
  if (part >= whole) return 100;
  const pct = Math.round((part / whole) * 100);
  return Math.min(99, Math.max(1, pct));
}
