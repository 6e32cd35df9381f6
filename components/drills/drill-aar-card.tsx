import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/forms/action-form";
import { SignatureList, formatUtc } from "@/components/signatures/signature-list";
import type { DrillDetail } from "./drill-detail";
import { AarSummaryForm, ApproveAarForm, ReturnAarForm, SubmitAarForm } from "./drill-forms";

/**
 * The after-action report: its summary, submission, and leadership's approval or return. The approver may be
 * neither the facilitator nor the submitter (separation of duties, as the service enforces); the page says why
 * before anyone tries.
 */
export function DrillAarCard({
  r,
  actorId,
  actions,
}: {
  r: DrillDetail;
  actorId: number;
  actions: { saveSummary: FormAction; submit: FormAction; approve: FormAction; return: FormAction };
}) {
  const { drill: d, may } = r;
  const selfReview = d.status === "aar_review" && (d.aarSubmittedBy === actorId || d.facilitatorUserId === actorId);
  return (
    <Card title="After-action report">
      <div className="space-y-4">
        {may.editAar ? (
          <AarSummaryForm action={actions.saveSummary} drillId={d.id} summary={d.aarSummary} />
        ) : (
          <div>
            <h3 className="text-sm font-semibold">Overview of the after-action report</h3>
            <p className="whitespace-pre-wrap text-sm">
              {d.aarSummary || (d.status === "planned" ? "Written after the drill was conducted." : "Not written yet.")}
            </p>
          </div>
        )}
        {may.submitAar && <SubmitAarForm action={actions.submit} drillId={d.id} />}
        {d.status === "aar_review" && (
          <p className="text-sm">
            Submitted for approval{d.aarSubmittedByName ? ` by ${d.aarSubmittedByName}` : ""}
            {d.aarSubmittedAt ? ` on ${formatUtc(d.aarSubmittedAt)}` : ""}.
          </p>
        )}
        {selfReview && (
          <Alert tone="info">
            {d.aarSubmittedBy === actorId
              ? "You submitted this after-action report, so you cannot approve it yourself: another member of leadership must sign it."
              : "You facilitated this drill, so you cannot approve its after-action report yourself: another member of leadership must sign it."}
          </Alert>
        )}
        {may.approveAar && (
          <section aria-labelledby="approve-aar" className="rounded-md border border-slate-200 p-4">
            <h3 id="approve-aar" className="mb-2 text-sm font-semibold">
              Approve the after-action report
            </h3>
            <ApproveAarForm action={actions.approve} drillId={d.id} />
          </section>
        )}
        {may.returnAar && (
          <section aria-labelledby="return-aar" className="rounded-md border border-slate-200 p-4">
            <h3 id="return-aar" className="mb-2 text-sm font-semibold">
              Return with comment
            </h3>
            <ReturnAarForm action={actions.return} drillId={d.id} />
          </section>
        )}
        {(d.status === "aar_approved" || d.status === "closed") && (
          <div>
            <h3 className="mb-2 text-sm font-semibold">Approval</h3>
            <SignatureList
              signatures={r.signatures.map((s) => ({
                id: s.id,
                printedName: s.printedName,
                meaning: s.meaning,
                signedAt: s.signedAt,
                kind: s.kind,
                verdict: s.verdict,
              }))}
            />
          </div>
        )}
      </div>
    </Card>
  );
}
