import { percentOf } from "@/lib/rules/percent";

/** A progress bar with its numbers as text, so it never depends on color or shape alone. */
export function Progress({ value, max, label, ariaLabel }: { value: number; max: number; label: string; ariaLabel?: string }) {
  const pct = percentOf(value, max);
  return (
    <div>
      <div className="flex justify-between text-xs text-slate-700">
        <span>{label}</span>
        <span>
          {value} of {max} answered ({pct}%)
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={ariaLabel ?? label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${value} of ${max} answered`}
        className="mt-1 h-2 w-full rounded bg-slate-200"
      >
        <div className="h-2 rounded bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
