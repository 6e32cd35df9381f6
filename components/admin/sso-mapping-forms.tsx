"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/fields";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { ROLES } from "@/db/schema/enums";

const ROLE_CHOICES = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function SsoGroupMappingForm({ action, parties }: { action: FormAction; parties: { id: number; name: string }[] }) {
  return (
    <ActionForm action={action} submitLabel="Add mapping" resetOnSuccess>
      <div className="grid gap-3 md:grid-cols-3">
        <TextField
          name="groupName"
          label="Group (as the provider sends it)"
          required
          autoComplete="off"
          hint="Entra ID sends the group's object id; Okta and Keycloak its name."
        />
        <SelectField name="role" label="Role" options={ROLE_CHOICES} placeholder="(no role)" />
        <SelectField name="partyId" label="Party" options={parties.map((p) => ({ value: String(p.id), label: p.name }))} placeholder="(no party)" />
      </div>
    </ActionForm>
  );
}

export function DeleteSsoGroupMappingForm({ action, id, groupName }: { action: FormAction; id: number; groupName: string }) {
  return (
    <ActionForm action={action} submitLabel="Remove" variant="danger" inline submitAriaLabel={`Remove the mapping of ${groupName}`}>
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}
