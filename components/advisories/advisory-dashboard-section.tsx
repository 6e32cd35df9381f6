import { DashboardSection } from "@/components/dashboard/dashboard-view";
import type { AdvisorySummary } from "@/lib/services/advisories/get-advisory-summary";

/** The dashboard's advisory figures (issue #13 item 7); every number links to the list behind it. */
export function AdvisorySection({ summary, siteId, headingId = "dash-advisories" }: { summary: AdvisorySummary; siteId: number | null; headingId?: string }) {
  const site = siteId ? `&site=${siteId}` : "";
  const figures: { n: number; label: string; href: string }[] = [
    { n: summary.kevUnpatchedDevices, label: "Known-exploited, not yet patched", href: `/advisories/devices?kev=1&unpatched=1${site}` },
    { n: summary.kevAffectedDevices, label: "Devices affected by known-exploited vulnerabilities", href: `/advisories/devices?kev=1${site}` },
    { n: summary.affectedDevices, label: "Devices affected by advisories", href: `/advisories/devices?${site.slice(1)}` },
    { n: summary.oemOverdue, label: "OEM overdue answers", href: `/advisories/oem-overdue${siteId ? `?site=${siteId}` : ""}` },
    { n: summary.awaitingReview, label: "Possible matches awaiting review", href: `/advisories/devices?review=1${site}` },
  ];
  return (
    <DashboardSection
      id={headingId}
      title="Advisories"
      note={`${summary.advisories} advisories matched to the inventory (ID.RA-01, ID.RA-02, ID.RA-08); OEM clocks from the FDA postmarket guidance.`}
    >
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Advisory figures">
        {figures.map((f) => (
          <li key={f.label}>
            <a href={f.href} className="block rounded-lg border border-slate-200 px-3 py-2 no-underline">
              <span className="block text-2xl font-semibold tabular-nums text-slate-900">{f.n.toLocaleString("en-US")}</span>
              <span className="text-sm text-slate-700">{f.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </DashboardSection>
  );
}
