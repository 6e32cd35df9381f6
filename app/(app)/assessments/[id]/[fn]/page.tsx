import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { QUICK_CHECKS } from "@/lib/csf/quick-checks";
import { getAssessment } from "@/lib/services/assessments/get-assessment";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { AnswerForm, QuickCheckForm } from "@/components/assessments/answer-form";
import { addEvidenceAction, saveAnswerAction, saveQuickCheckAction } from "../../actions";
import { EvidenceForm } from "@/components/assessments/evidence-form";
import { listEvidence } from "@/lib/services/assessments/evidence";
import { isEvidenceStale } from "@/lib/rules/evidence";
import { isAnswered, SCORE_SCALE, type Answer } from "@/lib/rules/csf-score";
import { Badge } from "@/components/ui/badge";
import { LinkedFacts } from "@/components/assessments/linked-facts";
import { linkedFacts } from "@/lib/services/assessments/linked-facts";
import { clock } from "@/lib/clock";

export const metadata: Metadata = { title: "Assessment step" };

export default async function AssessmentStepPage({ params }: { params: Promise<{ id: string; fn: string }> }) {
  const actor = await requirePageActor();
  const p = await params;
  const id = pathId(p.id);
  const fIndex = CSF_FUNCTIONS.findIndex((f) => f.id === p.fn);
  if (fIndex < 0) notFound();
  const fn = CSF_FUNCTIONS[fIndex]!;
  const db = await getDb();
  const v = loadOr404(() => getAssessment(db, actor, id));
  const step = v.functions[fIndex]!;
  const evidence = listEvidence(db, actor, id);
  const now = clock.now();
  const facts = linkedFacts(db, actor, v.assessment, now);
  const review = v.reviews.find((r) => r.functionId === fn.id);
  // Answers change while in progress, or in review when this function was returned to its assignees.
  const open = v.assessment.status === "in_progress" || (v.assessment.status === "in_review" && review?.status === "returned");
  const readOnly = !step.mayAnswer || !open;
  const remaining = fn.categories.flatMap((c) => c.subcategories.map((x) => x.id)).filter((sid) => !isAnswered(v.answers[sid] as Answer | undefined));
  const prev = CSF_FUNCTIONS[fIndex - 1];
  const next = CSF_FUNCTIONS[fIndex + 1];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/assessments">Assessments</Link> / <Link href={`/assessments/${id}`}>{v.assessment.name}</Link>
      </nav>
      <PageHeader title={`Step ${fIndex + 1} of 6: ${fn.name} (${fn.id})`} description={fn.description} />
      <nav aria-label="Assessment steps" className="mb-4 flex flex-wrap gap-2 text-sm">
        {CSF_FUNCTIONS.map((f, i) => (
          <Link
            key={f.id}
            href={`/assessments/${id}/${f.id}`}
            aria-current={f.id === fn.id ? "step" : undefined}
            className={f.id === fn.id ? "font-semibold underline" : ""}
          >
            {i + 1}. {f.name}
          </Link>
        ))}
      </nav>
      <div className="space-y-6">
        <Card title={`${fn.name} progress`}>
          <Progress value={step.answered} max={step.total} label={`${fn.name} progress`} />
          {readOnly && (
            <p className="mt-2 text-sm text-slate-600">
              {v.assessment.status === "approved"
                ? "This assessment is approved and locked."
                : !step.mayAnswer
                  ? "You can read this step; its assignees answer it."
                  : "This step is in review; it reopens if the reviewer returns it."}
            </p>
          )}
          {review?.status === "returned" && review.comment && (
            <p className="mt-2 text-sm text-red-800">
              Returned by {review.reviewer}: “{review.comment}”
            </p>
          )}
          {remaining.length > 0 ? (
            <p className="mt-2 text-sm text-slate-700">
              Still to answer ({remaining.length}):{" "}
              {remaining.map((sid, i) => (
                <span key={sid}>
                  {i > 0 && ", "}
                  <a href={`#h-${sid}`}>{sid}</a>
                </span>
              ))}
              .
            </p>
          ) : (
            <p className="mt-2 text-sm text-slate-700">Every subcategory of {fn.name} is answered.</p>
          )}
        </Card>
        <Card title="Scoring scale">
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            {SCORE_SCALE.map((l) => (
              <div key={l.value}>
                <dt className="font-medium">
                  {l.value} — {l.label}
                </dt>
                <dd className="text-slate-600">{l.criterion}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-slate-500">
            Current is where the organization is today; target is where it must be. N/A needs a reason and is left out of every average.
          </p>
        </Card>
        <Card title="Quick check">
          <div className="space-y-3">
            {QUICK_CHECKS[fn.id].map((q) => (
              <QuickCheckForm
                key={q.key}
                action={saveQuickCheckAction}
                assessmentId={id}
                questionKey={q.key}
                question={q.question}
                values={v.quickChecks[q.key] ?? null}
                readOnly={readOnly || v.assessment.status !== "in_progress"}
              />
            ))}
          </div>
        </Card>
        {fn.categories.map((c) => (
          <Card key={c.id} title={`${c.id} ${c.name}`}>
            <p className="mb-4 text-sm text-slate-600">{c.description}</p>
            <div className="space-y-6">
              {c.subcategories.map((s) => {
                const a = v.answers[s.id];
                return (
                  <section key={s.id} aria-labelledby={`h-${s.id}`} className="border-t border-slate-100 pt-4">
                    <h3 id={`h-${s.id}`} className="text-sm font-semibold">
                      {s.id}: <span className="font-normal">{s.outcome}</span>
                    </h3>
                    {s.examples.length > 0 && (
                      <details className="my-2 text-sm">
                        <summary className="cursor-pointer text-slate-700">Implementation examples ({s.examples.length})</summary>
                        <ul className="mt-1 list-disc pl-5 text-slate-600">
                          {s.examples.map((x, i) => (
                            <li key={i}>{x}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                    <LinkedFacts fact={facts[s.id]} />
                    <AnswerForm
                      action={saveAnswerAction}
                      assessmentId={id}
                      subcategoryId={s.id}
                      readOnly={readOnly}
                      values={
                        a
                          ? {
                              current: a.current,
                              target: a.target,
                              notApplicable: a.notApplicable,
                              naReason: a.naReason,
                              notes: a.notes,
                              version: a.version,
                              carriedOver: a.carriedOver,
                            }
                          : null
                      }
                    />
                    <div className="mt-3">
                      <h4 className="text-xs font-semibold uppercase text-slate-600">Evidence for {s.id}</h4>
                      {evidence.filter((e) => e.subcategoryId === s.id).length === 0 ? (
                        <p className="text-sm text-slate-600">None yet.</p>
                      ) : (
                        <ul className="mt-1 space-y-1 text-sm" aria-label={`Evidence for ${s.id}`}>
                          {evidence
                            .filter((e) => e.subcategoryId === s.id)
                            .map((e) => (
                              <li key={e.id}>
                                {e.kind === "file" ? (
                                  <a href={`/api/evidence/${e.id}`}>{e.fileName}</a>
                                ) : e.kind === "link" ? (
                                  <a href={e.url!} rel="noopener noreferrer nofollow" target="_blank">
                                    {e.url}
                                  </a>
                                ) : (
                                  <span>{e.body}</span>
                                )}{" "}
                                <span className="text-xs text-slate-500">
                                  — {e.addedByName}, {e.addedAt.slice(0, 10)}
                                </span>{" "}
                                {isEvidenceStale(e.addedAt, now) && <Badge tone="warn">Stale: older than 12 months</Badge>}
                              </li>
                            ))}
                        </ul>
                      )}
                      {!readOnly && <EvidenceForm action={addEvidenceAction} assessmentId={id} subcategoryId={s.id} />}
                    </div>
                  </section>
                );
              })}
            </div>
          </Card>
        ))}
        <nav aria-label="Step navigation" className="flex justify-between text-sm">
          {prev ? <Link href={`/assessments/${id}/${prev.id}`}>← {prev.name}</Link> : <span />}
          {next ? <Link href={`/assessments/${id}/${next.id}`}>{next.name} →</Link> : <Link href={`/assessments/${id}`}>Back to the overview</Link>}
        </nav>
      </div>
    </>
  );
}
