/**
 * FDA's postmarket clocks for a manufacturer's answer to a vulnerability, per (advisory, model). Pure; `today` is
 * passed in as YYYY-MM-DD.
 *
 * Source: FDA, "Postmarket Management of Cybersecurity in Medical Devices" (final guidance, December 2016), section
 * on uncontrolled risk: the manufacturer communicates with its customers no later than 30 days after learning of the
 * vulnerability, and fixes, validates and distributes a remediation no later than 60 days after. Clearline counts
 * from the advisory's initial public release — the day the hospital can hold the OEM to it — and shows the clocks as
 * a list for whoever holds "OEM contract security terms" in the RACI to chase.
 */
import { daysBetween } from "./cadence";

export const OEM_POSITIONS = ["not_answered", "validating", "patch_available", "not_affected", "mitigation_only", "unsupported"] as const;
export type OemPosition = (typeof OEM_POSITIONS)[number];
export const OEM_POSITION_LABELS: Record<OemPosition, string> = {
  not_answered: "Not yet answered",
  validating: "OEM validating a patch",
  patch_available: "OEM-validated patch available",
  not_affected: "OEM says not affected",
  mitigation_only: "No patch — mitigation only",
  unsupported: "Device no longer supported",
};

/** FDA 2016 postmarket guidance: communicate within 30 days, fix and validate within 60. */
export const FDA_ANSWER_DAYS = 30;
export const FDA_FIX_DAYS = 60;
export const FDA_GUIDANCE = "FDA, Postmarket Management of Cybersecurity in Medical Devices (2016): communicate within 30 days, validated fix within 60 days";

export interface OemClock {
  daysSincePublication: number;
  /** No answer from the OEM more than 30 days after publication. */
  answerOverdue: boolean;
  /** No validated fix (or "not affected") more than 60 days after publication while the OEM has not closed the question. */
  fixOverdue: boolean;
  overdue: boolean;
  /** A sentence for the list: what is overdue and by how many days, citing the guidance. */
  summary: string;
}

export function oemClock(publishedOn: string, position: OemPosition, today: string): OemClock {
  const days = Math.max(0, daysBetween(publishedOn, today));
  const answerOverdue = position === "not_answered" && days > FDA_ANSWER_DAYS;
  // "Mitigation only" and "no longer supported" are answers that close the fix clock: the hospital's own
  // replace-or-mitigate decision takes over from there.
  const fixOverdue = (position === "not_answered" || position === "validating") && days > FDA_FIX_DAYS;
  const parts: string[] = [];
  if (answerOverdue) parts.push(`no answer ${days - FDA_ANSWER_DAYS} days past the 30-day mark`);
  if (fixOverdue) parts.push(`no validated fix ${days - FDA_FIX_DAYS} days past the 60-day mark`);
  const summary = parts.length
    ? `OEM overdue: ${parts.join("; ")} (${FDA_GUIDANCE}).`
    : `${days} day${days === 1 ? "" : "s"} since publication; ${OEM_POSITION_LABELS[position].toLowerCase()}.`;
  return { daysSincePublication: days, answerOverdue, fixOverdue, overdue: answerOverdue || fixOverdue, summary };
}
