"use client";

import { useId } from "react";
import { ActionForm, useFormState, type FormAction } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, TextField } from "@/components/forms/fields";

/** Shows a just-created token once, in a read-only field to copy; it is never sent again. */
function NewTokenSecret() {
  const { state } = useFormState();
  const id = useId();
  const token = state?.ok ? (state.data as { token?: string } | undefined)?.token : undefined;
  if (!token) return null;
  return (
    <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3">
      <label htmlFor={id} className="block text-sm font-medium text-amber-900">
        New token (shown once)
      </label>
      <input
        id={id}
        readOnly
        value={token}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full rounded border border-amber-300 bg-white px-2 py-1 font-mono text-xs"
      />
    </div>
  );
}

export function CreateApiTokenForm({
  action,
  scopes,
  sites,
  defaultExpiry,
}: {
  action: FormAction;
  scopes: { value: string; label: string }[];
  sites: { value: string; label: string }[];
  defaultExpiry: string;
}) {
  return (
    <ActionForm action={action} submitLabel="Create token" ariaLabel="Create API token">
      <NewTokenSecret />
      <TextField name="name" label="Name" required maxLength={80} hint="Say who uses it, e.g. “Lakeside CMMS nightly sync”." />
      <CheckboxGroup name="scopes" legend="Scopes" options={scopes} defaultValues={["read"]} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="siteId" label="Site" options={sites} placeholder="Every site" hint="A site token reads and writes only that site's records." />
        <TextField
          name="expiresOn"
          label="Expires on"
          type="date"
          defaultValue={defaultExpiry}
          hint="At most a year from today; the token stops at the end of that day (UTC)."
        />
      </div>
    </ActionForm>
  );
}

export function RevokeApiTokenForm({ action, id, name }: { action: FormAction; id: number; name: string }) {
  return (
    <ActionForm action={action} submitLabel="Revoke" variant="danger" inline submitAriaLabel={`Revoke ${name}`} ariaLabel={`Revoke ${name}`}>
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}
