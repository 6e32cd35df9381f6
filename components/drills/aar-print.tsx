import Link from "next/link";
import { CAPABILITY_ELEMENT_LABELS, type CapabilityElement } from "@/lib/rules/drills";
import { actionItemStatusText } from "@/components/action-items/action-item-status";
import type { getDrill } from "@/lib/services/drills/get-drills";
import { PrintButton } from "@/components/raci/print-button";
import { formatUtc } from "@/components/signatures/signature-list";
import { PrintCell, PrintRowHeader, PrintSheet, PrintTable, printClasses } from "@/components/ui/print-table";
import { SignedTime } from "@/components/ui/signed-time";
import { MEASURED_TIMES, attendanceText, minutesText, ratingText } from "./drill-labels";

const capability = (c: CapabilityElement | null) => (c ? CAPABILITY_ELEMENT_LABELS[c] : "—");
const { h2 } = printClasses;
const note = "mt-1 text-[11px] text-slate-700 print:text-[9px] print:text-black";

/** HSEEP After-Action Report / Improvement Plan, laid out for paper (no navigation when printed). */
export function AarPrint({ r, orgName, printedAt }: { r: ReturnType<typeof getDrill>; orgName: string | undefined; printedAt: string }) {
  const { drill: d } = r;
  const realEvent = d.kind === "real_event";
  const approved = d.status === "aar_approved" || d.status === "closed";
  const strengths = r.findings.filter((f) => f.kind === "strength");
  const areas = r.findings.filter((f) => f.kind === "improvement");
  const areaNo = new Map(areas.map((f, i) => [f.id, i + 1]));
  const measured = MEASURED_TIMES.filter(([k]) => d[k] != null);
  const overview: [string, React.ReactNode, string?][] = [
    ["Exercise name", d.title],
    ["Type", `${d.typeLabel} (${d.group})`],
    [
      "Dates",
      <>
        {d.actualStart ? `${d.actualStart}${d.actualEnd && d.actualEnd !== d.actualStart ? ` to ${d.actualEnd}` : ""}` : "Not conducted yet"}
        {!realEvent && ` (planned ${d.plannedDate})`}
      </>,
    ],
    ["Site", d.site],
    [realEvent ? "What happened" : "Scenario", d.scenario || "Not described", "whitespace-pre-wrap"],
    [realEvent ? "Plans activated" : "Plans tested", r.plans.length ? r.plans.map((p) => p.title).join("; ") : "None"],
    ["Device classes", r.classes.length ? r.classes.map((c) => c.name).join(", ") : "None"],
    ["Facilitator", d.facilitator ?? "None named"],
  ];

  return (
    <PrintSheet className="print:text-[11px]">
      <div className="no-print mb-4 flex items-center justify-between gap-3 print:hidden">
        <Link href={`/drills/${d.id}`} className="text-sm">
          Back to the drill
        </Link>
        <PrintButton />
      </div>

      <header className="mb-4 border-b border-slate-300 pb-3 print:border-black">
        <p className="text-xs uppercase tracking-wide text-slate-600 print:text-black">{orgName}</p>
        <h1 className="text-xl font-semibold">After-Action Report / Improvement Plan</h1>
        <p className="text-base">{d.title}</p>
        {approved ? (
          <p>
            <strong>Approved</strong>
            {d.aarApprovedAt ? ` on ${formatUtc(d.aarApprovedAt)}` : ""}
            {d.aarApprovedByName ? ` by ${d.aarApprovedByName}` : ""}.
          </p>
        ) : (
          <p className="mt-1 inline-block border-2 border-slate-900 px-2 py-0.5 text-base font-bold uppercase tracking-wide">Not approved</p>
        )}
        <p>
          Status: {d.statusLabel} · Printed {formatUtc(printedAt)}
        </p>
      </header>

      <section aria-labelledby="aar-overview" className="break-inside-avoid">
        <h2 id="aar-overview" className={h2}>
          Exercise overview
        </h2>
        <PrintTable caption="Exercise overview">
          {overview.map(([label, value, extra], i) => (
            <tr key={label}>
              <PrintRowHeader strong className={i === 0 ? "w-48" : undefined}>
                {label}
              </PrintRowHeader>
              <PrintCell className={extra}>{value}</PrintCell>
            </tr>
          ))}
        </PrintTable>
      </section>

      {d.aarSummary && (
        <section aria-labelledby="aar-summary" className="break-inside-avoid">
          <h2 id="aar-summary" className={h2}>
            Summary
          </h2>
          <p className="whitespace-pre-wrap">{d.aarSummary}</p>
        </section>
      )}

      <section aria-labelledby="aar-objectives">
        <h2 id="aar-objectives" className={h2}>
          Objectives and ratings
        </h2>
        {r.objectives.length === 0 ? (
          <p>No objective recorded.</p>
        ) : (
          <PrintTable caption="Objectives and ratings" columns={[{ label: "#", className: "w-8" }, "Objective", "Rating", "Note"]}>
            {r.objectives.map((o, i) => (
              <tr key={o.id}>
                <PrintCell>{i + 1}</PrintCell>
                <PrintCell>{o.text}</PrintCell>
                <PrintCell>{ratingText(o.rating)}</PrintCell>
                <PrintCell className="whitespace-pre-wrap">{o.ratingNote || "—"}</PrintCell>
              </tr>
            ))}
          </PrintTable>
        )}
        <p className={note}>
          HSEEP ratings: P performed without challenges · S performed with some challenges · M performed with major challenges · U unable to be performed.
        </p>
      </section>

      <section aria-labelledby="aar-strengths" className="break-inside-avoid">
        <h2 id="aar-strengths" className={h2}>
          Strengths
        </h2>
        {strengths.length === 0 ? (
          <p>None recorded.</p>
        ) : (
          <ul className="list-disc pl-5">
            {strengths.map((f) => (
              <li key={f.id}>
                {f.observation}
                {f.objective ? ` (objective: ${f.objective})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="aar-areas">
        <h2 id="aar-areas" className={h2}>
          Areas for improvement
        </h2>
        {areas.length === 0 ? (
          <p>None recorded.</p>
        ) : (
          <ol className="space-y-2">
            {areas.map((f, i) => (
              <li key={f.id} className="break-inside-avoid">
                <p>
                  <strong>{i + 1}. Observation:</strong> {f.observation}
                </p>
                {f.objective && <p>Objective: {f.objective}</p>}
                <p>Root cause: {f.rootCause || "Not stated"}</p>
                <p>Recommendation: {f.recommendation || "Not stated"}</p>
                <p>RACI activity: {f.activity ?? "None named"}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="aar-ip">
        <h2 id="aar-ip" className={h2}>
          Improvement plan
        </h2>
        {r.items.length === 0 ? (
          <p>No improvement item.</p>
        ) : (
          <PrintTable caption="Improvement plan" columns={["Area", "Corrective action", "Capability element", "Owner party", "Person", "Due date", "Status"]}>
            {r.items.map((i) => (
              <tr key={i.id}>
                <PrintCell>{i.findingId && areaNo.has(i.findingId) ? areaNo.get(i.findingId) : "—"}</PrintCell>
                <PrintCell>{i.title}</PrintCell>
                <PrintCell>{capability(i.capabilityElement)}</PrintCell>
                <PrintCell>{i.ownerParty}</PrintCell>
                <PrintCell>{i.ownerUser ?? "—"}</PrintCell>
                <PrintCell className="whitespace-nowrap">{i.dueDate}</PrintCell>
                <PrintCell>
                  {actionItemStatusText(i.status, i.overdue)}
                  {i.status === "closed" && i.closureEvidence ? `: ${i.closureEvidence}` : ""}
                </PrintCell>
              </tr>
            ))}
          </PrintTable>
        )}
      </section>

      <section aria-labelledby="aar-participants" className="break-inside-avoid">
        <h2 id="aar-participants" className={h2}>
          Participants
        </h2>
        {r.participants.length === 0 ? (
          <p>None named.</p>
        ) : (
          <PrintTable caption="Participants and attendance" columns={["Participant", "Attendance"]}>
            {r.participants.map((p) => (
              <tr key={p.id}>
                <PrintCell>{p.name}</PrintCell>
                <PrintCell>{attendanceText(p.attended)}</PrintCell>
              </tr>
            ))}
          </PrintTable>
        )}
      </section>

      <section aria-labelledby="aar-times" className="break-inside-avoid">
        <h2 id="aar-times" className={h2}>
          Measured times
        </h2>
        {measured.length === 0 ? (
          <p>No time was measured.</p>
        ) : (
          <ul className="list-disc pl-5">
            {measured.map(([k, label]) => (
              <li key={k}>
                {label}: {minutesText(d[k])}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="aar-approval" className="mt-6 break-inside-avoid">
        <h2 id="aar-approval" className={h2}>
          Approval
        </h2>
        {approved && r.signatures.length > 0 ? (
          <>
            <PrintTable caption="Approval signatures" columns={["Printed name", "Date and time (UTC)", "Meaning", "Verification"]}>
              {r.signatures.map((s) => (
                <tr key={s.id}>
                  <PrintCell>{s.printedName}</PrintCell>
                  <PrintCell>
                    <SignedTime iso={s.signedAt} />
                  </PrintCell>
                  <PrintCell>{s.meaning}</PrintCell>
                  <PrintCell>{s.verdict.valid ? "Valid" : s.verdict.message}</PrintCell>
                </tr>
              ))}
            </PrintTable>
            <p className={`${note} mt-2`}>
              Electronic signature under 21 CFR Part 11: the approver re-entered their password when signing; the signature is bound to the exact content of
              this after-action report and improvement plan and was verified when this page was printed.
            </p>
          </>
        ) : (
          <p>
            This after-action report has not been approved. It becomes final only when a member of leadership who neither facilitated the drill nor submitted
            the report signs it in Clearline.
          </p>
        )}
      </section>
    </PrintSheet>
  );
}
