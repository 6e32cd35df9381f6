import { DashboardSection } from "@/components/dashboard/dashboard-view";
import type { InventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { SUPPORT_STATUSES } from "@/lib/rules/support-status";
import { SUPPORT_STATUS_LABELS } from "./labels";

/** The dashboard's inventory figures; every number links to the devices behind it. `print` drops the links' styling for the board report. */
export function InventorySection({ summary, siteId, headingId = "dash-inventory" }: { summary: InventorySummary; siteId: number | null; headingId?: string }) {
  const site = siteId ? `&site=${siteId}` : "";
  return (
    <DashboardSection
      id={headingId}
      title="Inventory"
      note="Clinical devices by OEM support status (GV.SC-07, ID.AM-08) and the inventory's accuracy (ID.AM-01/02)."
    >
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Devices by support status">
        <li>
          <a href={`/inventory${siteId ? `?site=${siteId}` : ""}`} className="block rounded-lg border border-slate-200 px-3 py-2 no-underline">
            <span className="block text-2xl font-semibold tabular-nums text-slate-900">{summary.devices.toLocaleString("en-US")}</span>
            <span className="text-sm text-slate-700">Devices</span>
          </a>
        </li>
        {SUPPORT_STATUSES.map((s) => (
          <li key={s}>
            <a href={`/inventory?support=${s}${site}`} className="block rounded-lg border border-slate-200 px-3 py-2 no-underline">
              <span className="block text-2xl font-semibold tabular-nums text-slate-900">{summary.bySupport[s].toLocaleString("en-US")}</span>
              <span className="text-sm text-slate-700">{SUPPORT_STATUS_LABELS[s]}</span>
            </a>
          </li>
        ))}
      </ul>
      <div>
        <h3 className="text-sm font-semibold">Unsupported devices on the network, by site</h3>
        {summary.unsupportedConnectedBySite.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <table className="mt-1 text-sm">
            <caption className="sr-only">Unsupported connected devices by site</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-6 text-left">
                  Site
                </th>
                <th scope="col" className="text-right">
                  Devices
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.unsupportedConnectedBySite.map((r) => (
                <tr key={r.siteId}>
                  <th scope="row" className="pr-6 text-left font-normal">
                    {r.site}
                  </th>
                  <td className="text-right tabular-nums">
                    <a href={`/inventory?support=unsupported&connected=yes&site=${r.siteId}`}>{r.n.toLocaleString("en-US")}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <p className="text-sm">
        Inventory accuracy:{" "}
        <a href={`/inventory${siteId ? `?site=${siteId}` : ""}`}>{summary.accuracyScore === null ? "nothing to measure yet" : `${summary.accuracyScore} %`}</a>{" "}
        (devices with a class, a location and, when connected, an address).
      </p>
    </DashboardSection>
  );
}
