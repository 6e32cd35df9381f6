"use client";

import { TEXT_LIMITS } from "@/lib/validation/text-limits";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ActionForm, useFormState, type FormAction } from "@/components/forms/action-form";
import { CheckboxField, CheckboxGroup, SelectField, TextArea, TextField } from "@/components/forms/fields";
import { SignerCredential } from "@/components/signatures/signer-credential";

export type Opt = { value: string; label: string };

/** Sends the user to the drill the action just created (its id is the action's data). */
function OpenCreatedDrill() {
  const { state } = useFormState();
  const router = useRouter();
  useEffect(() => {
    if (state?.ok && typeof state.data === "number") router.push(`/drills/${state.data}`);
  }, [state, router]);
  return null;
}

const TYPE_HINT = "Seminar, workshop, tabletop exercise and game are discussion-based; drill, functional and full-scale exercise are operations-based.";

export function ScheduleDrillForm({
  action,
  types,
  sites,
  plans,
  classes,
  users,
  parties,
}: {
  action: FormAction;
  types: Opt[];
  sites: Opt[];
  plans: Opt[];
  classes: Opt[];
  users: Opt[];
  parties: Opt[];
}) {
  return (
    <ActionForm action={action} submitLabel="Schedule drill" pendingLabel="Scheduling…" ariaLabel="Schedule a drill">
      <OpenCreatedDrill />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="title" label="Title" required maxLength={160} placeholder="e.g. Ransomware on the infusion-pump network" />
        <SelectField name="type" label="Exercise type" options={types} placeholder="Choose a type" defaultValue="" hint={TYPE_HINT} />
        <SelectField name="siteId" label="Site" options={sites} placeholder="Choose a site" defaultValue="" />
        <TextField name="plannedDate" label="Planned date" type="date" required hint="YYYY-MM-DD" />
      </div>
      <TextArea name="scenario" maxLength={TEXT_LIMITS.text} label="Scenario" rows={3} />
      {plans.length > 0 ? (
        <CheckboxGroup name="planIds" legend="Plans tested" options={plans} />
      ) : (
        <p className="text-sm text-slate-600">No response plan exists yet to test.</p>
      )}
      {classes.length > 0 && <CheckboxGroup name="deviceClassIds" legend="Device classes tested" options={classes} />}
      <TextArea
        name="objectives"
        label="Objectives (one per line)"
        rows={4}
        hint="For example: Isolate affected pumps within 30 minutes. You can add more objectives later."
      />
      <SelectField
        name="facilitatorUserId"
        label="Facilitator"
        options={users}
        placeholder="(none)"
        defaultValue=""
        hint="The facilitator cannot approve this drill's after-action report."
      />
      <CheckboxGroup name="participantUserIds" legend="Participants" options={users} />
      <CheckboxGroup name="participantPartyIds" legend="Participating parties" options={parties} />
    </ActionForm>
  );
}

/** An actual incident that activated a plan counts as an exercise (DOMAIN.md; CMS 42 CFR 482.15(d)(2) exemption). */
export function RecordRealEventForm({
  action,
  sites,
  plans,
  classes,
  today,
}: {
  action: FormAction;
  sites: Opt[];
  plans: Opt[];
  classes: Opt[];
  today: string;
}) {
  return (
    <ActionForm action={action} submitLabel="Record real event" pendingLabel="Recording…" ariaLabel="Record a real event">
      <OpenCreatedDrill />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="title" label="Title" required maxLength={160} />
        <SelectField name="siteId" label="Site" options={sites} placeholder="Choose a site" defaultValue="" />
        <TextField name="actualStart" label="Start date" type="date" required max={today} hint="YYYY-MM-DD, today or earlier" />
        <TextField name="actualEnd" label="End date" type="date" max={today} hint="YYYY-MM-DD, optional" />
      </div>
      <TextArea name="scenario" maxLength={TEXT_LIMITS.text} label="What happened" rows={3} />
      {plans.length > 0 ? (
        <CheckboxGroup name="planIds" legend="Plans activated" options={plans} />
      ) : (
        <p className="text-sm text-slate-600">No response plan exists yet: only an event that activated a plan counts.</p>
      )}
      {classes.length > 0 && <CheckboxGroup name="deviceClassIds" legend="Device classes affected" options={classes} />}
    </ActionForm>
  );
}

