import type { Metadata } from "next";
import { pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { drillFormOptions, getDrill } from "@/lib/services/drills/get-drills";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { SignatureList, formatUtc } from "@/components/raci/signature-list";
import {
  AarSummaryForm,
  AddFindingForm,
  AddImprovementItemForm,
  AddObjectiveForm,
  ApproveAarForm,
  CancelDrillForm,
  ConductForm,
  RateObjectiveForm,
  ReturnAarForm,
  SubmitAarForm,
} from "@/components/drills/drill-forms";
import { DrillStatusBadge, MEASURED_TIMES, attendanceText, minutesText, ratingText } from "@/components/drills/drill-labels";
import { ActionItemTable } from "@/components/action-items/action-item-table";
import { LifecycleStepper } from "@/components/drills/lifecycle-stepper";
import {
  addFindingAction,
  addImprovementItemAction,
  addObjectiveAction,
  approveAarAction,
  cancelDrillAction,
  conductDrillAction,
  rateObjectiveAction,
  returnAarAction,
  saveAarSummaryAction,
  submitAarAction,
} from "../actions";
import { updateItemStatusAction } from "../../_shared/action-items/actions";

export const metadata: Metadata = { title: "Drill" };

const truncate = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-700">{term}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export default async function DrillPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  let r;
  try {
    r = getDrill(db, actor, id);
  } catch (e) {
    // A read outside the actor's scope answers "not found", like a missing drill.
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
  const { drill: d, may } = r;
  const realEvent = d.kind === "real_event";
  const options = may.editAar || may.addItem ? drillFormOptions(db, actor) : null;
  const parties = options?.parties.map((p) => ({ value: String(p.id), label: p.name })) ?? [];
  const people = options?.users.map((u) => ({ value: String(u.id), label: u.name })) ?? [];
  const strengths = r.findings.filter((f) => f.kind === "strength");
  const areas = r.findings.filter((f) => f.kind === "improvement");
  const areaNo = new Map(areas.map((f, i) => [f.id, i + 1]));
  const objectiveNo = new Map(r.objectives.map((o, i) => [o.id, i + 1]));
  const measured = MEASURED_TIMES.filter(([k]) => d[k] != null);
  const selfReview = d.status === "aar_review" && (d.aarSubmittedBy === actor.id || d.facilitatorUserId === actor.id);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/drills">Drills and exercises</Link> / {d.title}
      </nav>
      <PageHeader
        title={d.title}
        description={
          <>
            {d.typeLabel} ({d.group}) · {d.site} · Status: <DrillStatusBadge status={d.status} />
          </>
        }
        actions={
          <Link href={`/drills/${d.id}/aar`} className="text-sm">
            Print AAR/IP
          </Link>
        }
      />
      {r.signatureProblem && (
        <Alert tone="error" className="mb-4">
          Signature problem: this after-action report is marked approved, but its approval signature does not hold up, so it does not count as approved. {r.signatureProblem.join(" ")}
        </Alert>
      )}
      <div className="space-y-6">
        <LifecycleStepper status={d.status} kind={d.kind} />
        {d.status === "cancelled" && <Alert tone="info">This drill was cancelled{d.cancelReason ? `: ${d.cancelReason}` : "."}</Alert>}

        <Card title="Overview">
          <dl className="divide-y divide-slate-100">
            <Row term="Type">
              {d.typeLabel} ({d.group})
            </Row>
            <Row term="Planned date">{realEvent ? "Not planned (real event)" : <span className="tabular-nums">{d.plannedDate}</span>}</Row>
            <Row term="Actual dates">
              {d.actualStart ? (
                <span className="tabular-nums">
                  {d.actualStart}
                  {d.actualEnd && d.actualEnd !== d.actualStart ? ` to ${d.actualEnd}` : ""}
                </span>
              ) : (
                "Not conducted yet"
              )}
            </Row>
            <Row term="Facilitator">{d.facilitator ?? "None named"}</Row>
            <Row term={realEvent ? "Plans activated" : "Plans tested"}>
              {r.plans.length === 0 ? (
                "None"
              ) : (
                <ul className="space-y-0.5">
                  {r.plans.map((p) => (
                    <li key={p.id}>
                      <Link href={`/plans/${p.id}`}>{p.title}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </Row>
            <Row term={realEvent ? "Device classes affected" : "Device classes tested"}>{r.classes.length === 0 ? "None" : r.classes.map((c) => c.name).join(", ")}</Row>
            <Row term={realEvent ? "What happened" : "Scenario"}>{d.scenario ? <span className="whitespace-pre-wrap">{d.scenario}</span> : "Not described"}</Row>
            <Row term="Participants">
              {r.participants.length === 0 ? (
                "None named"
              ) : (
                <ul className="space-y-0.5" aria-label="Participants and attendance">
                  {r.participants.map((p) => (
                    <li key={p.id}>
                      {p.name} — {attendanceText(p.attended)}
                    </li>
                  ))}
                </ul>
              )}
            </Row>
            {d.conductedByName && <Row term="Recorded as conducted by">{d.conductedByName}</Row>}
          </dl>
        </Card>

        {may.conduct && (
          <Card title="Record as conducted">
            <ConductForm action={conductDrillAction} drillId={d.id} today={r.today} participants={r.participants.map((p) => ({ value: String(p.id), label: p.name }))} />
          </Card>
        )}
        {may.cancel && (
          <Card title="Cancel drill">
            <CancelDrillForm action={cancelDrillAction} drillId={d.id} />
          </Card>
        )}

        <Card title="Objectives">
          {r.objectives.length === 0 ? (
            <p className="text-sm text-slate-600">No objective yet.</p>
          ) : (
            <ol className="space-y-4" aria-label="Objectives">
              {r.objectives.map((o, i) => (
                <li key={o.id} className="border-b border-slate-100 pb-3 last:border-0">
                  <p className="text-sm">
                    <strong>Objective {i + 1}:</strong> {o.text}
                  </p>
                  <p className="text-sm">Rating: {ratingText(o.rating)}</p>
                  {o.ratingNote && <p className="whitespace-pre-wrap text-sm text-slate-700">Note: {o.ratingNote}</p>}
                </li>
              ))}
            </ol>
          )}
          {may.editAar && r.objectives.length > 0 && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold">Rate the objectives</h3>
              <p className="mb-3 text-sm text-slate-600">HSEEP ratings: every objective must be rated before the after-action report is submitted.</p>
              <div className="space-y-4">
                {r.objectives.map((o, i) => (
                  <div key={o.id} className="rounded-md border border-slate-200 p-3">
                    <p className="mb-2 text-sm">
                      <strong>Objective {i + 1}:</strong> {o.text}
                    </p>
                    <RateObjectiveForm action={rateObjectiveAction} objectiveId={o.id} n={i + 1} rating={o.rating} note={o.ratingNote} />
                  </div>
                ))}
              </div>
            </div>
          )}
          {may.addObjective && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold">Add objective</h3>
              <AddObjectiveForm action={addObjectiveAction} drillId={d.id} />
            </div>
          )}
        </Card>

        {measured.length > 0 && (
          <Card title="Measured times">
            <dl className="divide-y divide-slate-100">
              {measured.map(([k, label]) => (
                <Row key={k} term={label}>
                  {minutesText(d[k])}
                </Row>
              ))}
            </dl>
          </Card>
        )}

        <Card title="Strengths and areas for improvement">
          <h3 className="text-sm font-semibold">Strengths</h3>
          {strengths.length === 0 ? (
            <p className="text-sm text-slate-600">None recorded.</p>
          ) : (
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" aria-label="Strengths">
              {strengths.map((f) => (
                <li key={f.id}>
                  {f.observation}
                  {f.objective && <span className="text-slate-600"> (objective {objectiveNo.get(f.objectiveId!)}: {truncate(f.objective)})</span>}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 text-sm font-semibold">Areas for improvement</h3>
          {areas.length === 0 ? (
            <p className="text-sm text-slate-600">None recorded.</p>
          ) : (
            <ol className="mt-1 space-y-4" aria-label="Areas for improvement">
              {areas.map((f, i) => (
                <li key={f.id} className="rounded-md border border-slate-200 p-3 text-sm">
                  <p>
                    <strong>Area for improvement {i + 1}:</strong> {f.observation}
                  </p>
                  <dl className="mt-1 space-y-0.5">
                    {f.objective && (
                      <div>
                        <dt className="inline font-medium">Objective: </dt>
                        <dd className="inline">
                          {objectiveNo.get(f.objectiveId!)}. {f.objective}
                        </dd>
                      </div>
                    )}
                    {f.activity && (
                      <div>
                        <dt className="inline font-medium">RACI activity that failed: </dt>
                        <dd className="inline">{f.activity}</dd>
                      </div>
                    )}
                    <div>
                      <dt className="inline font-medium">Root cause: </dt>
                      <dd className="inline">{f.rootCause || "Not stated"}</dd>
                    </div>
                    <div>
                      <dt className="inline font-medium">Recommendation: </dt>
                      <dd className="inline">{f.recommendation || "Not stated"}</dd>
                    </div>
                  </dl>
                  {may.addItem && (
                    <div className="mt-3 border-t border-slate-100 pt-3">
                      <h4 className="mb-2 text-sm font-semibold">Add improvement item</h4>
                      <AddImprovementItemForm action={addImprovementItemAction} findingId={f.id} n={i + 1} parties={parties} users={people} />
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
          {may.editAar && options && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold">Add a finding</h3>
              <AddFindingForm
                action={addFindingAction}
                drillId={d.id}
                objectives={r.objectives.map((o, i) => ({ value: String(o.id), label: `${i + 1}. ${truncate(o.text)}` }))}
                activities={options.activities.map((a) => ({ value: String(a.id), label: a.name }))}
              />
            </div>
          )}
        </Card>

        <Card title="Improvement plan">
          {r.items.length === 0 ? (
            <p className="text-sm text-slate-600">No improvement item yet.{may.addItem ? " Add them under each area for improvement above." : ""}</p>
          ) : (
            <ActionItemTable
              caption="Improvement plan"
              titleHeader="Corrective action"
              columns={["capability", "party", "person", "due", "evidence"]}
              rows={r.items.map((i) => ({ ...i, note: i.findingId && areaNo.has(i.findingId) ? `For area for improvement ${areaNo.get(i.findingId)}` : null }))}
              updateAction={updateItemStatusAction}
            />
          )}
        </Card>

        <Card title="After-action report">
          <div className="space-y-4">
            {may.editAar ? (
              <AarSummaryForm action={saveAarSummaryAction} drillId={d.id} summary={d.aarSummary} />
            ) : (
              <div>
                <h3 className="text-sm font-semibold">Overview of the after-action report</h3>
                <p className="whitespace-pre-wrap text-sm">{d.aarSummary || (d.status === "planned" ? "Written after the drill was conducted." : "Not written yet.")}</p>
              </div>
            )}
            {may.submitAar && <SubmitAarForm action={submitAarAction} drillId={d.id} />}
            {d.status === "aar_review" && (
              <p className="text-sm">
                Submitted for approval{d.aarSubmittedByName ? ` by ${d.aarSubmittedByName}` : ""}
                {d.aarSubmittedAt ? ` on ${formatUtc(d.aarSubmittedAt)}` : ""}.
              </p>
            )}
            {selfReview && (
              <Alert tone="info">
                {d.aarSubmittedBy === actor.id
                  ? "You submitted this after-action report, so you cannot approve it yourself: another member of leadership must sign it."
                  : "You facilitated this drill, so you cannot approve its after-action report yourself: another member of leadership must sign it."}
              </Alert>
            )}
            {may.approveAar && (
              <section aria-labelledby="approve-aar" className="rounded-md border border-slate-200 p-4">
                <h3 id="approve-aar" className="mb-2 text-sm font-semibold">
                  Approve the after-action report
                </h3>
                <ApproveAarForm action={approveAarAction} drillId={d.id} />
              </section>
            )}
            {may.returnAar && (
              <section aria-labelledby="return-aar" className="rounded-md border border-slate-200 p-4">
                <h3 id="return-aar" className="mb-2 text-sm font-semibold">
                  Return with comment
                </h3>
                <ReturnAarForm action={returnAarAction} drillId={d.id} />
              </section>
            )}
            {(d.status === "aar_approved" || d.status === "closed") && (
              <div>
                <h3 className="mb-2 text-sm font-semibold">Approval</h3>
                <SignatureList
                  signatures={r.signatures.map((s) => ({ id: s.id, printedName: s.printedName, meaning: s.meaning, signedAt: s.signedAt, kind: s.kind, verdict: s.verdict }))}
                />
              </div>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
