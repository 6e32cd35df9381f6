import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/forms/action-form";
import { SignatureList, formatUtc } from "@/components/signatures/signature-list";
import { SignedTime } from "@/components/ui/signed-time";
import type { RaciClassView } from "./raci-class-view";
import { ReturnForm, SignForm, SubmitForm } from "./workflow";

/**
 * The sign-off column of a class's RACI page: which signed classes a signature reopens, the version in review with
 * its required signers (21 CFR 11.50 manifestation), submission, the effective version and its yearly
 * re-attestation (GV.RR-02), and the version history.
 */
export function RaciSignOffPanel({
  v,
  id,
  actions,
}: {
  v: RaciClassView;
  id: number;
  actions: { sign: FormAction; return: FormAction; submit: FormAction; reattest: FormAction };
}) {
  return (
    <div className="space-y-4">
      {v.affectedSignedChildren.length > 0 && (
        <Alert tone="warning">
          <p className="font-medium">
            Signing this matrix will reopen {v.affectedSignedChildren.length === 1 ? "one signed class" : `${v.affectedSignedChildren.length} signed classes`}{" "}
            below it:
          </p>
          <ul className="mt-1 list-disc pl-5" aria-label="Signed classes this change will affect">
            {v.affectedSignedChildren.map((c) => (
              <li key={c.classId}>
                <Link href={`/raci/${c.classId}`}>{c.name}</Link> (version {c.effectiveVersionNo}, {c.cells} inherited letter{c.cells === 1 ? "" : "s"} change)
              </li>
            ))}
          </ul>
          <p className="mt-1">They stay in force as signed until their own new versions are signed.</p>
        </Alert>
      )}
      {v.review ? (
        <Card title={`Version ${v.review.version.versionNo}: in review`}>
          <p className="mb-2 text-sm text-slate-600">Submitted {formatUtc(v.review.version.submittedAt)}. Required signatures:</p>
          {v.review.signatures.some((s) => !s.verdict.valid) && (
            <Alert tone="error" className="mb-2">
              Signature problem: a signature stored on this version is not valid for it and fills no slot. See the version page.
            </Alert>
          )}
          <ul className="mb-4 space-y-1 text-sm" aria-label="Required signers">
            {v.review.slots.map((s) => (
              <li key={s.key}>
                {s.signature ? "✓ Signed" : "○ Awaiting"} — {s.label} ({s.meaning})
                {s.signerInactive && (
                  <span className="block text-sm font-medium text-red-800">
                    Deactivated: cannot sign. Name a new lead on the <Link href="/organization">Organization page</Link>, then return this version to draft and
                    submit it again.
                  </span>
                )}
                {s.signature && (
                  <span className="block text-xs text-slate-500">
                    {s.signature.printedName}, <SignedTime iso={s.signature.signedAt} />
                  </span>
                )}
              </li>
            ))}
          </ul>
          {v.review.mySlot && (
            <div className="mb-4 border-t border-slate-200 pt-3">
              <SignForm action={actions.sign} versionId={v.review.version.id} meaning={v.review.mySlot.meaning} />
            </div>
          )}
          {v.canReturn && (
            <details className="border-t border-slate-200 pt-3">
              <summary className="cursor-pointer text-sm font-medium">Return to draft instead</summary>
              <div className="mt-2">
                <ReturnForm action={actions.return} versionId={v.review.version.id} />
              </div>
            </details>
          )}
        </Card>
      ) : (
        v.canSubmit &&
        !v.deviceClass.archivedAt &&
        v.status !== "effective" &&
        v.status !== "reattestation_due" && (
          <Card title="Sign-off">
            <p className="mb-3 text-sm text-slate-600">
              Submitting freezes this matrix as version {(v.versions.at(-1)?.versionNo ?? 0) + 1}. It will need the signatures of{" "}
              {v.signerPlan.partySigners.map((s) => s.name).join(", ") || "no party lead"} and one leadership approval.
              {v.signerPlan.partiesWithoutLead.length > 0 && ` ${v.signerPlan.partiesWithoutLead.join(", ")} hold responsibilities but have no lead to sign.`}
            </p>
            <SubmitForm action={actions.submit} classId={id} />
          </Card>
        )
      )}
      {v.effective && (
        <Card title={`Effective: version ${v.effective.version.versionNo}`}>
          <p className="mb-2 text-sm text-slate-600">
            In force since {formatUtc(v.effective.version.effectiveAt!)}; last attested{" "}
            {formatUtc(v.effective.version.lastAttestedAt ?? v.effective.version.effectiveAt!)}. Re-attestation every {v.reattestMonths} months.
          </p>
          <SignatureList signatures={v.effective.signatures} />
          {v.status === "reattestation_due" && (
            <div className="mt-4 border-t border-slate-200 pt-3">
              <p className="mb-1 text-sm font-medium">
                Re-attestation due: {v.effective.reattestSlots.filter((x) => x.signature).length} of {v.effective.reattestSlots.length} required signers have
                re-attested.
              </p>
              <ul className="mb-3 space-y-1 text-sm" aria-label="Required re-attestations">
                {v.effective.reattestSlots.map((x) => (
                  <li key={x.key}>
                    {x.signature ? "✓ Re-attested" : "○ Waiting"} — {x.label} ({x.meaning})
                    {x.signature && (
                      <span className="block text-xs text-slate-500">
                        {x.signature.printedName}, <SignedTime iso={x.signature.signedAt} />
                      </span>
                    )}
                  </li>
                ))}
              </ul>
              {v.myReattestSlot && (
                <SignForm action={actions.reattest} versionId={v.effective.version.id} meaning={v.myReattestSlot.meaning} label="Re-attest" />
              )}
            </div>
          )}
        </Card>
      )}
      <Card title="Version history">
        {v.versions.length === 0 ? (
          <p className="text-sm text-slate-600">Never submitted.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {[...v.versions].reverse().map((x) => (
              <li key={x.id}>
                <Link href={`/raci/${id}/versions/${x.versionNo}`}>Version {x.versionNo}</Link> — {x.status.replace("_", " ")}, submitted{" "}
                {formatUtc(x.submittedAt)}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
