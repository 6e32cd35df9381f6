import { Table, Th } from "@/components/ui/table";
import { badgeHtml, html, type Html } from "@/components/ui/html";
import { rememberMarkup } from "@/components/ui/static-markup";
import { StaticPart } from "@/components/ui/static-part";
import type { DeviceListRow } from "@/lib/services/inventory/list-devices";
import { DEVICE_STATUS_LABELS, SUPPORT_STATUS_LABELS, SUPPORT_TONES } from "./labels";
import { supportText } from "./support-badge";

const small = (text: string) => html`<span class="sub">${text}</span>`;

/** One device's cells as markup (components/ui/html.ts, decision 0038): every value escaped, links from ids only. */
function deviceRow(d: DeviceListRow): Html {
  return html`<tr>
    <td><a href="/inventory/devices/${d.id}">${d.assetTag}</a>${d.serialNumber && small(`SN ${d.serialNumber}`)}</td>
    <td>${d.manufacturer ?? "—"}${d.modelId && html`<a href="/inventory/models/${d.modelId}" class="block">${d.model}</a>`}</td>
    <td>${d.deviceClass ?? html`<span class="text-slate-500">Not classified</span>`}</td>
    <td>${d.site}${small(d.location ?? "No location")}</td>
    <td>${DEVICE_STATUS_LABELS[d.status]}</td>
    <td>
      ${d.connected ? "Connected" : "Not connected"}${d.ipAddress && small(d.ipAddress)}${d.hostname && small(d.hostname)}${d.storesPhi && small("Stores PHI")}
    </td>
    <td>${badgeHtml(SUPPORT_TONES[d.support], SUPPORT_STATUS_LABELS[d.support] + supportText(d.support, d.supportEndsOn))}</td>
  </tr>`;
}

/** The rows of a page of devices as markup. */
export function deviceRowsHtml(rows: readonly DeviceListRow[]): string {
  return html`${rows.map(deviceRow)}`.value;
}

/**
 * The inventory list: a page of devices, read-only; the rows are one markup string (decision 0038). A page's rows are
 * shared between requests while the inventory stands still (listDevices' memo), so their markup is built once per
 * page, kept with it, and written once into a document's HTML (decision 0045).
 */
export function DeviceTable({ rows }: { rows: readonly DeviceListRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No device matches these filters.</p>;
  return (
    <Table caption="Devices">
      <thead>
        <tr>
          <Th>Asset tag</Th>
          <Th>Manufacturer and model</Th>
          <Th>Device class</Th>
          <Th>Site and location</Th>
          <Th>Status</Th>
          <Th>Network</Th>
          <Th>Support</Th>
        </tr>
      </thead>
      <StaticPart as="tbody" markup={rememberMarkup(rows, "rows", () => deviceRowsHtml(rows))} />
    </Table>
  );
}
