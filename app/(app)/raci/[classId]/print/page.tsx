import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { STATUS_LABELS, type RaciSnapshot } from "@/lib/rules/raci";
import { getOrganization } from "@/lib/services/admin/list-org";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { getDb } from "@/lib/server/db";
import { formatUtc } from "@/components/raci/signature-list";
import { PrintButton } from "@/components/raci/print-button";

export const metadata: Metadata = { title: "RACI — print" };

export default async function RaciPrintPage({ params }: { params: Promise<{ classId: string }> }) {
  const actor = await requirePageActor();
  const id = Number((await params).classId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const db = await getDb();
  let v;
  try {
    v = getRaciClass(db, actor, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const org = getOrganization(db, actor);
  const effective = v.effective;
  const snapshot: RaciSnapshot | null = effective ? (JSON.parse(effective.version.content) as RaciSnapshot) : null;
  const letterAt = (a: number, p: number) => {
    if (snapshot) {
      const c = snapshot.cells.find((x) => x.activityId === a && x.partyId === p);
      return c ? `${c.letter}${c.overridden ? "*" : ""}` : "";
    }
    const c = v.cells.find((x) => x.activityId === a && x.partyId === p);
    return c?.letter ? `${c.letter}${c.overriddenHere || (c.from && c.from !== "template") ? "*" : ""}` : "";
  };
  const activities = snapshot ? snapshot.activities : v.activities;
  const parties = snapshot ? snapshot.parties : v.parties;
  return (
    <article className="mx-auto max-w-[60rem] bg-white p-6 text-[13px] print:p-0">
      <div className="no-print mb-4 flex justify-end">
        <PrintButton />
      </div>
      <header className="mb-4 border-b border-slate-300 pb-3">
        <p className="text-xs uppercase tracking-wide text-slate-500">{org?.name} · Medical device responsibilities (RACI)</p>
        <h1 className="text-xl font-semibold">{v.deviceClass.name}</h1>
        <p>
          {effective ? `Effective version ${effective.version.versionNo}, in force since ${formatUtc(effective.version.effectiveAt!)}` : "Draft — not signed"} · Status: {STATUS_LABELS[v.status]} · Printed {formatUtc(new Date().toISOString())}
        </p>
      </header>
      <table className="w-full border-collapse" aria-label={`RACI matrix for ${v.deviceClass.name}`}>
        <thead>
          <tr>
            <th scope="col" className="border border-slate-400 p-1 text-left">Activity</th>
            {parties.map((p) => (
              <th key={p.id} scope="col" className="border border-slate-400 p-1 text-center text-[11px]">{p.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => (
            <tr key={a.id} className="break-inside-avoid">
              <th scope="row" className="border border-slate-400 p-1 text-left font-normal">{a.name}</th>
              {parties.map((p) => (
                <td key={p.id} className="border border-slate-400 p-1 text-center font-semibold">{letterAt(a.id, p.id)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-[11px] text-slate-600">R Responsible · A Accountable · C Consulted · I Informed · * differs from the organization template (set for this class or a parent class)</p>
      <section className="mt-6 break-inside-avoid" aria-labelledby="sig-block">
        <h2 id="sig-block" className="mb-2 text-base font-semibold">Signatures</h2>
        {effective ? (
          <table className="w-full border-collapse">
            <thead>
              <tr>
                <th scope="col" className="border border-slate-400 p-1 text-left">Printed name</th>
                <th scope="col" className="border border-slate-400 p-1 text-left">Meaning</th>
                <th scope="col" className="border border-slate-400 p-1 text-left">Date and time (UTC)</th>
                <th scope="col" className="border border-slate-400 p-1 text-left">Verification</th>
              </tr>
            </thead>
            <tbody>
              {effective.signatures.map((s) => (
                <tr key={s.id}>
                  <td className="border border-slate-400 p-1">{s.printedName}</td>
                  <td className="border border-slate-400 p-1">{s.meaning}{s.kind === "reattest" ? " (re-attestation)" : ""}</td>
                  <td className="border border-slate-400 p-1">{formatUtc(s.signedAt)}</td>
                  <td className="border border-slate-400 p-1">{s.verdict.valid ? "Valid" : s.verdict.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>This matrix has not been signed.</p>
        )}
      </section>
    </article>
  );
}
