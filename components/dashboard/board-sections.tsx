import { FunctionScoreChart } from "@/components/dashboard/dashboard-view";
import { cadenceWord, changeText, dateOf, scoreText } from "@/components/dashboard/labels";
import { SignedTime } from "@/components/ui/signed-time";
import { PrintCell, PrintRowHeader, PrintTable, printClasses } from "@/components/ui/print-table";
import type { getDashboard } from "@/lib/services/dashboard/get-dashboard";

type Dashboard = ReturnType<typeof getDashboard>;
const { h2, h3 } = printClasses;

/** One signature of an approved document behind the board report's figures (21 CFR 11.50). */
export interface BoardSignature {
  key: string;
  document: string;
  name: string;
  meaning: string;
  at: string;
}

/** The board report's CSF assessment section: the latest approved assessment of the scope and those in progress. */
export function AssessmentsBoardSection({ assessments: a, scopeName }: { assessments: Dashboard["assessments"]; scopeName: string }) {
  return (
    <section aria-labelledby="board-assessments">
      <h2 id="board-assessments" className={h2}>
        Assessments
      </h2>
      {a.latest ? (
        <>
          <p className="mb-1">
            NIST CSF 2.0, {scopeName}: latest approved assessment <strong>{a.latest.name}</strong>, approved {dateOf(a.latest.approvedAt)}
            {a.latest.signature ? ` by ${a.latest.signature.name}` : ""}. Overall current {scoreText(a.latest.overall.current)} against target{" "}
            {scoreText(a.latest.overall.target)} (gap {scoreText(a.latest.overall.gap)}).{" "}
            {a.previous
              ? `Changes are against ${a.previous.name}, approved ${dateOf(a.previous.approvedAt)}.`
              : "There is no earlier approved assessment to compare with."}
          </p>
          <div className="break-inside-avoid">
            <FunctionScoreChart id="board-scores" assessments={a} />
          </div>
          <PrintTable
            caption="Score per function"
            keepTogether
            className="mt-2"
            columns={["Function", ...["Current", "Target", "Gap", "Change since previous approved"].map((label) => ({ label, align: "right" as const }))]}
          >
            {a.functions.map((f) => (
              <tr key={f.id}>
                <PrintRowHeader>
                  {f.name} ({f.id})
                </PrintRowHeader>
                <PrintCell align="right">{scoreText(f.current)}</PrintCell>
                <PrintCell align="right">{scoreText(f.target)}</PrintCell>
                <PrintCell align="right">{scoreText(f.gap)}</PrintCell>
                <PrintCell align="right">{changeText(f.change)}</PrintCell>
              </tr>
            ))}
          </PrintTable>
        </>
      ) : (
        <p>No assessment of {scopeName} has been approved yet.</p>
      )}
      <h3 className={h3}>In progress</h3>
      {a.inProgress.length === 0 ? (
        <p>None.</p>
      ) : (
        <PrintTable caption="Assessments in progress" keepTogether columns={["Assessment", "Due", { label: "Answered", align: "right" }]}>
          {a.inProgress.map((x) => (
            <tr key={x.id}>
              <PrintCell>{x.name}</PrintCell>
              <PrintCell>{x.dueDate ?? "—"}</PrintCell>
              <PrintCell align="right">
                {x.answered} of {x.total} ({x.pct}%)
              </PrintCell>
            </tr>
          ))}
        </PrintTable>
      )}
    </section>
  );
}

/** The board report's drills section: exercise cadence by site, response plans, improvement items by party. */
export function DrillsBoardSection({ drills: d, today }: { drills: Dashboard["drills"]; today: string }) {
  return (
    <section aria-labelledby="board-drills">
      <h2 id="board-drills" className={h2}>
        Drills and exercises
      </h2>
      <p className="mb-1">
        Exercise cadence over the rolling 12 months ending {today} (CMS 42 CFR 482.15(d)(2), Joint Commission EM standards, each plan&apos;s own interval). “Due
        soon”: met today, lapsing within 60 days.
      </p>
      <PrintTable
        caption="Exercise cadence by site"
        keepTogether
        columns={["Site", "CMS", "Joint Commission", { label: "Rules due soon", align: "right" }, { label: "Rules overdue", align: "right" }]}
      >
        {d.sites.map((s) => (
          <tr key={s.siteId}>
            <PrintRowHeader>{s.siteName}</PrintRowHeader>
            <PrintCell>{cadenceWord(s.cms)}</PrintCell>
            <PrintCell>{cadenceWord(s.jointCommission)}</PrintCell>
            <PrintCell align="right">{s.dueRules}</PrintCell>
            <PrintCell align="right">{s.overdueRules}</PrintCell>
          </tr>
        ))}
      </PrintTable>

      <h3 className={h3}>Response plans ({d.plans.total} in scope)</h3>
      <p>
        Review overdue: {d.plans.reviewOverdue.length === 0 ? "none." : d.plans.reviewOverdue.map((p) => p.title).join("; ") + "."}
        <br />
        Acknowledgements missing:{" "}
        {d.plans.acknowledgementsMissing.length === 0
          ? "none."
          : d.plans.acknowledgementsMissing.map((p) => `${p.title} (${p.missing} missing)`).join("; ") + "."}
      </p>

      <h3 className={h3}>Improvement items by owner party</h3>
      {d.items.byParty.length === 0 ? (
        <p>No open improvement item.</p>
      ) : (
        <PrintTable
          caption="Open and overdue improvement items by owner party"
          keepTogether
          columns={["Owner party", { label: "Open", align: "right", className: "w-24" }, { label: "Overdue", align: "right", className: "w-24" }]}
        >
          {d.items.byParty.map((p) => (
            <tr key={p.partyId}>
              <PrintRowHeader>{p.party}</PrintRowHeader>
              <PrintCell align="right">{p.open}</PrintCell>
              <PrintCell align="right">{p.overdue}</PrintCell>
            </tr>
          ))}
          <tr>
            <PrintRowHeader strong>All parties</PrintRowHeader>
            <PrintCell align="right" className="font-semibold">
              {d.items.open}
            </PrintCell>
            <PrintCell align="right" className="font-semibold">
              {d.items.overdue}
            </PrintCell>
          </tr>
        </PrintTable>
      )}
    </section>
  );
}

/** The signatures of the approved documents the board report's figures stand on. */
export function SignaturesBoardSection({ signatures }: { signatures: BoardSignature[] }) {
  return (
    <section aria-labelledby="board-signatures">
      <h2 id="board-signatures" className={h2}>
        Signatures of the underlying approved documents
      </h2>
      {signatures.length === 0 ? (
        <p>No approved document in this scope carries a signature yet.</p>
      ) : (
        <>
          <PrintTable caption="Signatures of the underlying approved documents" columns={["Document", "Printed name", "Meaning", "Date and time (UTC)"]}>
            {signatures.map((s) => (
              <tr key={s.key}>
                <PrintCell>{s.document}</PrintCell>
                <PrintCell className="whitespace-nowrap">{s.name}</PrintCell>
                <PrintCell>{s.meaning}</PrintCell>
                <PrintCell className="whitespace-nowrap">
                  <SignedTime iso={s.at} />
                </PrintCell>
              </tr>
            ))}
          </PrintTable>
          <p className="mt-2 text-[11px] text-slate-700 print:text-[9px] print:text-black">
            Electronic signatures under 21 CFR Part 11, recorded in Clearline when each document was approved: the latest approved assessment of the scope, the
            approved version of each response plan in scope, and the most recent approved after-action reports. Each document&apos;s own page shows whether its
            signature still verifies.
          </p>
        </>
      )}
    </section>
  );
}
