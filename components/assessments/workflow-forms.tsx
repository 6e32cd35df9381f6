"use client";

import { TEXT_LIMITS } from "@/lib/validation/text-limits";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { SelectField, TextArea, TextField } from "@/components/forms/fields";
import { TIERS } from "@/lib/rules/csf-score";
import { SignerCredential } from "@/components/signatures/signer-credential";

export function TierForm({ action, assessmentId, tier, rationale }: { action: FormAction; assessmentId: number; tier: number | null; rationale: string }) {
  return (
    <ActionForm action={action} submitLabel="Save Tier">
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <SelectField
        name="tier"
        label="Implementation Tier"
        options={TIERS.map((t) => ({ value: String(t.value), label: `Tier ${t.value} — ${t.label}` }))}
        placeholder="Choose a Tier"
        defaultValue={tier ? String(tier) : ""}
      />
      <TextArea
        name="rationale"
        maxLength={TEXT_LIMITS.text}
        label="Rationale"
        defaultValue={rationale}
        required
        hint="Why this Tier describes how the organization governs device cybersecurity as a whole."
      />
    </ActionForm>
  );
}

export function HiddenActionForm({
  action,
  fields,
  label,
  variant = "primary",
}: {
  action: FormAction;
  fields: Record<string, string | number>;
  label: string;
  variant?: "primary" | "secondary";
}) {
  return (
    <ActionForm action={action} submitLabel={label} variant={variant}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </ActionForm>
  );
}

export function ReviewForms({
  action,
  assessmentId,
  functionId,
  functionName,
}: {
  action: FormAction;
  assessmentId: number;
  functionId: string;
  functionName: string;
}) {
  return (
    <div className="flex flex-wrap items-start gap-4">
      <ActionForm action={action} submitLabel={`Accept ${functionName}`} inline>
        <input type="hidden" name="assessmentId" value={assessmentId} />
        <input type="hidden" name="functionId" value={functionId} />
        <input type="hidden" name="decision" value="accept" />
      </ActionForm>
      <details>
        <summary className="cursor-pointer text-sm">Return {functionName} with comments</summary>
        <ActionForm action={action} submitLabel={`Return ${functionName}`} variant="secondary">
          <input type="hidden" name="assessmentId" value={assessmentId} />
          <input type="hidden" name="functionId" value={functionId} />
          <input type="hidden" name="decision" value="return" />
          <TextArea name="comment" maxLength={TEXT_LIMITS.shortText} label={`Comments on ${functionName}`} required />
        </ActionForm>
      </details>
    </div>
  );
}

export function ApproveForm({ action, assessmentId }: { action: FormAction; assessmentId: number }) {
  return (
    <ActionForm action={action} submitLabel="Approve and sign" pendingLabel="Signing…">
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <p className="text-sm">
        Meaning of your signature: <strong>Approved</strong>. The assessment will be locked.
      </p>
      <SignerCredential record={{ entityType: "assessment", entityId: String(assessmentId) }}>
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
