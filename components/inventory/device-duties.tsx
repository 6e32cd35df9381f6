import Link from "next/link";
import type { EffectiveDuties } from "@/lib/services/raci/effective-duties";

const who = (hs: { party: string; lead: string | null }[]) => (hs.length === 0 ? "—" : hs.map((h) => `${h.party} (${h.lead ?? "no lead"})`).join("; "));

/** Who is Accountable and Responsible for this device's patching, segmentation, vendor access and recalls. */
export function DeviceDuties({ duties, deviceClass }: { duties: EffectiveDuties | null; deviceClass: { id: number; name: string } | null }) {
  if (!deviceClass) return <p className="text-sm text-slate-600">The device’s model has no device class, so no responsibilities apply yet.</p>;
  if (!duties || !duties.version)
    return (
      <p className="text-sm">
        No signed responsibilities: <Link href={`/raci/${deviceClass.id}`}>{deviceClass.name}</Link> has no effective signed RACI version.
      </p>
    );
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        From the signed RACI of <Link href={`/raci/${deviceClass.id}`}>{deviceClass.name}</Link>, version {duties.version.versionNo}
        {duties.version.effectiveAt ? `, effective ${duties.version.effectiveAt.slice(0, 10)}` : ""}.
      </p>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Signed responsibilities for this device</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left">
              Duty
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              Accountable
            </th>
            <th scope="col" className="px-2 py-1 text-left">
              Responsible
            </th>
          </tr>
        </thead>
        <tbody>
          {duties.duties.map((d) => (
            <tr key={d.key} className="border-t border-slate-100">
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {d.label}
                {d.activity && <span className="block text-xs font-normal text-slate-500">{d.activity}</span>}
              </th>
              <td className="px-2 py-1">{who(d.accountable)}</td>
              <td className="px-2 py-1">{who(d.responsible)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
