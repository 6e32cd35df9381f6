import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { LETTER_NAMES, STATUS_LABELS, type Letter, type RaciSnapshot } from "@/lib/rules/raci";
import { getOrganization } from "@/lib/services/admin/list-org";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { getDb } from "@/lib/server/db";
import { formatUtc } from "@/components/signatures/signature-list";
import { PrintButton } from "@/components/raci/print-button";
import { SignedTime } from "@/components/ui/signed-time";
import { PrintCell, PrintRowHeader, PrintSheet, PrintTable } from "@/components/ui/print-table";
import { clock } from "@/lib/clock";

export const metadata: Metadata = { title: "RACI — print" };

/** How a printed letter came to be: set for this class, inherited from a parent class's override, or the template. */
type Origin = "here" | "parent" | "template";
const MARK: Record<Origin, string> = { here: "*", parent: "†", template: "" };
const ORIGIN_WORDS: Record<Origin, string> = { here: "overridden here", parent: "inherited from a parent class", template: "from the organization template" };

export default async function RaciPrintPage({ params }: { params: Promise<{ classId: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).classId);
  const db = await getDb();
  const v = loadOr404(() => getRaciClass(db, actor, id));
  const org = getOrganization(db, actor);
  const effective = v.effective;
  // The effective version prints exactly what was signed (its snapshot), not today's live letters.
  const snapshot: RaciSnapshot | null = effective ? (JSON.parse(effective.version.content) as RaciSnapshot) : null;

  const cellAt = (activityId: number, partyId: number): { letter: Letter; origin: Origin } | null => {
    if (snapshot) {
      const c = snapshot.cells.find((x) => x.activityId === activityId && x.partyId === partyId);
      if (!c) return null;
      return { letter: c.letter, origin: !c.overridden ? "template" : c.from === snapshot.deviceClassName ? "here" : "parent" };
    }
    const c = v.cells.find((x) => x.activityId === activityId && x.partyId === partyId);
    if (!c?.letter) return null;
    return { letter: c.letter, origin: c.overriddenHere ? "here" : c.from && c.from !== "template" ? "parent" : "template" };
  };
  const activities = snapshot ? snapshot.activities : v.activities;
  const parties = snapshot ? snapshot.parties : v.parties;
  const printedAt = clock.now().toISOString();
  const path = v.chain.map((c) => c.name).join(" › ");

  return (
    <PrintSheet wide className="print:text-[10px]">
      <div className="no-print mb-4 flex items-center justify-between gap-3 print:hidden">
        <Link href={`/raci/${id}`} className="text-sm">
          Back to the matrix
        </Link>
        <PrintButton />
      </div>
      <header className="mb-4 border-b border-slate-300 pb-3 print:border-black">
        <p className="text-xs uppercase tracking-wide text-slate-600 print:text-black">{org?.name} · Medical device cybersecurity responsibilities (RACI)</p>
        <h1 className="text-xl font-semibold">{v.deviceClass.name}</h1>
        {v.chain.length > 1 && <p>Device class: {path}</p>}
        {effective ? (
          <p>
            <strong>Effective version {effective.version.versionNo}</strong>, signed and in force since {formatUtc(effective.version.effectiveAt!)}
            {effective.version.lastAttestedAt && effective.version.lastAttestedAt !== effective.version.effectiveAt
              ? `; last re-attested ${formatUtc(effective.version.lastAttestedAt)}`
              : ""}
            .
          </p>
        ) : (
          <p className="mt-1 inline-block border-2 border-slate-900 px-2 py-0.5 text-base font-bold uppercase tracking-wide">Draft — not signed</p>
        )}
        <p>
          Current status: {STATUS_LABELS[v.status]} · Printed {formatUtc(printedAt)}
        </p>
        {effective && v.status !== "effective" && (
          <p className="mt-1">
            This page shows the signed version {effective.version.versionNo}; the live matrix has since changed or is due for re-attestation.
          </p>
        )}
      </header>

      <PrintTable
        caption={
          effective
            ? `RACI matrix for ${v.deviceClass.name}, version ${effective.version.versionNo}`
            : `RACI matrix for ${v.deviceClass.name}, draft (not signed)`
        }
        showCaption
        columns={[
          "Activity",
          ...parties.map((p) => ({ key: String(p.id), label: p.name, align: "center" as const, className: "text-[11px] print:text-[9px]" })),
        ]}
      >
        {activities.map((a) => (
          <tr key={a.id}>
            <PrintRowHeader>
              {a.name}
              {a.csfRefs.length > 0 && <span className="block text-[10px] text-slate-600 print:text-[8px] print:text-black">{a.csfRefs.join(", ")}</span>}
            </PrintRowHeader>
            {parties.map((p) => {
              const c = cellAt(a.id, p.id);
              return (
                <PrintCell key={p.id} align="center" className="font-semibold">
                  {c && (
                    <>
                      <span aria-hidden="true">
                        {c.letter}
                        {MARK[c.origin]}
                      </span>
                      <span className="sr-only">{`${LETTER_NAMES[c.letter]}, ${ORIGIN_WORDS[c.origin]}`}</span>
                    </>
                  )}
                </PrintCell>
              );
            })}
          </tr>
        ))}
      </PrintTable>
      <p className="mt-2 text-[11px] text-slate-700 print:text-[9px] print:text-black">
        R Responsible (does the work) · A Accountable (owns the outcome, signs) · C Consulted · I Informed · * overridden for this class · † inherited from a
        parent class&apos;s override · letters without a mark come from the organization template.
      </p>

      {!effective && v.violations.length > 0 && (
        <section className="mt-4 break-inside-avoid" aria-labelledby="open-rules">
          <h2 id="open-rules" className="mb-1 text-base font-semibold">
            Open rule violations ({v.violations.length})
          </h2>
          <ul className="list-disc pl-5">
            {v.violations.map((x) => (
              <li key={`${x.activityId}:${x.kind}`}>{x.message}</li>
            ))}
          </ul>
        </section>
      )}

      <section className="mt-6 break-inside-avoid" aria-labelledby="sig-block">
        <h2 id="sig-block" className="mb-2 text-base font-semibold">
          Signatures
        </h2>
        {effective && effective.signatures.length > 0 ? (
          <>
            <PrintTable
              caption={`Signatures of version ${effective.version.versionNo}`}
              columns={["Printed name", "Meaning", "Date and time (UTC)", "Verification"]}
            >
              {effective.signatures.map((s) => (
                <tr key={s.id}>
                  <PrintCell>{s.printedName}</PrintCell>
                  <PrintCell>
                    {s.meaning}
                    {s.kind === "reattest" ? " (re-attestation)" : ""}
                  </PrintCell>
                  <PrintCell>
                    <SignedTime iso={s.signedAt} />
                  </PrintCell>
                  <PrintCell>{s.verdict.valid ? "Valid" : s.verdict.message}</PrintCell>
                </tr>
              ))}
            </PrintTable>
            <p className="mt-2 text-[11px] text-slate-700 print:text-[9px] print:text-black">
              Electronic signatures under 21 CFR Part 11: each signer re-entered their password when signing; each signature is bound to the exact content of
              version {effective.version.versionNo} and verified when this page was printed.
            </p>
          </>
        ) : (
          <p>
            This matrix has not been signed. It takes effect only when the lead of every party holding an A or R and a leadership approver have signed it in
            Clearline.
          </p>
        )}
      </section>
    </PrintSheet>
  );
}
