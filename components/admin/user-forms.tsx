"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxField, CheckboxGroup, SelectField, TextField } from "@/components/forms/fields";

const ROLE_OPTIONS = [
  { value: "admin", label: "Admin" },
  { value: "leadership", label: "Leadership" },
  { value: "lead", label: "Party lead" },
  { value: "contributor", label: "Contributor" },
  { value: "auditor", label: "Auditor" },
];

type Party = { id: number; name: string };

export function CreateUserForm({ action, parties }: { action: FormAction; parties: Party[] }) {
  return (
    <ActionForm action={action} submitLabel="Create user" resetOnSuccess>
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="name" label="Full name" required autoComplete="off" />
        <TextField name="email" label="Email" type="email" required autoComplete="off" />
        <TextField name="title" label="Job title" autoComplete="off" />
        <SelectField name="partyId" label="Party" options={parties.map((p) => ({ value: String(p.id), label: p.name }))} placeholder="(none)" />
      </div>
      <CheckboxGroup name="roles" legend="Roles" options={ROLE_OPTIONS} defaultValues={["contributor"]} />
      <TextField
        name="password"
        label="Initial password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 15 characters; common passwords are refused. Share it with the user through a separate channel: they must replace it with their own when they first sign in."
      />
    </ActionForm>
  );
}

export function EditUserForm({
  action,
  user,
  parties,
  sites = [],
}: {
  action: FormAction;
  user: { id: number; name: string; title: string; roles: string[]; partyId: number | null; siteId?: number | null };
  parties: Party[];
  sites?: { id: number; name: string }[];
}) {
  return (
    <ActionForm action={action} submitLabel="Save user">
      <input type="hidden" name="id" value={user.id} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="name" label="Full name" defaultValue={user.name} required />
        <TextField name="title" label="Job title" defaultValue={user.title} />
        <SelectField
          name="partyId"
          label="Party"
          options={parties.map((p) => ({ value: String(p.id), label: p.name }))}
          placeholder="(none)"
          defaultValue={user.partyId ? String(user.partyId) : ""}
        />
        <SelectField
          name="siteId"
          label="Dashboard scope"
          options={sites.map((s) => ({ value: String(s.id), label: `Only ${s.name}` }))}
          placeholder="Whole organization"
          defaultValue={user.siteId ? String(user.siteId) : ""}
          hint="A site-scoped user sees only that site's figures on the dashboard and board report."
        />
      </div>
      <CheckboxGroup name="roles" legend="Roles" options={ROLE_OPTIONS} defaultValues={user.roles} />
    </ActionForm>
  );
}

export function SetPasswordForm({ action, userId }: { action: FormAction; userId: number }) {
  return (
    <ActionForm action={action} submitLabel="Set password" resetOnSuccess variant="secondary">
      <input type="hidden" name="id" value={userId} />
      <TextField
        name="password"
        label="New password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 15 characters. The user's open sessions end."
      />
    </ActionForm>
  );
}

/** `blocks`: what deactivating would block, as a sentence; when present the admin must confirm it first. */
export function ActiveToggleForm({ action, userId, active, blocks }: { action: FormAction; userId: number; active: boolean; blocks?: string }) {
  return (
    <ActionForm action={action} submitLabel={active ? "Deactivate user" : "Reactivate user"} variant={active ? "danger" : "secondary"}>
      <input type="hidden" name="id" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      {active && blocks ? (
        <>
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">{blocks}</p>
          <CheckboxField name="confirm" label="I understand what this blocks: deactivate anyway" />
        </>
      ) : null}
    </ActionForm>
  );
}

export function ResetMfaForm({ action, userId }: { action: FormAction; userId: number }) {
  return (
    <ActionForm action={action} submitLabel="Reset MFA" variant="danger">
      <input type="hidden" name="id" value={userId} />
    </ActionForm>
  );
}

export function MfaPolicyForm({ action, required }: { action: FormAction; required: boolean }) {
  return (
    <ActionForm action={action} submitLabel={required ? "Make MFA optional" : "Require MFA for admins and signers"} variant="secondary">
      <input type="hidden" name="required" value={required ? "false" : "true"} />
    </ActionForm>
  );
}
