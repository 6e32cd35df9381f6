/** Current vs target per function as bars (0–3). Decorative for screen readers: the table beside it has the numbers. */
export function ScoreChart({ rows }: { rows: { label: string; current: number | null; target: number | null }[] }) {
  const pct = (v: number | null) => `${((v ?? 0) / 3) * 100}%`;
  return (
    <div aria-hidden="true" className="space-y-3">
      {rows.map((r) => (
        <div key={r.label} className="grid grid-cols-[8rem_1fr] items-center gap-3 text-xs">
          <span className="font-medium text-slate-800">{r.label}</span>
          <div className="space-y-1">
            <div className="flex items-center gap-2">
              <div className="h-3 rounded bg-brand-600" style={{ width: pct(r.current) }} />
              <span>Current {r.current ?? "—"}</span>
            </div>
            <div className="flex items-center gap-2">
              <div
                className="h-3 rounded border border-slate-500 bg-[repeating-linear-gradient(45deg,#cbd5e1_0,#cbd5e1_3px,#fff_3px,#fff_6px)]"
                style={{ width: pct(r.target) }}
              />
              <span>Target {r.target ?? "—"}</span>
            </div>
          </div>
        </div>
      ))}
      <p className="text-[11px] text-slate-500">Scale 0–3. Solid bar: current; hatched bar: target.</p>
    </div>
  );
}
