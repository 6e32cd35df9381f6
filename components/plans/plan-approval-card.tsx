import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/forms/action-form";
import { formatUtc } from "@/components/signatures/signature-list";
import type { PlanDetail } from "./plan-detail";
import { ApprovePlanForm } from "./plan-forms";

/**
 * Approving the draft: an electronic signature meaning "Approved" (21 CFR 11.50). `mayApproveAsRole` is the role's
 * permission; whether this person may sign this draft (not its author or last editor) comes from the service.
 */
export function PlanApprovalCard({ p, mayApproveAsRole, action }: { p: PlanDetail; mayApproveAsRole: boolean; action: FormAction }) {
  const { plan, approved, draft, draftApproval, may } = p;
  if (!draft || !draftApproval) return null;
  return (
    <Card title={`Approve version ${draft.versionNo}`}>
      <p className="mb-3 text-sm text-slate-700">
        Approval is an electronic signature with the meaning <strong>Approved</strong>. Version {draft.versionNo} then comes into force
        {approved ? ` and replaces version ${approved.versionNo}` : ""}, and acknowledgements restart: everyone version {draft.versionNo} names must acknowledge
        it, even if they acknowledged an earlier version.
      </p>
      {mayApproveAsRole ? (
        draftApproval.byActor ? (
          <Alert tone="info">You wrote or last edited this draft, so someone else must approve it.</Alert>
        ) : draftApproval.notReady ? (
          <Alert tone="warning">Not ready for approval: {draftApproval.notReady}</Alert>
        ) : may.approve ? (
          <>
            <p className="mb-3 text-sm text-slate-600">
              You sign version {draft.versionNo} as last saved by {draft.updatedBy} on {formatUtc(draft.updatedAt)}. Changes not yet saved in the editor above
              are not part of it.
            </p>
            <ApprovePlanForm action={action} planId={plan.id} versionId={draft.id} versionNo={draft.versionNo} />
          </>
        ) : null
      ) : (
        <>
          <p className="text-sm text-slate-600">A member of leadership who did not write or last edit this draft approves it.</p>
          {draftApproval.notReady && <p className="mt-2 text-sm text-amber-900">Before it can be approved: {draftApproval.notReady}</p>}
        </>
      )}
    </Card>
  );
}
