import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getAssessment } from "@/lib/services/assessments/get-assessment";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Badge } from "@/components/ui/badge";
import { Alert } from "@/components/ui/alert";
import { ApproveForm, HiddenActionForm, ReviewForms, TierForm } from "@/components/assessments/workflow-forms";
import { SignatureList } from "@/components/signatures/signature-list";
import { TIERS } from "@/lib/rules/csf-score";
import { approveAssessmentAction, resubmitFunctionAction, reviewFunctionAction, setTierAction, submitAssessmentAction } from "../actions";

export const metadata: Metadata = { title: "Assessment" };

const STATUS_LABEL = { in_progress: "In progress", in_review: "In review", approved: "Approved" } as const;
const REVIEW_LABEL = { open: "Awaiting review", accepted: "Accepted", returned: "Returned" } as const;

export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const v = loadOr404(() => getAssessment(db, actor, id));
  const mine = v.functions.filter((f) => f.myRemaining > 0);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/assessments">Assessments</Link>
      </nav>
      <PageHeader
        title={v.assessment.name}
        description={`${v.scope} · due ${v.assessment.dueDate} · started by ${v.authorName}${v.assessment.carriedFromId ? " · started from the previous assessment" : ""}`}
        actions={
          <Badge tone={v.assessment.status === "approved" ? "good" : v.assessment.status === "in_review" ? "warn" : "info"}>
            {STATUS_LABEL[v.assessment.status]}
          </Badge>
        }
      />
      <div className="space-y-6">
        {v.signatureProblem && (
          <Alert tone="error">
            Signature problem: this assessment is marked approved, but its approval signature does not hold up, so its scores are not used as the approved
            profile. {v.signatureProblem.join(" ")}
          </Alert>
        )}
        <p className="text-sm">
          <Link href={`/assessments/${id}/results`}>Results, gaps and action items</Link> · <Link href={`/assessments/${id}/print`}>Print summary</Link> ·{" "}
          <a href={`/api/assessments/${id}/export?format=csv`}>Export CSV</a> · <a href={`/api/assessments/${id}/export?format=xlsx`}>Export XLSX</a>
        </p>
        <Card title="Progress">
          <Progress value={v.answered} max={v.total} label="Overall" />
          {mine.length > 0 && <p className="mt-3 text-sm">Your remaining items: {mine.map((f) => `${f.name} ${f.myRemaining}`).join(", ")}.</p>}
        </Card>
        <Card title="Steps">
          <ol className="space-y-4">
            {v.functions.map((f, i) => (
              <li key={f.id} className="grid gap-2 md:grid-cols-[16rem_1fr] md:items-center">
                <div>
                  <Link href={`/assessments/${id}/${f.id}`} className="font-medium">
                    {i + 1}. {f.name} ({f.id})
                  </Link>
                  <div className="text-xs text-slate-600">{f.assignees.length ? `Assigned: ${f.assignees.join(", ")}` : "Unassigned"}</div>
                </div>
                <Progress value={f.answered} max={f.total} label={`${f.name} progress`} />
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Implementation Tier">
          <p className="mb-3 text-sm text-slate-600">
            Rated once for the organization&apos;s governance as a whole, not per subcategory.{" "}
            {v.assessment.tier ? (
              <strong>
                Current rating: Tier {v.assessment.tier} — {TIERS[v.assessment.tier - 1]!.label}.
              </strong>
            ) : (
              "Not rated yet."
            )}
          </p>
          {v.canRateTier && <TierForm action={setTierAction} assessmentId={id} tier={v.assessment.tier} rationale={v.assessment.tierRationale} />}
          {!v.canRateTier && v.assessment.tierRationale && <p className="text-sm">Rationale: {v.assessment.tierRationale}</p>}
        </Card>
        {v.canSubmit && (
          <Card title="Submit for review">
            <p className="mb-3 text-sm text-slate-600">Every subcategory must be answered (or marked N/A with a reason) and the Tier rated.</p>
            <HiddenActionForm action={submitAssessmentAction} fields={{ assessmentId: id }} label="Submit for review" />
          </Card>
        )}
        {v.assessment.status !== "in_progress" && (
          <Card title="Review">
            <ul className="space-y-3" aria-label="Function reviews">
              {v.functions.map((f) => {
                const r = v.reviews.find((x) => x.functionId === f.id);
                return (
                  <li key={f.id} className="border-b border-slate-100 pb-3">
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <span className="font-medium">{f.name}</span>
                      <Badge tone={r?.status === "accepted" ? "good" : r?.status === "returned" ? "bad" : "neutral"}>{REVIEW_LABEL[r?.status ?? "open"]}</Badge>
                      {r?.reviewer && <span className="text-slate-600">by {r.reviewer}</span>}
                    </div>
                    {r?.comment && <p className="mt-1 text-sm">Comment: “{r.comment}”</p>}
                    {v.canReview && r?.status === "open" && (
                      <div className="mt-2">
                        <ReviewForms action={reviewFunctionAction} assessmentId={id} functionId={f.id} functionName={f.name} />
                      </div>
                    )}
                    {r?.status === "returned" && f.mayAnswer && (
                      <div className="mt-2">
                        <HiddenActionForm
                          action={resubmitFunctionAction}
                          fields={{ assessmentId: id, functionId: f.id }}
                          label={`Send ${f.name} back for review`}
                          variant="secondary"
                        />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
            {v.assessment.status === "in_review" && !v.canReview && (
              <p className="mt-2 text-sm text-slate-600">Reviewers are leads or leadership who did not edit this assessment.</p>
            )}
          </Card>
        )}
        {v.canApprove && (
          <Card title="Approval">
            <ApproveForm action={approveAssessmentAction} assessmentId={id} />
          </Card>
        )}
        {v.assessment.status === "approved" && (
          <Card title="Approval signature">
            <SignatureList signatures={v.signatures} />
          </Card>
        )}
      </div>
    </>
  );
}
