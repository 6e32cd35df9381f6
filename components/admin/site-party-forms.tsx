"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxField, SelectField, TextArea, TextField } from "@/components/forms/fields";
import { SITE_KIND_LABELS, options } from "./labels";

type Action = FormAction;

export function SiteForm({
  action,
  site,
  submitLabel,
}: {
  action: Action;
  site?: { id: number; name: string; code: string; kind: string; archivedAt: string | null };
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} resetOnSuccess={!site}>
      {site && <input type="hidden" name="id" value={site.id} />}
      <div className="grid gap-3 md:grid-cols-3">
        <TextField name="name" label="Site name" defaultValue={site?.name} required />
        <TextField name="code" label="Code" defaultValue={site?.code} required hint="Short code, e.g. LMH" />
        <SelectField name="kind" label="Kind" options={options(SITE_KIND_LABELS)} defaultValue={site?.kind ?? "hospital"} />
      </div>
      {site && <CheckboxField name="archived" label="Archived (hidden from pickers, history kept)" defaultChecked={Boolean(site.archivedAt)} />}
    </ActionForm>
  );
}

export function PartyForm({
  action,
  party,
  users,
  submitLabel,
}: {
  action: Action;
  party?: { id: number; name: string; kind: string; description: string; leadUserId: number | null };
  users: { id: number; name: string; email: string }[];
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} resetOnSuccess={!party}>
      {party && <input type="hidden" name="id" value={party.id} />}
      <div className="grid gap-3 md:grid-cols-3">
        <TextField name="name" label="Party name" defaultValue={party?.name} required />
        <SelectField
          name="kind"
          label="Internal or external"
          options={[
            { value: "internal", label: "Internal" },
            { value: "external", label: "External" },
          ]}
          defaultValue={party?.kind ?? "internal"}
        />
        <SelectField
          name="leadUserId"
          label="Lead"
          options={users.map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }))}
          placeholder="(no lead)"
          defaultValue={party?.leadUserId ? String(party.leadUserId) : ""}
        />
      </div>
      <TextArea name="description" label="Description" defaultValue={party?.description} />
    </ActionForm>
  );
}
