"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/fields";

export function ActionItemForm({
  action,
  assessmentId,
  subcategoryId,
  defaultTitle,
  parties,
  people,
}: {
  action: FormAction;
  assessmentId: number;
  subcategoryId: string;
  defaultTitle: string;
  parties: { value: string; label: string }[];
  people: { value: string; label: string }[];
}) {
  return (
    <ActionForm action={action} submitLabel={`Create action item for ${subcategoryId}`}>
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <input type="hidden" name="subcategoryId" value={subcategoryId} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="title" label="Title" defaultValue={defaultTitle} required />
        <TextField name="dueDate" label="Due date" type="date" required />
        <SelectField name="ownerPartyId" label="Owner party" options={parties} placeholder="Choose a party" />
        <SelectField name="ownerUserId" label="Person" options={people} placeholder="(anyone in the party)" />
      </div>
    </ActionForm>
  );
}
