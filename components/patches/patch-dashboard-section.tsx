import { DashboardSection } from "@/components/dashboard/dashboard-view";
import type { PatchSummary } from "@/lib/services/patches/get-patch-summary";

const tile = "block rounded-lg border border-slate-200 px-3 py-2 no-underline";

/** The dashboard's patch figures (CSF PR.PS-02); every number links to the queue filtered to what it counts. */
export function PatchSection({ summary, siteId }: { summary: PatchSummary; siteId: number | null }) {
  const q = (params: Record<string, string | number>) =>
    `/patches?${new URLSearchParams({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), ...(siteId ? { site: String(siteId) } : {}) })}`;
  return (
    <DashboardSection
      id="dash-patches"
      title="OEM-validated patches"
      note="Affected devices whose model has an OEM-validated patch (PR.PS-02), routed by the signed RACI."
    >
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Patch figures">
        <li>
          <a href={q({ status: "applied" })} className={tile}>
            <span className="block text-2xl font-semibold tabular-nums text-slate-900">{summary.appliedWithinPolicyPct}%</span>
            <span className="text-sm text-slate-700">
              Applied within policy ({summary.appliedWithinPolicy} of {summary.applied})
            </span>
          </a>
        </li>
        <li>
          <a href={q({ status: "open" })} className={tile}>
            <span className="block text-2xl font-semibold tabular-nums text-slate-900">{summary.open.toLocaleString("en-US")}</span>
            <span className="text-sm text-slate-700">Patch backlog</span>
          </a>
        </li>
        <li>
          <a href={q({ status: "overdue" })} className={tile}>
            <span className="block text-2xl font-semibold tabular-nums text-slate-900">{summary.overdue.toLocaleString("en-US")}</span>
            <span className="text-sm text-slate-700">Overdue</span>
          </a>
        </li>
        <li>
          <a href={q({ status: "open", party: "none" })} className={tile}>
            <span className="block text-2xl font-semibold tabular-nums text-slate-900">{summary.noSignedOwner.toLocaleString("en-US")}</span>
            <span className="text-sm text-slate-700">Items with no signed owner</span>
          </a>
        </li>
      </ul>
      <div className="grid gap-6 sm:grid-cols-2">
        <table className="text-sm">
          <caption className="text-left font-semibold">Backlog by age (since the OEM validated the patch)</caption>
          <tbody>
            {summary.byAge.map((a) => (
              <tr key={a.key}>
                <th scope="row" className="pr-6 text-left font-normal">
                  {a.label}
                </th>
                <td className="text-right tabular-nums">
                  <a href={q({ status: "open", age: a.key })}>{a.count}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="text-sm">
          <caption className="text-left font-semibold">Backlog by Responsible party</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                Party
              </th>
              <th scope="col" className="pr-6 text-right">
                Open
              </th>
              <th scope="col" className="text-right">
                Overdue
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.byParty.map((p) => (
              <tr key={String(p.partyId)}>
                <th scope="row" className="pr-6 text-left font-normal">
                  {p.party}
                </th>
                <td className="pr-6 text-right tabular-nums">
                  <a href={q({ status: "open", ...(p.partyId === null ? { party: "none" } : { party: p.partyId, role: "responsible" }) })}>{p.open}</a>
                </td>
                <td className="text-right tabular-nums">
                  <a href={q({ status: "overdue", ...(p.partyId === null ? { party: "none" } : { party: p.partyId, role: "responsible" }) })}>{p.overdue}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DashboardSection>
  );
}
