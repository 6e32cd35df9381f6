import type { DrillStatus } from "@/lib/rules/drills";
import { cn } from "@/components/ui/cn";

const STEPS: { status: Exclude<DrillStatus, "cancelled">; label: string }[] = [
  { status: "planned", label: "Planned" },
  { status: "conducted", label: "Conducted" },
  { status: "aar_review", label: "AAR in review" },
  { status: "aar_approved", label: "AAR approved" },
  { status: "closed", label: "Closed" },
];

/**
 * HSEEP lifecycle (lib/rules/drills.ts): Planned → Conducted → AAR in review → AAR approved → Closed.
 * The current step says "current" in words and carries aria-current; done steps say "done".
 */
export function LifecycleStepper({ status, kind }: { status: DrillStatus; kind: string }) {
  const cancelled = status === "cancelled";
  const at = cancelled ? 0 : STEPS.findIndex((s) => s.status === status);
  return (
    <ol aria-label="Lifecycle" className="flex flex-wrap gap-2 text-sm">
      {STEPS.map((s, i) => {
        const current = !cancelled && i === at;
        const done = !cancelled && i < at;
        const note = current
          ? "current"
          : done
            ? i === 0 && kind === "real_event"
              ? "skipped: real event"
              : "done"
            : cancelled && i === 0
              ? "cancelled"
              : null;
        return (
          <li
            key={s.status}
            aria-current={current ? "step" : undefined}
            className={cn(
              "rounded-md border px-2.5 py-1",
              current
                ? "border-brand-700 bg-brand-50 font-semibold text-brand-800"
                : done
                  ? "border-slate-300 bg-white text-slate-700"
                  : "border-dashed border-slate-300 text-slate-500",
            )}
          >
            <span aria-hidden="true">{i + 1}. </span>
            {s.label}
            {note && <span className="ml-1 font-normal">({note})</span>}
          </li>
        );
      })}
    </ol>
  );
}
