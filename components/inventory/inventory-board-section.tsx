import type { InventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { SUPPORT_STATUSES } from "@/lib/rules/support-status";
import { SUPPORT_STATUS_LABELS } from "./labels";

/** The board report's inventory section: the dashboard's figures as print tables. */
export function InventoryBoardSection({
  summary,
  scopeName,
  classes,
}: {
  summary: InventorySummary;
  scopeName: string;
  classes: { h2: string; th: string; cell: string; num: string };
}) {
  return (
    <section aria-labelledby="board-inventory">
      <h2 id="board-inventory" className={classes.h2}>
        Inventory
      </h2>
      <p>
        {summary.devices.toLocaleString("en-US")} devices in service, in storage or out for repair at {scopeName}; inventory accuracy{" "}
        {summary.accuracyScore === null ? "not measurable yet" : `${summary.accuracyScore} %`}.
      </p>
      <table className="mt-1 border-collapse">
        <caption className="sr-only">Devices by OEM support status</caption>
        <thead>
          <tr>
            <th scope="col" className={classes.th}>
              OEM support status
            </th>
            <th scope="col" className={classes.th}>
              Devices
            </th>
          </tr>
        </thead>
        <tbody>
          {SUPPORT_STATUSES.map((s) => (
            <tr key={s}>
              <th scope="row" className={classes.th}>
                {SUPPORT_STATUS_LABELS[s]}
              </th>
              <td className={classes.num}>{summary.bySupport[s].toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.unsupportedConnectedBySite.length > 0 && (
        <table className="mt-2 border-collapse">
          <caption className="sr-only">Unsupported devices on the network, by site</caption>
          <thead>
            <tr>
              <th scope="col" className={classes.th}>
                Unsupported devices on the network: site
              </th>
              <th scope="col" className={classes.th}>
                Devices
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.unsupportedConnectedBySite.map((r) => (
              <tr key={r.siteId}>
                <th scope="row" className={classes.th}>
                  {r.site}
                </th>
                <td className={classes.num}>{r.n.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
