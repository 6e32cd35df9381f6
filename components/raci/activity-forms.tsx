"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TextArea, TextField } from "@/components/forms/fields";

export function ActivityForm({
  action,
  activity,
  submitLabel,
}: {
  action: FormAction;
  activity?: { id: number; name: string; description: string; csfRefs: string[] };
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} resetOnSuccess={!activity}>
      {activity && <input type="hidden" name="id" value={activity.id} />}
      <TextField name="name" label="Activity" defaultValue={activity?.name} required />
      <TextField
        name="csfRefs"
        label="CSF 2.0 subcategories"
        defaultValue={activity?.csfRefs.join(", ")}
        hint="Comma-separated, e.g. PR.PS-02, ID.RA-01"
        required
      />
      <TextArea name="description" label="Description" defaultValue={activity?.description} />
    </ActionForm>
  );
}

export function SmallActionButton({
  action,
  fields,
  label,
  text,
  variant = "secondary",
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  text: string;
  variant?: "secondary" | "danger";
}) {
  return (
    <ActionForm action={action} submitLabel={text} submitAriaLabel={label} inline variant={variant}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </ActionForm>
  );
}
