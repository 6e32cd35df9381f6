import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can, type Actor } from "@/lib/auth/permissions";
import { DRILL_STATUS_LABELS } from "@/lib/rules/drills";
import { getPlan, planFormOptions } from "@/lib/services/plans/get-plans";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { SignatureList, formatUtc, type SignatureView } from "@/components/raci/signature-list";
import { PlanDraftEditor } from "@/components/plans/plan-draft-editor";
import { AcknowledgeForm, ApprovePlanForm, StartVersionForm } from "@/components/plans/plan-forms";
import { DateText, PlanVersionStatusBadge, ReviewBadge } from "@/components/plans/plan-labels";
import { PlanVersionView } from "@/components/plans/plan-version-view";
import { acknowledgePlanAction, approvePlanVersionAction, startNewPlanVersionAction, updatePlanDraftAction } from "../actions";

export const metadata: Metadata = { title: "Response plan" };

const DRILL_KIND_LABELS = { exercise: "Exercise", real_event: "Actual event" } as const;

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const p = loadOr404(() => getPlan(db, actor, id));
  const { plan, approved, draft, review, acknowledgements, may, draftApproval, signatureProblem } = p;
  const nextVersionNo = Math.max(0, ...p.history.map((h) => h.versionNo)) + 1;
  const acknowledgedCount = acknowledgements.filter((a) => a.acknowledgedAt).length;
  const sigView = (versionNo: number): SignatureView[] =>
    (p.signatures.find((s) => s.versionNo === versionNo)?.signatures ?? []).map((s) => ({ id: s.id, printedName: s.printedName, meaning: s.meaning, signedAt: s.signedAt, kind: s.kind, authMethod: s.authMethod, verdict: s.verdict }));
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
            Signature problem: version {signatureProblem.versionNo} is marked approved, but its approval signature does not hold up, so no version is in force. {signatureProblem.problems.join(" ")}
          </Alert>
        )}
        {approvedSignatureInvalid && (
          <Alert tone="error">
            Signature invalid: version {approved!.versionNo} no longer matches what leadership approved, or its signature was altered. Do not rely on it until a new version is approved. See the version history below.
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
            <p className="text-sm text-slate-600">No version is in force yet. {draft ? `Version ${draft.versionNo} is a draft and comes into force when leadership approves it.` : ""}</p>
          )}
        </Card>

        <div id="acknowledgements" className="scroll-mt-4">
          <Card title="Acknowledgements">
            {!approved ? (
              <p className="text-sm text-slate-600">Acknowledgements start when a version is approved: everyone it names must then confirm they have read it.</p>
            ) : acknowledgements.length === 0 ? (
              <p className="text-sm text-slate-600">Version {approved.versionNo} names nobody who must acknowledge it.</p>
            ) : (
              <>
                <p className="mb-3 text-sm font-medium">
                  {acknowledgedCount} of {acknowledgements.length} have acknowledged version {approved.versionNo}.
                </p>
                <Table caption={`Acknowledgements of version ${approved.versionNo}`}>
                  <thead>
                    <tr>
                      <Th>Person</Th>
                      <Th>Acknowledgement</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {acknowledgements.map((a) => (
                      <tr key={a.userId}>
                        <Td>
                          {a.name}
                          {a.userId === actor.id && <span className="text-slate-600"> (you)</span>}
                        </Td>
                        <Td>
                          {a.acknowledgedAt ? (
                            <Badge tone="good">
                              Acknowledged&nbsp;<DateText iso={a.acknowledgedAt} />
                            </Badge>
                          ) : (
                            <Badge tone="warn">Not yet</Badge>
                          )}
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </>
            )}
            {may.acknowledge && approved && (
              <div className="mt-4 border-t border-slate-200 pt-3">
                <p className="mb-2 text-sm text-slate-700">By acknowledging you confirm that you have read version {approved.versionNo} and know your part in it. It is recorded with your name and the date.</p>
                <AcknowledgeForm action={acknowledgePlanAction} planVersionId={approved.id} versionNo={approved.versionNo} />
              </div>
            )}
          </Card>
        </div>

        {approved && !draft && may.manage && (
          <Card title="Change this plan">
            <p className="mb-3 text-sm text-slate-600">
              Starting version {nextVersionNo} copies version {approved.versionNo} into a draft you can edit. Version {approved.versionNo} stays in force until version {nextVersionNo} is approved.
            </p>
            <StartVersionForm action={startNewPlanVersionAction} planId={plan.id} nextVersionNo={nextVersionNo} />
          </Card>
        )}

        {draft && (
          <Card title={`Draft version ${draft.versionNo}`}>
            <p className="mb-4 text-sm text-slate-600">
              Started by {draft.createdBy}; last saved by {draft.updatedBy} on {formatUtc(draft.updatedAt)}. A draft is not in force{approved ? `: version ${approved.versionNo} applies until this one is approved` : ""}.
            </p>
            {may.manage ? (
              <DraftEditor db={db} actor={actor} planId={plan.id} draft={draft} />
            ) : (
              <details>
                <summary className="cursor-pointer text-sm font-medium">Read draft version {draft.versionNo} as saved</summary>
                <div className="mt-3">
                  <PlanVersionView version={draft} />
                </div>
              </details>
            )}
          </Card>
        )}

        {draft && draftApproval && (
          <Card title={`Approve version ${draft.versionNo}`}>
            <p className="mb-3 text-sm text-slate-700">
              Approval is an electronic signature with the meaning <strong>Approved</strong>. Version {draft.versionNo} then comes into force
              {approved ? ` and replaces version ${approved.versionNo}` : ""}, and acknowledgements restart: everyone version {draft.versionNo} names must acknowledge it, even if they acknowledged an earlier version.
            </p>
            {can(actor, "plan.approve") ? (
              draftApproval.byActor ? (
                <Alert tone="info">You wrote or last edited this draft, so someone else must approve it.</Alert>
              ) : draftApproval.notReady ? (
                <Alert tone="warning">Not ready for approval: {draftApproval.notReady}</Alert>
              ) : may.approve ? (
                <>
                  <p className="mb-3 text-sm text-slate-600">
                    You sign version {draft.versionNo} as last saved by {draft.updatedBy} on {formatUtc(draft.updatedAt)}. Changes not yet saved in the editor above are not part of it.
                  </p>
                  <ApprovePlanForm action={approvePlanVersionAction} planId={plan.id} versionId={draft.id} versionNo={draft.versionNo} />
                </>
              ) : null
            ) : (
              <>
                <p className="text-sm text-slate-600">A member of leadership who did not write or last edit this draft approves it.</p>
                {draftApproval.notReady && <p className="mt-2 text-sm text-amber-900">Before it can be approved: {draftApproval.notReady}</p>}
              </>
            )}
          </Card>
        )}

        <Card title="Version history">
          <Table caption="Versions of this plan">
            <thead>
              <tr>
                <Th>Version</Th>
                <Th>Status</Th>
                <Th>Approved</Th>
                <Th>Approved by</Th>
                <Th>Superseded</Th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((h) => (
                <tr key={h.versionNo}>
                  <Td className="tabular-nums">Version {h.versionNo}</Td>
                  <Td>
                    <PlanVersionStatusBadge status={h.status} />
                  </Td>
                  <Td className="whitespace-nowrap">{h.approvedAt ? <DateText iso={h.approvedAt} /> : "Not approved"}</Td>
                  <Td>{h.approvedBy ?? "—"}</Td>
                  <Td className="whitespace-nowrap">{h.supersededAt ? <DateText iso={h.supersededAt} /> : h.status === "approved" ? "In force" : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {p.signatures.length > 0 && (
            <div className="mt-6 space-y-4">
              {p.signatures.map((s) => (
                <section key={s.versionNo}>
                  <h3 className="mb-2 text-sm font-semibold text-slate-900">Signatures on version {s.versionNo}</h3>
                  <SignatureList signatures={sigView(s.versionNo)} />
                </section>
              ))}
            </div>
          )}
        </Card>

        <Card title="Drills and events that exercised this plan">
          {p.exercisedBy.length === 0 ? (
            <p className="text-sm text-slate-600">No drill or actual event has exercised this plan yet.</p>
          ) : (
            <Table caption="Drills and actual events that exercised this plan">
              <thead>
                <tr>
                  <Th>Drill</Th>
                  <Th>Type</Th>
                  <Th>Status</Th>
                  <Th>Date</Th>
                </tr>
              </thead>
              <tbody>
                {p.exercisedBy.map((d) => (
                  <tr key={d.id}>
                    <Td>
                      <Link href={`/drills/${d.id}`}>{d.title}</Link>
                    </Td>
                    <Td>{DRILL_KIND_LABELS[d.kind]}</Td>
                    <Td>{DRILL_STATUS_LABELS[d.status] ?? d.status}</Td>
                    <Td className="whitespace-nowrap">
                      {d.date ? (
                        <DateText iso={d.date} />
                      ) : d.planned ? (
                        <>
                          Planned <DateText iso={d.planned} />
                        </>
                      ) : (
                        "Not dated"
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}

type Draft = NonNullable<ReturnType<typeof getPlan>["draft"]>;

/** The editor gets plain options and values only; chosen items no longer offered are named so nothing disappears silently. */
function DraftEditor({ db, actor, planId, draft }: { db: Awaited<ReturnType<typeof getDb>>; actor: Actor; planId: number; draft: Draft }) {
  const o = planFormOptions(db, actor);
  const opts = (xs: { id: number; name: string }[]) => xs.map((x) => ({ value: String(x.id), label: x.name }));
  const gone = (chosen: { id: number; name: string }[], offered: { id: number }[], what: string) => {
    const ids = new Set(offered.map((x) => x.id));
    return chosen.filter((c) => !ids.has(c.id)).map((c) => `${what} ${c.name}`);
  };
  const partyIds = new Set(o.parties.map((x) => x.id));
  const goneStepParties = new Map(draft.stepsNamed.filter((s) => s.partyId != null && !partyIds.has(s.partyId)).map((s) => [s.partyId!, s.party ?? "?"] as const));
  return (
    <PlanDraftEditor
      action={updatePlanDraftAction}
      planId={planId}
      versionNo={draft.versionNo}
      revision={draft.revision}
      draft={{
        scenario: draft.scenario,
        deviceClassIds: draft.deviceClassIds,
        activityIds: draft.activityIds,
        namedUserIds: draft.namedUserIds,
        namedPartyIds: draft.namedPartyIds,
        steps: draft.steps,
        contacts: draft.contacts,
        downtimeProcedures: draft.downtimeProcedures,
        reviewIntervalMonths: draft.reviewIntervalMonths,
        exerciseIntervalMonths: draft.exerciseIntervalMonths,
      }}
      options={{
        classes: opts(o.classes),
        activities: opts(o.activities),
        users: opts(o.users),
        parties: opts(o.parties),
        stepParties: [...opts(o.parties), ...[...goneStepParties].map(([pid, name]) => ({ value: String(pid), label: `${name} (no longer available — choose another)` }))],
      }}
      unavailable={[
        ...gone(draft.classes, o.classes, "device class"),
        ...gone(draft.activities, o.activities, "activity"),
        ...gone(draft.namedUsers, o.users, "person"),
        ...gone(draft.namedParties, o.parties, "party"),
      ]}
    />
  );
}
