"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { SelectField, TextArea, TextField } from "@/components/forms/fields";
import { OEM_POSITION_LABELS, OEM_POSITIONS, type OemPosition } from "@/lib/rules/oem-clock";

/** Confirm or dismiss one possible match (or, with `modelId`, every possible match of that model) with a reason. */
export function ReviewMatchForm({
  action,
  advisoryId,
  matchId,
  modelId,
  label,
}: {
  action: FormAction;
  advisoryId: number;
  matchId?: number;
  modelId?: number;
  label: string;
}) {
  return (
    <ActionForm action={action} submitLabel="Save review" ariaLabel={label} variant="secondary">
      <input type="hidden" name="advisoryId" value={advisoryId} />
      {matchId != null && <input type="hidden" name="matchId" value={matchId} />}
      {modelId != null && <input type="hidden" name="modelId" value={modelId} />}
      <div className="grid gap-2 md:grid-cols-[12rem_1fr]">
        <SelectField
          name="decision"
          label="Decision"
          options={[
            { value: "confirmed", label: "Confirm: affected" },
            { value: "dismissed", label: "Dismiss: not affected" },
          ]}
        />
        <TextField name="reason" label="Reason" required maxLength={2000} hint="What you checked, e.g. the label, the service menu, the OEM's answer." />
      </div>
    </ActionForm>
  );
}

/** The OEM's position for one (advisory, model); the patch fields are asked only for "OEM-validated patch available". */
export function OemPositionForm({
  action,
  advisoryId,
  modelId,
  model,
  current,
  today,
}: {
  action: FormAction;
  advisoryId: number;
  modelId: number;
  model: string;
  current: OemPosition;
  today: string;
}) {
  const [position, setPosition] = useState<OemPosition>(current === "not_answered" ? "validating" : current);
  return (
    <ActionForm action={action} submitLabel="Record OEM position" ariaLabel={`OEM position for ${model}`}>
      <input type="hidden" name="advisoryId" value={advisoryId} />
      <input type="hidden" name="modelId" value={modelId} />
      <SelectField
        name="position"
        label="OEM position"
        value={position}
        onChange={(e) => setPosition(e.currentTarget.value as OemPosition)}
        options={OEM_POSITIONS.map((p) => ({ value: p, label: OEM_POSITION_LABELS[p] }))}
      />
      <div className="grid gap-2 md:grid-cols-2">
        <TextField
          name="bulletinRef"
          label="Bulletin reference"
          maxLength={200}
          hint={position === "patch_available" ? "A reference or a URL is required." : undefined}
        />
        <TextField name="bulletinUrl" label="Bulletin URL" type="url" maxLength={2000} />
        {position === "patch_available" && (
          <>
            <TextField name="validatedVersion" label="Validated version" maxLength={100} required />
            <TextField name="validatedOn" label="Date validated" type="date" max={today} required />
          </>
        )}
      </div>
      {position === "patch_available" && <TextArea name="installNotes" label="Install notes" maxLength={5000} rows={2} />}
      <TextArea name="note" label="Note" maxLength={2000} rows={2} />
    </ActionForm>
  );
}

export function RematchAllForm({ action }: { action: FormAction }) {
  return <ActionForm action={action} submitLabel="Re-match all advisories" pendingLabel="Matching…" variant="secondary" ariaLabel="Re-match all advisories" />;
}