export function SiteRulesForm({
  action,
  siteId,
  siteName,
  settings,
}: {
  action: FormAction;
  siteId: number;
  siteName: string;
  settings: { cms: boolean; jointCommission: boolean; perPlan: boolean };
}) {
  return (
    <ActionForm action={action} submitLabel="Save rules" variant="secondary" ariaLabel={`Rules for ${siteName}`}>
      <input type="hidden" name="siteId" value={siteId} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Rules for {siteName}</legend>
        <CheckboxField name="cms" label="CMS 42 CFR 482.15(d)(2)" defaultChecked={settings.cms} />
        <CheckboxField name="jointCommission" label="Joint Commission EM" defaultChecked={settings.jointCommission} />
        <CheckboxField name="perPlan" label="Per-plan intervals" defaultChecked={settings.perPlan} />
      </fieldset>
    </ActionForm>
  );
}

export function ConductForm({ action, drillId, today, participants }: { action: FormAction; drillId: number; today: string; participants: Opt[] }) {
  return (
    <ActionForm action={action} submitLabel="Record as conducted" pendingLabel="Recording…" ariaLabel="Record as conducted">
      <input type="hidden" name="drillId" value={drillId} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="actualStart" label="Start date" type="date" defaultValue={today} max={today} required hint="YYYY-MM-DD, today or earlier" />
        <TextField name="actualEnd" label="End date" type="date" max={today} hint="YYYY-MM-DD, optional" />
      </div>
      {participants.length > 0 ? (
        <CheckboxGroup name="attendedParticipantIds" legend="Attendance (tick who attended)" options={participants} />
      ) : (
        <p className="text-sm text-slate-600">No participant was named, so there is no attendance to record.</p>
      )}
      <div className="grid gap-3 md:grid-cols-4">
        <TextField name="minutesToDetect" label="Minutes to detect" type="number" inputMode="numeric" min={0} />
        <TextField name="minutesToIsolate" label="Minutes to isolate" type="number" inputMode="numeric" min={0} />
        <TextField name="minutesToNotifyOem" label="Minutes to notify the OEM" type="number" inputMode="numeric" min={0} />
        <TextField name="minutesToRestore" label="Minutes to restore" type="number" inputMode="numeric" min={0} />
      </div>
    </ActionForm>
  );
}

export function CancelDrillForm({ action, drillId }: { action: FormAction; drillId: number }) {
  return (
    <ActionForm action={action} submitLabel="Cancel drill" pendingLabel="Cancelling…" variant="danger" ariaLabel="Cancel drill">
      <input type="hidden" name="drillId" value={drillId} />
      <TextArea name="reason" maxLength={TEXT_LIMITS.shortText} label="Reason" rows={2} required hint="Why the drill will not take place." />
    </ActionForm>
  );
}

export function AddObjectiveForm({ action, drillId }: { action: FormAction; drillId: number }) {
  return (
    <ActionForm action={action} submitLabel="Add objective" variant="secondary" ariaLabel="Add objective" resetOnSuccess>
      <input type="hidden" name="drillId" value={drillId} />
      <TextField name="text" label="Objective" required maxLength={500} />
    </ActionForm>
  );
}

export const RATING_OPTIONS: Opt[] = [
  { value: "P", label: "P — Performed without challenges" },
  { value: "S", label: "S — Performed with some challenges" },
  { value: "M", label: "M — Performed with major challenges" },
  { value: "U", label: "U — Unable to be performed" },
];

/** HSEEP P/S/M/U rating of one objective. */
export function RateObjectiveForm({
  action,
  objectiveId,
  n,
  rating,
  note,
}: {
  action: FormAction;
  objectiveId: number;
  n: number;
  rating: string | null;
  note: string;
}) {
  return (
    <ActionForm action={action} submitLabel={`Save rating for objective ${n}`} variant="secondary" ariaLabel={`Rate objective ${n}`}>
      <input type="hidden" name="objectiveId" value={objectiveId} />
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField name="rating" label={`Rating for objective ${n}`} options={RATING_OPTIONS} placeholder="Not rated" defaultValue={rating ?? ""} />
        <TextArea name="ratingNote" maxLength={TEXT_LIMITS.shortText} label={`Note for objective ${n}`} rows={2} defaultValue={note} />
      </div>
    </ActionForm>
  );
}

