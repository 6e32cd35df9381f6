import type { CadenceResult, CadenceState } from "@/lib/rules/cadence";
import { DRILL_STATUS_LABELS, RATING_LABELS, type DrillStatus, type ObjectiveRating } from "@/lib/rules/drills";
import { Badge } from "@/components/ui/badge";

type Tone = "good" | "warn" | "bad" | "neutral" | "info";

const DRILL_STATUS_TONE: Record<DrillStatus, Tone> = {
  planned: "info",
  conducted: "warn",
  aar_review: "warn",
  aar_approved: "good",
  closed: "good",
  cancelled: "neutral",
};

/** The drill's status in words; the tone only reinforces it. */
export function DrillStatusBadge({ status }: { status: DrillStatus }) {
  return <Badge tone={DRILL_STATUS_TONE[status]}>{DRILL_STATUS_LABELS[status]}</Badge>;
}

const CADENCE_TONE: Record<CadenceState, Tone> = { met: "good", due: "warn", overdue: "bad" };

/** "Met", "Due in N days" or "Overdue", plus "(exempt after a real event)" when a real event fills the CMS slot. */
export function cadenceStatusText(r: Pick<CadenceResult, "state" | "daysLeft" | "exempt">): string {
  const word =
    r.state === "met"
      ? "Met"
      : r.state === "overdue"
        ? "Overdue"
        : r.daysLeft === 0
          ? "Due today"
          : `Due in ${r.daysLeft ?? 0} day${r.daysLeft === 1 ? "" : "s"}`;
  return r.exempt ? `${word} (exempt after a real event)` : word;
}

export function CadenceBadge({ result }: { result: Pick<CadenceResult, "state" | "daysLeft" | "exempt"> }) {
  return <Badge tone={CADENCE_TONE[result.state]}>{cadenceStatusText(result)}</Badge>;
}

/** "P — Performed without challenges", or "Not rated". */
export function ratingText(rating: string | null): string {
  if (!rating) return "Not rated";
  return `${rating} — ${RATING_LABELS[rating as ObjectiveRating] ?? rating}`;
}

export function attendanceText(attended: boolean | null): string {
  return attended === true ? "Attended" : attended === false ? "Absent" : "not recorded";
}

const SHORT_TYPE: Record<string, string> = {
  seminar: "Seminar",
  workshop: "Workshop",
  tabletop: "Tabletop",
  game: "Game",
  drill: "Drill",
  functional: "Functional",
  full_scale: "Full-scale",
};

/** A short type for dense places (the calendar). */
export function shortTypeLabel(d: { kind: string; type: string | null }): string {
  if (d.kind === "real_event") return "Real event";
  return SHORT_TYPE[d.type ?? ""] ?? d.type ?? "?";
}

/** A measured time in words: "45 minutes", "2 h 5 min (125 minutes)". */
export function minutesText(m: number | null): string {
  if (m == null) return "not measured";
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"}`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return `${h} h${rest ? ` ${rest} min` : ""} (${m} minutes)`;
}

export const MEASURED_TIMES = [
  ["minutesToDetect", "Time to detect"],
  ["minutesToIsolate", "Time to isolate"],
  ["minutesToNotifyOem", "Time to notify the OEM"],
  ["minutesToRestore", "Time to restore"],
] as const;
