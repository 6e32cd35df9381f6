import type { RiskFigures } from "@/lib/services/dashboard/get-risk-figures";

type Classes = { h2: string; h3: string; th: string; cell: string; num: string };

const n = (v: number) => v.toLocaleString("en-US");

/**
 * The board report's advisory, patch, recall and replace-or-mitigate figures (issue #13 item 7): the dashboard's
 * numbers (getRiskFigures) as print tables. Nothing here computes a figure.
 */
export function RiskBoardSection({ figures, scopeName, classes }: { figures: RiskFigures; scopeName: string; classes: Classes }) {
  const { advisories: a, patches: p, recalls: r } = figures;
  if (!a && !p && !r) return null;
  const row = (label: string, value: string) => (
    <tr key={label}>
      <th scope="row" className={`${classes.cell} text-left font-normal`}>
        {label}
      </th>
      <td className={classes.num}>{value}</td>
    </tr>
  );
  return (
    <section aria-labelledby="board-risk">
      <h2 id="board-risk" className={classes.h2}>
        Vulnerabilities, patches and recalls
      </h2>
      <p className="mb-1">
        Medical devices at {scopeName} affected by CISA advisories, the OEM-validated patches waiting for them (FDA: patches to medical devices are validated by
        the manufacturer), FDA recalls and devices past their end of security patches (NIST CSF 2.0 ID.RA-01, ID.RA-08, PR.PS-02, ID.AM-08).
      </p>
      <table className="w-full border-collapse break-inside-avoid">
        <caption className="sr-only">Vulnerability, patch and recall figures</caption>
        <thead>
          <tr>
            <th scope="col" className={classes.th}>
              Figure
            </th>
            <th scope="col" className={`${classes.th} w-32 text-right`}>
              Number
            </th>
          </tr>
        </thead>
        <tbody>
          {a && row("Devices affected by known-exploited vulnerabilities (CISA KEV) and not yet patched", n(a.kevUnpatchedDevices))}
          {a && row("Devices affected by known-exploited vulnerabilities", n(a.kevAffectedDevices))}
          {p && row("OEM-validated patches applied within policy", `${p.appliedWithinPolicyPct}% (${n(p.appliedWithinPolicy)} of ${n(p.applied)})`)}
          {p && row("Patch backlog (open items)", n(p.open))}
          {p && row("Patch items overdue", n(p.overdue))}
          {a && row("OEM overdue answers (FDA postmarket clocks: 30 days to answer, 60 to fix)", n(a.oemOverdue))}
          {r && row("Devices with an outstanding recall", n(r.outstanding))}
          {r && row("Unsupported devices with open advisories and no replace-or-mitigate decision", n(r.unsupportedWithoutDecision))}
          {r && row("Replace-or-mitigate decisions overdue for review", n(r.decisionsOverdue))}
          {p && row("Patch items with no signed owner (no effective signed RACI)", n(p.noSignedOwner))}
        </tbody>
      </table>
      {p && (
        <div className="grid gap-x-6 sm:grid-cols-2 print:grid-cols-2">
          <div>
            <h3 className={classes.h3}>Patch backlog by age</h3>
            <table className="w-full border-collapse break-inside-avoid">
              <caption className="sr-only">Patch backlog by age since the OEM validated the patch</caption>
              <thead>
                <tr>
                  <th scope="col" className={classes.th}>
                    Days since the OEM validated the patch
                  </th>
                  <th scope="col" className={`${classes.th} text-right`}>
                    Open items
                  </th>
                </tr>
              </thead>
              <tbody>{p.byAge.map((x) => row(x.label, n(x.count)))}</tbody>
            </table>
          </div>
          <div>
            <h3 className={classes.h3}>Patch backlog by Responsible party</h3>
            {p.byParty.length === 0 ? (
              <p>No open patch item.</p>
            ) : (
              <table className="w-full border-collapse break-inside-avoid">
                <caption className="sr-only">Patch backlog by Responsible party</caption>
                <thead>
                  <tr>
                    <th scope="col" className={classes.th}>
                      Party
                    </th>
                    <th scope="col" className={`${classes.th} text-right`}>
                      Open
                    </th>
                    <th scope="col" className={`${classes.th} text-right`}>
                      Overdue
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.byParty.map((x) => (
                    <tr key={String(x.partyId)}>
                      <th scope="row" className={`${classes.cell} text-left font-normal`}>
                        {x.party}
                      </th>
                      <td className={classes.num}>{n(x.open)}</td>
                      <td className={classes.num}>{n(x.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      )}
      {r && (
        <>
          <h3 className={classes.h3}>Outstanding recalls by FDA recall class</h3>
          {r.outstandingByClass.length === 0 ? (
            <p>No device has an outstanding recall.</p>
          ) : (
            <table className="w-full border-collapse break-inside-avoid">
              <caption className="sr-only">Devices with an outstanding recall by FDA recall class</caption>
              <thead>
                <tr>
                  <th scope="col" className={classes.th}>
                    Recall class
                  </th>
                  <th scope="col" className={`${classes.th} w-32 text-right`}>
                    Devices
                  </th>
                </tr>
              </thead>
              <tbody>{r.outstandingByClass.map((c) => row(c.recallClass ? `Class ${c.recallClass}` : "Class not stated", n(c.devices)))}</tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