export function AddFindingForm({ action, drillId, objectives, activities }: { action: FormAction; drillId: number; objectives: Opt[]; activities: Opt[] }) {
  return (
    <ActionForm action={action} submitLabel="Add finding" variant="secondary" ariaLabel="Add a finding" resetOnSuccess>
      <input type="hidden" name="drillId" value={drillId} />
      <div className="grid gap-3 md:grid-cols-3">
        <SelectField
          name="kind"
          label="Kind"
          options={[
            { value: "strength", label: "Strength" },
            { value: "improvement", label: "Area for improvement" },
          ]}
          placeholder="Choose the kind"
          defaultValue=""
        />
        <SelectField name="objectiveId" label="Objective" options={objectives} placeholder="(none)" defaultValue="" />
        <SelectField
          name="activityId"
          label="RACI activity that failed"
          options={activities}
          placeholder="(none)"
          defaultValue=""
          hint="For an area for improvement: the responsibility that did not work."
        />
      </div>
      <TextArea name="observation" maxLength={TEXT_LIMITS.text} label="Observation" rows={2} required />
      <div className="grid gap-3 md:grid-cols-2">
        <TextArea name="rootCause" maxLength={TEXT_LIMITS.text} label="Root cause" rows={2} />
        <TextArea name="recommendation" maxLength={TEXT_LIMITS.text} label="Recommendation" rows={2} />
      </div>
    </ActionForm>
  );
}

export const CAPABILITY_OPTIONS: Opt[] = [
  { value: "planning", label: "Planning" },
  { value: "organization", label: "Organization" },
  { value: "equipment", label: "Equipment" },
  { value: "training", label: "Training" },
  { value: "exercise", label: "Exercise" },
];

export function AddImprovementItemForm({
  action,
  findingId,
  n,
  parties,
  users,
}: {
  action: FormAction;
  findingId: number;
  n: number;
  parties: Opt[];
  users: Opt[];
}) {
  return (
    <ActionForm
      action={action}
      submitLabel="Add improvement item"
      variant="secondary"
      ariaLabel={`Add improvement item for area for improvement ${n}`}
      resetOnSuccess
    >
      <input type="hidden" name="findingId" value={findingId} />
      <TextField name="title" label="Corrective action" required maxLength={300} />
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField name="capabilityElement" label="Capability element" options={CAPABILITY_OPTIONS} placeholder="Choose an element" defaultValue="" />
        <SelectField name="ownerPartyId" label="Owner party" options={parties} placeholder="Choose a party" defaultValue="" />
        <SelectField name="ownerUserId" label="Person" options={users} placeholder="(anyone in the party)" defaultValue="" />
        <TextField name="dueDate" label="Due date" type="date" required hint="YYYY-MM-DD" />
      </div>
    </ActionForm>
  );
}

export function AarSummaryForm({ action, drillId, summary }: { action: FormAction; drillId: number; summary: string }) {
  return (
    <ActionForm action={action} submitLabel="Save overview" variant="secondary">
      <input type="hidden" name="drillId" value={drillId} />
      <TextArea
        name="aarSummary"
        maxLength={TEXT_LIMITS.longText}
        label="Overview of the after-action report"
        rows={5}
        defaultValue={summary}
        hint="What was exercised, what went well, what must change."
      />
    </ActionForm>
  );
}

export function SubmitAarForm({ action, drillId }: { action: FormAction; drillId: number }) {
  return (
    <ActionForm action={action} submitLabel="Submit AAR for approval" pendingLabel="Submitting…" ariaLabel="Submit AAR for approval">
      <input type="hidden" name="drillId" value={drillId} />
      <p className="text-sm text-slate-700">
        Every objective must be rated and the overview written. Leadership then signs the report; objectives, findings and the improvement plan are locked once
        it is approved.
      </p>
    </ActionForm>
  );
}

/** 21 CFR 11.200: the approver re-enters their password; the meaning of the signature is stated next to the button. */
export function ApproveAarForm({ action, drillId }: { action: FormAction; drillId: number }) {
  return (
    <ActionForm action={action} submitLabel="Sign and approve AAR" pendingLabel="Signing…" ariaLabel="Approve the after-action report" resetOnSuccess>
      <input type="hidden" name="drillId" value={drillId} />
      <p className="text-sm">
        This is an electronic signature. Meaning of your signature: <strong>Approved</strong>. It binds your name, the date and time and this meaning to the
        after-action report and improvement plan as they stand now; they are then locked.
      </p>
      <SignerCredential record={{ entityType: "drill", entityId: String(drillId) }}>
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          hint="Your password confirms that it is you who signs (21 CFR 11.200)."
        />
      </SignerCredential>
    </ActionForm>
  );
}

export function ReturnAarForm({ action, drillId }: { action: FormAction; drillId: number }) {
  return (
    <ActionForm action={action} submitLabel="Return AAR" variant="secondary" ariaLabel="Return with comment">
      <input type="hidden" name="drillId" value={drillId} />
      <TextArea name="comment" maxLength={TEXT_LIMITS.shortText} label="Comment" rows={2} required hint="Say what must change before it can be approved." />
    </ActionForm>
  );
}
