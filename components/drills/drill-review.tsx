import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/forms/action-form";
import type { DrillDetail } from "./drill-detail";
import { AddFindingForm, AddImprovementItemForm, AddObjectiveForm, RateObjectiveForm, type Opt } from "./drill-forms";
import { ratingText } from "./drill-labels";

const truncate = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The exercise objectives, their HSEEP ratings (P/S/M/U), and the forms to rate and add them. */
export function DrillObjectivesCard({ r, rateAction, addAction }: { r: DrillDetail; rateAction: FormAction; addAction: FormAction }) {
  const { drill: d, may } = r;
  return (
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
                <RateObjectiveForm action={rateAction} objectiveId={o.id} n={i + 1} rating={o.rating} note={o.ratingNote} />
              </div>
            ))}
          </div>
        </div>
      )}
      {may.addObjective && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <h3 className="mb-2 text-sm font-semibold">Add objective</h3>
          <AddObjectiveForm action={addAction} drillId={d.id} />
        </div>
      )}
    </Card>
  );
}

/**
 * Strengths and areas for improvement; under each area the form for its improvement items. `options` (classes,
 * activities, parties, people) is loaded only when the actor may edit the report or add items.
 */
export function DrillFindingsCard({
  r,
  options,
  addFindingAction,
  addImprovementItemAction,
}: {
  r: DrillDetail;
  options: { activities: { id: number; name: string }[]; parties: Opt[]; people: Opt[] } | null;
  addFindingAction: FormAction;
  addImprovementItemAction: FormAction;
}) {
  const { drill: d, may } = r;
  const strengths = r.findings.filter((f) => f.kind === "strength");
  const areas = r.findings.filter((f) => f.kind === "improvement");
  const objectiveNo = new Map(r.objectives.map((o, i) => [o.id, i + 1]));
  const parties = options?.parties ?? [];
  const people = options?.people ?? [];
  return (
    <Card title="Strengths and areas for improvement">
      <h3 className="text-sm font-semibold">Strengths</h3>
      {strengths.length === 0 ? (
        <p className="text-sm text-slate-600">None recorded.</p>
      ) : (
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" aria-label="Strengths">
          {strengths.map((f) => (
            <li key={f.id}>
              {f.observation}
              {f.objective && (
                <span className="text-slate-600">
                  {" "}
                  (objective {objectiveNo.get(f.objectiveId!)}: {truncate(f.objective)})
                </span>
              )}
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
  );
}
