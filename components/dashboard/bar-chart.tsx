/**
 * Horizontal grouped bars as SVG, for comparisons (current vs target per CSF function, open vs overdue items
 * per party). Every bar carries its number as text, series differ by pattern (solid / hatched) as well as by
 * color, and the SVG's title and description repeat every number for screen readers; the page shows the same
 * numbers in a table. SVG fills print without "background graphics", unlike CSS backgrounds.
 */
export interface BarSeries {
  label: string;
  style: "solid" | "hatched";
}

export interface BarRow {
  label: string;
  values: (number | null)[];
}

const WIDTH = 640;
const VALUE_W = 52;
const BAR_H = 13;
const BAR_GAP = 3;
const ROW_GAP = 12;
const AXIS_H = 22;

export function BarChart({
  id,
  title,
  series,
  rows,
  max,
  ticks,
  format = (v) => String(v),
  tickFormat = (v) => String(v),
}: {
  /** Unique on the page: names the hatch pattern and the title/description elements. */
  id: string;
  title: string;
  series: BarSeries[];
  rows: BarRow[];
  max: number;
  ticks: number[];
  /** A bar's value as text. */
  format?: (v: number) => string;
  tickFormat?: (v: number) => string;
}) {
  // Room for the longest row label (about 7.2 units a character at 12 px semibold), within reason.
  const labelW = Math.min(240, Math.max(80, Math.ceil(Math.max(...rows.map((r) => r.label.length), 4) * 7.2) + 12));
  // Longer labels are shortened on the chart only; the description and the table beside it give them in full.
  const shown = (label: string) => (label.length > 31 ? `${label.slice(0, 30)}…` : label);
  const plotW = WIDTH - labelW - VALUE_W;
  const rowH = series.length * BAR_H + (series.length - 1) * BAR_GAP;
  const height = rows.length * (rowH + ROW_GAP) + AXIS_H;
  const x = (v: number) => labelW + (Math.max(0, Math.min(v, max)) / (max || 1)) * plotW;
  const hatch = `${id}-hatch`;
  const valueText = (v: number | null) => (v == null ? "not scored" : format(v));
  const desc = rows.map((r) => `${r.label}: ${series.map((s, i) => `${s.label.toLowerCase()} ${valueText(r.values[i] ?? null)}`).join(", ")}`).join("; ");

  return (
    <figure className="w-full">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="block h-auto max-w-full text-slate-900"
        style={{ maxWidth: `${WIDTH}px` }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}.</desc>
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#475569" strokeWidth="3" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={height - AXIS_H + 2} stroke="#cbd5e1" strokeWidth="1" />
            <text x={x(t)} y={height - 6} textAnchor="middle" fontSize="11" fill="#334155">
              {tickFormat(t)}
            </text>
          </g>
        ))}
        {rows.map((r, ri) => {
          const top = ri * (rowH + ROW_GAP) + ROW_GAP / 2;
          return (
            <g key={r.label}>
              <text x={labelW - 8} y={top + rowH / 2 + 4} textAnchor="end" fontSize="12" fontWeight="600" fill="#0f172a">
                {shown(r.label)}
              </text>
              {series.map((s, si) => {
                const v = r.values[si] ?? null;
                const y = top + si * (BAR_H + BAR_GAP);
                const end = v == null ? labelW : x(v);
                return (
                  <g key={s.label}>
                    {v != null && v > 0 && (
                      <rect
                        x={labelW}
                        y={y}
                        width={end - labelW}
                        height={BAR_H}
                        fill={s.style === "solid" ? "#115e59" : `url(#${hatch})`}
                        stroke={s.style === "solid" ? "none" : "#334155"}
                        strokeWidth="1"
                      />
                    )}
                    <text x={end + 5} y={y + BAR_H - 2} fontSize="11" fill="#0f172a">
                      {valueText(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 print:text-black">
        {series.map((s) => (
          <span key={s.label} className="inline-flex items-center gap-1.5">
            <svg width="18" height="10" aria-hidden="true" className="shrink-0">
              {s.style === "solid" ? (
                <rect width="18" height="10" fill="#115e59" />
              ) : (
                <>
                  <defs>
                    <pattern id={`${hatch}-key`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                      <rect width="6" height="6" fill="#ffffff" />
                      <line x1="0" y1="0" x2="0" y2="6" stroke="#475569" strokeWidth="3" />
                    </pattern>
                  </defs>
                  <rect x="0.5" y="0.5" width="17" height="9" fill={`url(#${hatch}-key)`} stroke="#334155" />
                </>
              )}
            </svg>
            {s.style === "solid" ? "Solid bar" : "Hatched bar"}: {s.label.toLowerCase()}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Whole-number ticks from 0 to a round maximum at or above `top`, at most about five of them. */
export function countScale(top: number): { max: number; ticks: number[] } {
  if (top <= 0) return { max: 1, ticks: [0, 1] };
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000].find((s) => top / s <= 5) ?? Math.ceil(top / 5);
  const max = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return { max, ticks };
}
