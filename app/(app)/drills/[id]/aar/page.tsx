import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { CAPABILITY_ELEMENT_LABELS, type CapabilityElement } from "@/lib/rules/drills";
import { actionItemStatusText } from "@/components/action-items/action-item-status";
import { getOrganization } from "@/lib/services/admin/list-org";
import { getDrill } from "@/lib/services/drills/get-drills";
import { getDb } from "@/lib/server/db";
import { PrintButton } from "@/components/raci/print-button";
import { formatUtc } from "@/components/raci/signature-list";
import { MEASURED_TIMES, attendanceText, minutesText, ratingText } from "@/components/drills/drill-labels";
import { SignedTime } from "@/components/ui/signed-time";
import { clock } from "@/lib/clock";

export const metadata: Metadata = { title: "After-Action Report / Improvement Plan — print" };

const capability = (c: CapabilityElement | null) => (c ? CAPABILITY_ELEMENT_LABELS[c] : "—");

/** HSEEP After-Action Report / Improvement Plan, laid out for paper (no navigation when printed). */
export default async function DrillAarPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const r = loadOr404(() => getDrill(db, actor, id));
  const org = getOrganization(db, actor);
  const { drill: d } = r;
  const realEvent = d.kind === "real_event";
  const approved = d.status === "aar_approved" || d.status === "closed";
  const strengths = r.findings.filter((f) => f.kind === "strength");
  const areas = r.findings.filter((f) => f.kind === "improvement");
  const areaNo = new Map(areas.map((f, i) => [f.id, i + 1]));
  const measured = MEASURED_TIMES.filter(([k]) => d[k] != null);
  const cell = "border border-slate-400 p-1 align-top print:border-black";
  const th = `${cell} text-left`;
  const h2 = "mb-1 mt-5 text-base font-semibold";

  return (
    <article className="mx-auto max-w-[60rem] bg-white p-6 text-[13px] text-slate-900 print:max-w-none print:p-0 print:text-[11px] print:text-black">
      <div className="no-print mb-4 flex items-center justify-between gap-3 print:hidden">
        <Link href={`/drills/${d.id}`} className="text-sm">
          Back to the drill
        </Link>
        <PrintButton />
      </div>

      <header className="mb-4 border-b border-slate-300 pb-3 print:border-black">
        <p className="text-xs uppercase tracking-wide text-slate-600 print:text-black">{org?.name}</p>
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
          Status: {d.statusLabel} · Printed {formatUtc(clock.now().toISOString())}
        </p>
      </header>

      <section aria-labelledby="aar-overview" className="break-inside-avoid">
        <h2 id="aar-overview" className={h2}>
          Exercise overview
        </h2>
        <table className="w-full border-collapse">
          <caption className="sr-only">Exercise overview</caption>
          <tbody>
            <tr>
              <th scope="row" className={`${th} w-48`}>
                Exercise name
              </th>
              <td className={cell}>{d.title}</td>
            </tr>
            <tr>
              <th scope="row" className={th}>
                Type
              </th>
              <td className={cell}>
                {d.typeLabel} ({d.group})
              </td>
            </tr>
            <tr>
              <th scope="row" className={th}>
                Dates
              </th>
              <td className={cell}>
                {d.actualStart ? `${d.actualStart}${d.actualEnd && d.actualEnd !== d.actualStart ? ` to ${d.actualEnd}` : ""}` : "Not conducted yet"}
                {!realEvent && ` (planned ${d.plannedDate})`}
              </td>
            </tr>
            <tr>
              <th scope="row" className={th}>
                Site
              </th>
              <td className={cell}>{d.site}</td>
            </tr>
            <tr>
              <th scope="row" className={th}>
                {realEvent ? "What happened" : "Scenario"}
              </th>
              <td className={`${cell} whitespace-pre-wrap`}>{d.scenario || "Not described"}</td>
            </tr>
            <tr>
              <th scope="row" className={th}>
                {realEvent ? "Plans activated" : "Plans tested"}
              </th>
              <td className={cell}>{r.plans.length ? r.plans.map((p) => p.title).join("; ") : "None"}</td>
            </tr>
            <tr>
              <th scope="row" className={th}>
                Device classes
              </th>
              <td className={cell}>{r.classes.length ? r.classes.map((c) => c.name).join(", ") : "None"}</td>
            </tr>
            <tr>
              <th scope="row" className={th}>
                Facilitator
              </th>
              <td className={cell}>{d.facilitator ?? "None named"}</td>
            </tr>
          </tbody>
        </table>
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
          <table className="w-full border-collapse">
            <caption className="sr-only">Objectives and ratings</caption>
            <thead>
              <tr>
                <th scope="col" className={`${th} w-8`}>
                  #
                </th>
                <th scope="col" className={th}>
                  Objective
                </th>
                <th scope="col" className={th}>
                  Rating
                </th>
                <th scope="col" className={th}>
                  Note
                </th>
              </tr>
            </thead>
            <tbody>
              {r.objectives.map((o, i) => (
                <tr key={o.id} className="break-inside-avoid">
                  <td className={cell}>{i + 1}</td>
                  <td className={cell}>{o.text}</td>
                  <td className={cell}>{ratingText(o.rating)}</td>
                  <td className={`${cell} whitespace-pre-wrap`}>{o.ratingNote || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-1 text-[11px] text-slate-700 print:text-[9px] print:text-black">
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
          <table className="w-full border-collapse">
            <caption className="sr-only">Improvement plan</caption>
            <thead className="print:table-header-group">
              <tr>
                <th scope="col" className={th}>
                  Area
                </th>
                <th scope="col" className={th}>
                  Corrective action
                </th>
                <th scope="col" className={th}>
                  Capability element
                </th>
                <th scope="col" className={th}>
                  Owner party
                </th>
                <th scope="col" className={th}>
                  Person
                </th>
                <th scope="col" className={th}>
                  Due date
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((i) => (
                <tr key={i.id} className="break-inside-avoid">
                  <td className={cell}>{i.findingId && areaNo.has(i.findingId) ? areaNo.get(i.findingId) : "—"}</td>
                  <td className={cell}>{i.title}</td>
                  <td className={cell}>{capability(i.capabilityElement)}</td>
                  <td className={cell}>{i.ownerParty}</td>
                  <td className={cell}>{i.ownerUser ?? "—"}</td>
                  <td className={`${cell} whitespace-nowrap`}>{i.dueDate}</td>
                  <td className={cell}>
                    {actionItemStatusText(i.status, i.overdue)}
                    {i.status === "closed" && i.closureEvidence ? `: ${i.closureEvidence}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="aar-participants" className="break-inside-avoid">
        <h2 id="aar-participants" className={h2}>
          Participants
        </h2>
        {r.participants.length === 0 ? (
          <p>None named.</p>
        ) : (
          <table className="w-full border-collapse">
            <caption className="sr-only">Participants and attendance</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Participant
                </th>
                <th scope="col" className={th}>
                  Attendance
                </th>
              </tr>
            </thead>
            <tbody>
              {r.participants.map((p) => (
                <tr key={p.id}>
                  <td className={cell}>{p.name}</td>
                  <td className={cell}>{attendanceText(p.attended)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
            <table className="w-full border-collapse">
              <caption className="sr-only">Approval signatures</caption>
              <thead>
                <tr>
                  <th scope="col" className={th}>
                    Printed name
                  </th>
                  <th scope="col" className={th}>
                    Date and time (UTC)
                  </th>
                  <th scope="col" className={th}>
                    Meaning
                  </th>
                  <th scope="col" className={th}>
                    Verification
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.signatures.map((s) => (
                  <tr key={s.id}>
                    <td className={cell}>{s.printedName}</td>
                    <td className={cell}>
                      <SignedTime iso={s.signedAt} />
                    </td>
                    <td className={cell}>{s.meaning}</td>
                    <td className={cell}>{s.verdict.valid ? "Valid" : s.verdict.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-[11px] text-slate-700 print:text-[9px] print:text-black">
              Electronic signature under 21 CFR Part 11: the approver re-entered their password when signing; the signature is bound to the exact content of this after-action report and
              improvement plan and was verified when this page was printed.
            </p>
          </>
        ) : (
          <p>
            This after-action report has not been approved. It becomes final only when a member of leadership who neither facilitated the drill nor submitted the report signs it in
            Clearline.
          </p>
        )}
      </section>
    </article>
  );
}
