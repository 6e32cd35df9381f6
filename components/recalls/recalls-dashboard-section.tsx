import { DashboardSection } from "@/components/dashboard/dashboard-view";
import type { RecallFigures } from "@/lib/services/recalls/get-recall-figures";

/** Recalls and replace-or-mitigate figures; every number links to its list (ID.AM-08, ID.RA-06/07). */
export function RecallsSection({ figures, siteId, headingId = "dash-recalls" }: { figures: RecallFigures; siteId: number | null; headingId?: string }) {
  const site = siteId ? `&site=${siteId}` : "";
  const tile = (href: string, value: number, label: string) => (
    <li key={label}>
      <a href={href} className="block rounded-lg border border-slate-200 px-3 py-2 no-underline">
        <span className="block text-2xl font-semibold tabular-nums text-slate-900">{value.toLocaleString("en-US")}</span>
        <span className="text-sm text-slate-700">{label}</span>
      </a>
    </li>
  );
  return (
    <DashboardSection
      id={headingId}
      title="Recalls and unsupported devices"
      note="Devices with an FDA recall whose action is not recorded (ID.AM-08), and devices past end of security patches with open advisories (ID.RA-06/07)."
    >
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Recall and replace-or-mitigate figures">
        {tile(`/recalls?status=outstanding${site}`, figures.outstanding, "Devices with an outstanding recall")}
        {figures.outstandingByClass.map((c) =>
          tile(
            `/recalls?status=outstanding&class=${c.recallClass ?? "none"}${site}`,
            c.devices,
            c.recallClass ? `Outstanding, Class ${c.recallClass}` : "Outstanding, class not stated",
          ),
        )}
        {tile(`/inventory/decisions${siteId ? `?site=${siteId}` : ""}`, figures.unsupportedWithoutDecision, "Unsupported devices without a decision")}
        {tile(`/inventory/decisions${siteId ? `?site=${siteId}` : ""}`, figures.decisionsOverdue, "Decisions overdue for review")}
      </ul>
    </DashboardSection>
  );
}
