import type { CadenceState } from "@/lib/rules/cadence";

/** A site's cadence state for one rule in words; null means the rule does not apply to the site. */
export function cadenceWord(state: CadenceState | null): "Met" | "Due soon" | "Overdue" | "Not applicable" {
  return state === "met" ? "Met" : state === "due" ? "Due soon" : state === "overdue" ? "Overdue" : "Not applicable";
}

export const CADENCE_TONE = { met: "good", due: "warn", overdue: "bad" } as const;

/** A score change with its sign: "+0.25", "−0.10" (a true minus sign), "0.00", or "—" when there is nothing to compare with. */
export function changeText(change: number | null): string {
  if (change == null) return "—";
  if (change > 0) return `+${change.toFixed(2)}`;
  if (change < 0) return `\u2212${Math.abs(change).toFixed(2)}`;
  return "0.00";
}

export const scoreText = (v: number | null) => (v == null ? "—" : v.toFixed(2));

/** `?site=ID` for links that keep the dashboard's scope, or "" for the whole organization. */
export const siteQuery = (siteId: number | null, sep: "?" | "&" = "?") => (siteId == null ? "" : `${sep}site=${siteId}`);

/** "YYYY-MM-DD" of an ISO timestamp. */
export const dateOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "—");
