import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { DeviceListRow } from "@/lib/services/inventory/list-devices";
import { DEVICE_STATUS_LABELS } from "./labels";
import { SupportBadge } from "./support-badge";

export function DeviceTable({ rows }: { rows: DeviceListRow[] }) {
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
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <Td>
              <Link href={`/inventory/devices/${d.id}`}>{d.assetTag}</Link>
              {d.serialNumber && <span className="block text-xs text-slate-500">SN {d.serialNumber}</span>}
            </Td>
            <Td>
              {d.manufacturer ?? "—"}
              {d.modelId ? (
                <Link href={`/inventory/models/${d.modelId}`} className="block">
                  {d.model}
                </Link>
              ) : null}
            </Td>
            <Td>{d.deviceClass ?? <span className="text-slate-500">Not classified</span>}</Td>
            <Td>
              {d.site}
              <span className="block text-xs text-slate-500">{d.location ?? "No location"}</span>
            </Td>
            <Td>{DEVICE_STATUS_LABELS[d.status]}</Td>
            <Td>
              {d.connected ? "Connected" : "Not connected"}
              {d.ipAddress && <span className="block text-xs">{d.ipAddress}</span>}
              {d.hostname && <span className="block text-xs text-slate-500">{d.hostname}</span>}
              {d.storesPhi && <span className="block text-xs">Stores PHI</span>}
            </Td>
            <Td>
              <SupportBadge status={d.support} endsOn={d.supportEndsOn} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
