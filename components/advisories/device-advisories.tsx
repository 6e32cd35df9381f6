import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { OemPosition } from "@/lib/rules/oem-clock";
import type { listDeviceAdvisories } from "@/lib/services/advisories/list-device-advisories";
import { CONFIDENCE_LABELS, OemPositionBadge } from "./advisory-matches";

/** A device's advisories: affected first, with KEV flag, CVSS, confidence, why, and the OEM's position for its model. */
export function DeviceAdvisories({ rows }: { rows: ReturnType<typeof listDeviceAdvisories> }) {
  if (rows.length === 0) return <p className="text-sm text-slate-700">No advisory matches this device.</p>;
  return (
    <Table caption="Advisories that match this device">
      <thead>
        <tr>
          <Th>Advisory</Th>
          <Th>Severity</Th>
          <Th>Match</Th>
          <Th>OEM</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.matchId}>
            <Td className="max-w-sm break-words">
              <Link href={`/advisories/${r.advisoryId}`}>{r.trackingId}</Link>
              <span className="block text-xs text-slate-600">{r.title}</span>
            </Td>
            <Td>
              {r.cvss !== null ? <span className="tabular-nums">CVSS {r.cvss.toFixed(1)}</span> : "—"}
              {r.kevCves && (
                <span className="block">
                  <Badge tone="bad">Known exploited: {r.kevCves}</Badge>
                </span>
              )}
            </Td>
            <Td className="max-w-md break-words text-sm">
              <Badge tone={r.affected ? "bad" : r.reviewDecision === "dismissed" ? "neutral" : "warn"}>
                {r.reviewDecision === "dismissed" ? "Dismissed" : r.reviewDecision === "confirmed" ? "Confirmed" : CONFIDENCE_LABELS[r.confidence]}
              </Badge>
              <span className="block">{r.reason}</span>
              {r.reviewReason && <span className="block text-slate-600">Review: {r.reviewReason}</span>}
            </Td>
            <Td>
              <OemPositionBadge position={r.oemPosition as OemPosition} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
