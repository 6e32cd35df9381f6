import type { ReactNode } from "react";

/** Label → value pairs as a definition list, two columns (a device's or a recall's facts). */
export function FactList({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {facts.map(([k, val]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-700">{k}</dt>
          <dd>{val}</dd>
        </div>
      ))}
    </dl>
  );
}
