import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { LETTER_NAMES, type Letter } from "@/lib/rules/raci";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { RaciGrid } from "@/components/raci/raci-grid";
import { packCells } from "@/components/raci/grid-wire";
import { SignatureList, formatUtc } from "@/components/raci/signature-list";
import { RaciStatusBadge } from "@/components/raci/status-badge";
import { ReturnForm, SignForm, SubmitForm } from "@/components/raci/workflow";
import { reattestRaciAction, returnRaciAction, setRaciCellAction, signRaciAction, submitRaciAction } from "../actions";
import { SignedTime } from "@/components/ui/signed-time";

export const metadata: Metadata = { title: "RACI" };

export default async function RaciClassPage({ params }: { params: Promise<{ classId: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).classId);
  const db = await getDb();
  const v = loadOr404(() => getRaciClass(db, actor, id));
  const letter = (l: Letter | null) => (l ? `${LETTER_NAMES[l]} (${l})` : "none");
  const readOnlyReason = v.readOnlyReason;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/raci">RACI coverage</Link>
        {v.chain.slice(0, -1).map((c) => (
          <span key={c.id}>
            {" / "}
            <Link href={`/raci/${c.id}`}>{c.name}</Link>
          </span>
        ))}
      </nav>
      <PageHeader
        title={`${v.deviceClass.name} — RACI`}
        description={`Who is Responsible, Accountable, Consulted and Informed for each activity on ${v.deviceClass.name}. Cells inherit from ${v.chain.length > 1 ? `${v.chain[v.chain.length - 2]!.name}, then ` : ""}the organization template unless overridden here.`}
        actions={
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span>
              Status: <RaciStatusBadge status={v.status} />
            </span>
            <Link href={`/raci/${id}/print`}>Print</Link>
            <a href={`/api/raci/classes/${id}/export?format=csv`}>CSV</a>
            <a href={`/api/raci/classes/${id}/export?format=xlsx`}>XLSX</a>
          </div>
        }
      />
      {v.lastReturned && (
        <Alert tone="warning" className="mb-4">
          Version {v.lastReturned.versionNo} was returned to draft{v.lastReturned.returnedAt ? ` on ${formatUtc(v.lastReturned.returnedAt)}` : ""}: “{v.lastReturned.returnComment}”
        </Alert>
      )}
      {v.status === "changes_pending" && (
        <Alert tone="warning" className="mb-4">
          Changes pending sign-off: the template or a parent class changed after version {v.effective?.version.versionNo} was signed. Version {v.effective?.version.versionNo} stays in force until a new version is signed.
        </Alert>
      )}
      {v.signatureProblem && (
        <Alert tone="error" className="mb-4">
          Signature problem: version {v.signatureProblem.versionNo} is marked effective, but its signatures do not hold up, so this class has no
          signed RACI in force. {v.signatureProblem.problems.join(" ")} See <Link href={`/raci/${id}/versions/${v.signatureProblem.versionNo}`}>version {v.signatureProblem.versionNo}</Link>;
          submit the matrix for signature again.
        </Alert>
      )}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 2xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <RaciGrid
            scope={id}
            title={`RACI matrix for ${v.deviceClass.name}`}
            activities={v.activities.map((a) => ({ id: a.id, name: a.name, csfRefs: a.csfRefs }))}
            parties={v.parties.map((p) => ({ id: p.id, name: p.name, leadUserId: p.leadUserId }))}
            cells={packCells(v.cells, v.activities.length, v.parties.length)}
            revision={v.revision}
            editableParties={v.editableParties}
            readOnlyReason={readOnlyReason}
            setCell={setRaciCellAction}
          />
          {v.pendingChanges.length > 0 && (
            <Card title={`Not yet signed: ${v.pendingChanges.length} change${v.pendingChanges.length > 1 ? "s" : ""} since version ${v.effective?.version.versionNo}`}>
              <ul className="list-disc space-y-0.5 pl-5 text-sm">
                {v.pendingChanges.map((c) => (
                  <li key={`${c.activityId}:${c.partyId}`}>
                    {c.partyName} — {c.activityName}: {letter(c.from)} → {letter(c.to)}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {v.unsignedUpstreamChanges.length > 0 && (
            <Card title="Proposed by a parent class, not yet signed there">
              <p className="mb-2 text-sm text-slate-600">
                The grid shows these inherited letters as a parent class now proposes them. They change nothing signed here until that class&apos;s own version is signed; then this class will show &ldquo;Changes pending sign-off&rdquo;.
              </p>
              <ul className="list-disc space-y-0.5 pl-5 text-sm" aria-label="Unsigned changes proposed by a parent class">
                {v.unsignedUpstreamChanges.map((c) => (
                  <li key={`${c.activityId}:${c.partyId}`}>
                    {c.partyName} — {c.activityName}: {letter(c.from)} → {letter(c.to)}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
        <div className="space-y-4">
          {v.affectedSignedChildren.length > 0 && (
            <Alert tone="warning">
              <p className="font-medium">Signing this matrix will reopen {v.affectedSignedChildren.length === 1 ? "one signed class" : `${v.affectedSignedChildren.length} signed classes`} below it:</p>
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
                        Deactivated: cannot sign. Name a new lead on the <Link href="/organization">Organization page</Link>, then return this version to draft and submit it again.
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
                  <SignForm action={signRaciAction} versionId={v.review.version.id} meaning={v.review.mySlot.meaning} />
                </div>
              )}
              {v.canReturn && (
                <details className="border-t border-slate-200 pt-3">
                  <summary className="cursor-pointer text-sm font-medium">Return to draft instead</summary>
                  <div className="mt-2">
                    <ReturnForm action={returnRaciAction} versionId={v.review.version.id} />
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
                <SubmitForm action={submitRaciAction} classId={id} />
              </Card>
            )
          )}
          {v.effective && (
            <Card title={`Effective: version ${v.effective.version.versionNo}`}>
              <p className="mb-2 text-sm text-slate-600">
                In force since {formatUtc(v.effective.version.effectiveAt!)}; last attested {formatUtc(v.effective.version.lastAttestedAt ?? v.effective.version.effectiveAt!)}. Re-attestation every {v.reattestMonths} months.
              </p>
              <SignatureList signatures={v.effective.signatures} />
              {v.status === "reattestation_due" && (
                <div className="mt-4 border-t border-slate-200 pt-3">
                  <p className="mb-1 text-sm font-medium">
                    Re-attestation due: {v.effective.reattestSlots.filter((x) => x.signature).length} of {v.effective.reattestSlots.length} required signers have re-attested.
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
                  {v.myReattestSlot && <SignForm action={reattestRaciAction} versionId={v.effective.version.id} meaning={v.myReattestSlot.meaning} label="Re-attest" />}
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
                    <Link href={`/raci/${id}/versions/${x.versionNo}`}>Version {x.versionNo}</Link> — {x.status.replace("_", " ")}, submitted {formatUtc(x.submittedAt)}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
