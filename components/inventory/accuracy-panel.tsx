import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { getAccuracy } from "@/lib/services/inventory/get-accuracy";

/** Inventory accuracy (ID.AM-01/02): every figure links to the devices behind it. */
export function AccuracyPanel({ accuracy, siteId }: { accuracy: ReturnType<typeof getAccuracy>; siteId: number | null }) {
  const href = (q: string) => `/inventory?${q}${siteId ? `&site=${siteId}` : ""}`;
  return (
    <Card title={`Inventory accuracy${accuracy.score === null ? "" : `: ${accuracy.score} %`}`}>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Inventory accuracy figures">
        {accuracy.figures.map((f) => (
          <li key={f.key} className="rounded-md border border-slate-200 p-3">
            <Link href={href(accuracy.links[f.key])} className="block no-underline">
              <span className="block text-2xl font-semibold text-slate-900">
                {f.kind === "share" ? (f.percent === null ? "—" : `${f.percent} %`) : f.value.toLocaleString("en-US")}
              </span>
              <span className="block text-sm text-slate-700">{f.label}</span>
              <span className="block text-xs text-slate-500">
                {f.kind === "share"
                  ? `${f.value.toLocaleString("en-US")} of ${f.of.toLocaleString("en-US")}`
                  : `of ${f.of.toLocaleString("en-US")} ${f.key === "unknownSupport" ? "models in use" : "devices"}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
