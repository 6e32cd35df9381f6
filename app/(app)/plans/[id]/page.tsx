import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { getPlan, planFormOptions } from "@/lib/services/plans/get-plans";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { type SignatureView } from "@/components/signatures/signature-list";
import { PlanAcknowledgementsCard } from "@/components/plans/plan-acknowledgements";
import { PlanApprovalCard } from "@/components/plans/plan-approval-card";
import { PlanDraftCard } from "@/components/plans/plan-draft-card";
import { PlanExercisedByCard, PlanHistoryCard } from "@/components/plans/plan-history";
import { StartVersionForm } from "@/components/plans/plan-forms";
import { DateText, ReviewBadge } from "@/components/plans/plan-labels";
import { PlanVersionView } from "@/components/plans/plan-version-view";
import { acknowledgePlanAction, approvePlanVersionAction, startNewPlanVersionAction, updatePlanDraftAction } from "../actions";

export const metadata: Metadata = { title: "Response plan" };

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const p = loadOr404(() => getPlan(db, actor, id));
  const { plan, approved, draft, review, may, signatureProblem } = p;
  const nextVersionNo = Math.max(0, ...p.history.map((h) => h.versionNo)) + 1;
  const sigView = (versionNo: number): SignatureView[] =>
    (p.signatures.find((s) => s.versionNo === versionNo)?.signatures ?? []).map((s) => ({
      id: s.id,
      printedName: s.printedName,
      meaning: s.meaning,
      signedAt: s.signedAt,
      kind: s.kind,
      authMethod: s.authMethod,
      verdict: s.verdict,
    }));
  const approvedSignatureInvalid = approved ? sigView(approved.versionNo).some((s) => !s.verdict.valid) : false;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/plans">Response plans</Link>
      </nav>
      <PageHeader
        title={plan.title}
        description={
          <>
            <span className="block">Site: {plan.site}</span>
            {approved ? (
              <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
                <span>
                  Version {approved.versionNo} in force, approved <DateText iso={approved.approvedAt!} /> by {approved.approvedBy}.
                </span>
                <ReviewBadge review={review} />
                {draft && <span>Version {draft.versionNo} is a draft.</span>}
              </span>
            ) : (
              <span className="mt-1 block">Draft — not approved yet.</span>
            )}
          </>
        }
      />

      <div className="space-y-6">
        {signatureProblem && (
          <Alert tone="error" className="mb-4">
            Signature problem: version {signatureProblem.versionNo} is marked approved, but its approval signature does not hold up, so no version is in force.{" "}
            {signatureProblem.problems.join(" ")}
          </Alert>
        )}
        {approvedSignatureInvalid && (
          <Alert tone="error">
            Signature invalid: version {approved!.versionNo} no longer matches what leadership approved, or its signature was altered. Do not rely on it until a
            new version is approved. See the version history below.
          </Alert>
        )}
        {may.acknowledge && approved && (
          <Alert tone="warning">
            This plan names you. Read version {approved.versionNo}, then <a href="#acknowledgements">acknowledge it</a>.
          </Alert>
        )}

        <Card title={approved ? `Version ${approved.versionNo} in force` : "Version in force"}>
          {approved ? (
            <PlanVersionView version={approved} />
          ) : (
            <p className="text-sm text-slate-600">
              No version is in force yet. {draft ? `Version ${draft.versionNo} is a draft and comes into force when leadership approves it.` : ""}
            </p>
          )}
        </Card>

        <PlanAcknowledgementsCard p={p} actorId={actor.id} action={acknowledgePlanAction} />

        {approved && !draft && may.manage && (
          <Card title="Change this plan">
            <p className="mb-3 text-sm text-slate-600">
              Starting version {nextVersionNo} copies version {approved.versionNo} into a draft you can edit. Version {approved.versionNo} stays in force until
              version {nextVersionNo} is approved.
            </p>
            <StartVersionForm action={startNewPlanVersionAction} planId={plan.id} nextVersionNo={nextVersionNo} />
          </Card>
        )}

        <PlanDraftCard p={p} options={draft && may.manage ? planFormOptions(db, actor) : null} action={updatePlanDraftAction} />

        <PlanApprovalCard p={p} mayApproveAsRole={can(actor, "plan.approve")} action={approvePlanVersionAction} />

        <PlanHistoryCard p={p} sigView={sigView} />

        <PlanExercisedByCard p={p} />
      </div>
    </>
  );
}
