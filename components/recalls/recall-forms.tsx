"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { SelectField, TextArea, TextField } from "@/components/forms/fields";

/** Upload of openFDA recall / enforcement JSON; the whole upload is refused with sentences when any record is wrong. */
export function ImportRecallsForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submitLabel="Import recalls" pendingLabel="Importing…" resetOnSuccess ariaLabel="Import recalls">
      <TextField
        name="files"
        label="openFDA recall files"
        type="file"
        multiple
        accept=".json,application/json"
        hint="JSON answers of openFDA's /device/recall or /device/enforcement (up to 20 files, 10 MB each). Every record needs a recall number and a product code; nothing is stored if any record has a problem."
      />
    </ActionForm>
  );
}

/** A Clinical Engineering lead's verdict on one uncertain match, with the reason the audit trail keeps. */
export function ReviewMatchForm({ action, matchId, model }: { action: FormAction; matchId: number; model: string }) {
  return (
    <ActionForm action={action} submitLabel="Save review" ariaLabel={`Review the match to ${model}`} variant="secondary">
      <input type="hidden" name="matchId" value={matchId} />
      <SelectField
        name="decision"
        label={`Does the recall apply to ${model}?`}
        placeholder="Choose…"
        options={[
          { value: "confirmed", label: "Confirm: it applies" },
          { value: "dismissed", label: "Dismiss: it does not apply" },
        ]}
      />
      <TextArea name="reason" label="Reason" maxLength={2000} hint="For example what the firm's notice lists. Kept in the audit trail." />
    </ActionForm>
  );
}

/** What was done about the recall on one device: always with the CMMS work order. */
export function RecordRecallActionForm({
  action,
  recallId,
  deviceId,
  assetTag,
  today,
}: {
  action: FormAction;
  recallId: number;
  deviceId: number;
  assetTag: string;
  today: string;
}) {
  return (
    <ActionForm action={action} submitLabel={`Record action for ${assetTag}`} ariaLabel={`Record the recall action for ${assetTag}`}>
      <input type="hidden" name="recallId" value={recallId} />
      <input type="hidden" name="deviceId" value={deviceId} />
      <SelectField
        name="state"
        label="What was done"
        defaultValue="done"
        options={[
          { value: "done", label: "Corrective action done" },
          { value: "not_affected", label: "Checked: not affected (lot or serial not listed)" },
        ]}
      />
      <TextField name="workOrder" label="Work order" maxLength={60} hint="The CMMS work order of the job." />
      <TextField name="actionOn" label="Date of the action" type="date" max={today} defaultValue={today} />
      <TextArea name="notes" label="Notes" maxLength={5000} />
    </ActionForm>
  );
}
