"use client";

import { TEXT_LIMITS } from "@/lib/validation/text-limits";
import type { PlanContact, PlanStep } from "@/lib/rules/plans";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxGroup, TextArea, TextField } from "@/components/forms/fields";
import { Alert } from "@/components/ui/alert";
import { ContactsEditor, StepsEditor } from "./list-editors";

type Opt = { value: string; label: string };

export interface DraftValues {
  scenario: string;
  deviceClassIds: number[];
  activityIds: number[];
  namedUserIds: number[];
  namedPartyIds: number[];
  steps: PlanStep[];
  contacts: PlanContact[];
  downtimeProcedures: string;
  reviewIntervalMonths: number;
  exerciseIntervalMonths: number;
}

const ids = (xs: readonly number[]) => xs.map(String);

/**
 * The whole draft in one form. `expectedRevision` is the revision the page was rendered from: the
 * service refuses the save if someone saved in between (CONFLICT), so nobody overwrites another's work.
 */
export function PlanDraftEditor({
  action,
  planId,
  versionNo,
  revision,
  draft,
  options,
  unavailable,
}: {
  action: FormAction;
  planId: number;
  versionNo: number;
  revision: number;
  draft: DraftValues;
  options: { classes: Opt[]; activities: Opt[]; users: Opt[]; parties: Opt[]; stepParties: Opt[] };
  /** Chosen items that are archived, retired or deactivated since: not offered, so dropped on save. */
  unavailable: string[];
}) {
  return (
    <ActionForm action={action} submitLabel="Save draft" ariaLabel={`Edit draft version ${versionNo}`}>
      <input type="hidden" name="planId" value={planId} />
      <input type="hidden" name="expectedRevision" value={revision} />
      {unavailable.length > 0 && <Alert tone="warning">No longer available, so not offered below and removed when you save: {unavailable.join("; ")}.</Alert>}
      <TextArea
        name="scenario"
        label="Scenario"
        rows={4}
        maxLength={TEXT_LIMITS.text}
        defaultValue={draft.scenario}
        hint="What happens and what it affects, e.g. ransomware locks the infusion pump server."
      />
      <CheckboxGroup name="deviceClassIds" legend="Device classes in scope" options={options.classes} defaultValues={ids(draft.deviceClassIds)} />
      <CheckboxGroup name="activityIds" legend="RACI activities this plan exercises" options={options.activities} defaultValues={ids(draft.activityIds)} />
      <CheckboxGroup
        name="namedUserIds"
        legend="Named people (each must acknowledge the approved version)"
        options={options.users}
        defaultValues={ids(draft.namedUserIds)}
      />
      <CheckboxGroup
        name="namedPartyIds"
        legend="Named parties (their members and lead must acknowledge)"
        options={options.parties}
        defaultValues={ids(draft.namedPartyIds)}
      />
      <StepsEditor initial={draft.steps} parties={options.stepParties} />
      <ContactsEditor initial={draft.contacts} />
      <TextArea
        name="downtimeProcedures"
        label="Clinical downtime procedures"
        rows={6}
        maxLength={TEXT_LIMITS.longText}
        defaultValue={draft.downtimeProcedures}
        hint="What clinical staff do while devices are unavailable (paper charting, manual pump programming, diversion). Line breaks are kept."
      />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField
          name="reviewIntervalMonths"
          label="Review interval (months)"
          type="number"
          inputMode="numeric"
          min={1}
          max={36}
          required
          defaultValue={draft.reviewIntervalMonths}
        />
        <TextField
          name="exerciseIntervalMonths"
          label="Exercise interval (months)"
          type="number"
          inputMode="numeric"
          min={1}
          max={36}
          required
          defaultValue={draft.exerciseIntervalMonths}
        />
      </div>
    </ActionForm>
  );
}
