import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/forms/action-form";
import { formatUtc } from "@/components/signatures/signature-list";
import type { PlanDetail, PlanFormOptions } from "./plan-detail";
import { PlanDraftEditor } from "./plan-draft-editor";
import { PlanVersionView } from "./plan-version-view";

/** The draft version: its editor for a plan manager (`options` loaded), read-only otherwise. */
export function PlanDraftCard({ p, options, action }: { p: PlanDetail; options: PlanFormOptions | null; action: FormAction }) {
  const { plan, approved, draft, may } = p;
  if (!draft) return null;
  return (
    <Card title={`Draft version ${draft.versionNo}`}>
      <p className="mb-4 text-sm text-slate-600">
        Started by {draft.createdBy}; last saved by {draft.updatedBy} on {formatUtc(draft.updatedAt)}. A draft is not in force
        {approved ? `: version ${approved.versionNo} applies until this one is approved` : ""}.
      </p>
      {may.manage && options ? (
        <DraftEditor action={action} planId={plan.id} draft={draft} o={options} />
      ) : (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Read draft version {draft.versionNo} as saved</summary>
          <div className="mt-3">
            <PlanVersionView version={draft} />
          </div>
        </details>
      )}
    </Card>
  );
}

type Draft = NonNullable<PlanDetail["draft"]>;

/** The editor gets plain options and values only; chosen items no longer offered are named so nothing disappears silently. */
function DraftEditor({ action, planId, draft, o }: { action: FormAction; planId: number; draft: Draft; o: PlanFormOptions }) {
  const opts = (xs: { id: number; name: string }[]) => xs.map((x) => ({ value: String(x.id), label: x.name }));
  const gone = (chosen: { id: number; name: string }[], offered: { id: number }[], what: string) => {
    const ids = new Set(offered.map((x) => x.id));
    return chosen.filter((c) => !ids.has(c.id)).map((c) => `${what} ${c.name}`);
  };
  const partyIds = new Set(o.parties.map((x) => x.id));
  const goneStepParties = new Map(
    draft.stepsNamed.filter((s) => s.partyId != null && !partyIds.has(s.partyId)).map((s) => [s.partyId!, s.party ?? "?"] as const),
  );
  return (
    <PlanDraftEditor
      action={action}
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
        stepParties: [
          ...opts(o.parties),
          ...[...goneStepParties].map(([pid, name]) => ({ value: String(pid), label: `${name} (no longer available — choose another)` })),
        ],
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
