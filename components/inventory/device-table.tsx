import { Table, Th } from "@/components/ui/table";
import { badgeHtml, html, type Html } from "@/components/ui/html";
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

/**
 * A page's rows are shared between requests while the inventory stands still (listDevices' memo), so their markup is
 * built once per page and kept with it.
 */
const bodyMemo = new WeakMap<readonly DeviceListRow[], string>();
function bodyOf(rows: readonly DeviceListRow[]): string {
  let body = bodyMemo.get(rows);
  if (body === undefined) bodyMemo.set(rows, (body = html`${rows.map(deviceRow)}`.value));
  return body;
}

/** The inventory list: a page of devices, read-only; the rows are one markup string (decision 0038). */
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
      <tbody dangerouslySetInnerHTML={{ __html: bodyOf(rows) }} />
    </Table>
  );
}
