"use client";

import { useId } from "react";
import { ActionForm, useFormState, type FormAction } from "@/components/forms/action-form";
import { CheckboxGroup, TextField } from "@/components/forms/fields";

function NewSigningSecret() {
  const { state } = useFormState();
  const id = useId();
  const secret = state?.ok ? (state.data as { secret?: string } | undefined)?.secret : undefined;
  if (!secret) return null;
  return (
    <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3">
      <label htmlFor={id} className="block text-sm font-medium text-amber-900">
        Signing secret (shown once)
      </label>
      <input
        id={id}
        readOnly
        value={secret}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full rounded border border-amber-300 bg-white px-2 py-1 font-mono text-xs"
      />
    </div>
  );
}

export function CreateWebhookForm({ action, events }: { action: FormAction; events: { value: string; label: string }[] }) {
  return (
    <ActionForm action={action} submitLabel="Create subscription" ariaLabel="Create webhook subscription">
      <NewSigningSecret />
      <TextField name="name" label="Name" required maxLength={80} hint="Who receives it, e.g. “Integration engine”." />
      <TextField name="url" label="Receiver URL" type="url" required maxLength={500} placeholder="https://integration.hospital.example/clearline" />
      <CheckboxGroup name="events" legend="Events" options={events} />
    </ActionForm>
  );
}

export function DisableWebhookForm({ action, id, name }: { action: FormAction; id: number; name: string }) {
  return (
    <ActionForm action={action} submitLabel="Disable" variant="danger" inline submitAriaLabel={`Disable ${name}`} ariaLabel={`Disable ${name}`}>
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}
