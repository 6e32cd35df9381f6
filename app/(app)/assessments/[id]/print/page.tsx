import type { Metadata } from "next";
import { pathId } from "@/lib/server/route-params";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { TIERS } from "@/lib/rules/csf-score";
import { getOrganization } from "@/lib/services/admin/list-org";
import { getAssessment } from "@/lib/services/assessments/get-assessment";
import { getAssessmentResults } from "@/lib/services/assessments/results";
import { getDb } from "@/lib/server/db";
import { PrintButton } from "@/components/raci/print-button";
import { formatUtc } from "@/components/signatures/signature-list";
import { SignedTime } from "@/components/ui/signed-time";
import { clock } from "@/lib/clock";

export const metadata: Metadata = { title: "Assessment summary — print" };

const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(2));

export default async function AssessmentPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  let v, r;
  try {
    v = getAssessment(db, actor, id);
    r = getAssessmentResults(db, actor, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const org = getOrganization(db, actor);
  const cell = "border border-slate-400 p-1";
  return (
    <article className="mx-auto max-w-[60rem] bg-white p-6 text-[13px] print:p-0">
      <div className="no-print mb-4 flex justify-end">
        <PrintButton />
      </div>
      <header className="mb-4 border-b border-slate-300 pb-3">
        <p className="text-xs uppercase tracking-wide text-slate-500">{org?.name} · NIST CSF 2.0 assessment summary</p>
        <h1 className="text-xl font-semibold">{v.assessment.name}</h1>
        <p>
          {v.scope} · Status: {v.assessment.status.replace("_", " ")} · Implementation Tier:{" "}
          {v.assessment.tier ? `${v.assessment.tier} — ${TIERS[v.assessment.tier - 1]!.label}` : "not rated"} · Printed {formatUtc(clock.now().toISOString())}
        </p>
      </header>
      <table className="w-full border-collapse" aria-label="Scores by function">
        <thead>
          <tr>
            <th scope="col" className={`${cell} text-left`}>
              Function
            </th>
            <th scope="col" className={cell}>
              Current
            </th>
            <th scope="col" className={cell}>
              Target
            </th>
            <th scope="col" className={cell}>
              Gap
            </th>
            <th scope="col" className={cell}>
              Answered
            </th>
          </tr>
        </thead>
        <tbody>
          {r.functions.map((f) => (
            <tr key={f.id}>
              <th scope="row" className={`${cell} text-left font-normal`}>
                {CSF_FUNCTIONS.find((x) => x.id === f.id)?.name}
              </th>
              <td className={`${cell} text-center`}>{fmt(f.current)}</td>
              <td className={`${cell} text-center`}>{fmt(f.target)}</td>
              <td className={`${cell} text-center`}>{fmt(f.gap)}</td>
              <td className={`${cell} text-center`}>
                {f.answered}/{f.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mt-5 text-base font-semibold">Largest gaps</h2>
      <ol className="list-decimal pl-5">
        {r.gaps.slice(0, 10).map((g) => (
          <li key={g.subcategoryId}>
            {g.subcategoryId} (current {g.current}, target {g.target}): {g.outcome}
          </li>
        ))}
      </ol>
      <section className="mt-6 break-inside-avoid">
        <h2 className="text-base font-semibold">Approval</h2>
        {v.signatures.length ? (
          v.signatures.map((s) => (
            <p key={s.id}>
              {s.printedName} — {s.meaning} — <SignedTime iso={s.signedAt} /> — {s.verdict.valid ? "signature valid" : s.verdict.message}
            </p>
          ))
        ) : (
          <p>Not approved yet.</p>
        )}
      </section>
    </article>
  );
}
