"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxGroup, SelectField, TextArea, TextField } from "@/components/forms/fields";
import { SignerCredential } from "@/components/signatures/signer-credential";

const CONTROLS = [
  { value: "network_segmentation", label: "Network segmentation" },
  { value: "remote_access_disabled", label: "Remote access disabled" },
  { value: "monitoring", label: "Monitoring" },
  { value: "physical_control", label: "Physical control" },
];

/** A replace-or-mitigate decision for one unsupported model, optionally limited to one site. */
export function SupportDecisionForm({
  action,
  models,
  sites,
  today,
}: {
  action: FormAction;
  models: { id: number; label: string }[];
  sites: { id: number; name: string }[];
  today: string;
}) {
  return (
    <ActionForm action={action} submitLabel="Record decision" resetOnSuccess ariaLabel="Record a replace-or-mitigate decision">
      <SelectField name="modelId" label="Model" placeholder="Choose a model…" options={models.map((m) => ({ value: String(m.id), label: m.label }))} />
      <SelectField name="siteId" label="Site" placeholder="Every site" options={sites.map((s) => ({ value: String(s.id), label: s.name }))} />
      <SelectField
        name="kind"
        label="Decision"
        placeholder="Choose…"
        options={[
          { value: "replace", label: "Replace" },
          { value: "mitigate", label: "Mitigate with compensating controls" },
        ]}
      />
      <TextField name="replaceBy" label="Replace by" type="date" min={today} hint="For a replacement." />
      <TextField name="capitalRequestRef" label="Capital request reference" maxLength={60} hint="For a replacement." />
      <CheckboxGroup name="controls" legend="Compensating controls (for a mitigation)" options={CONTROLS} />
      <TextArea name="details" label="Details" maxLength={5000} />
      <TextField name="reviewOn" label="Review date" type="date" min={today} />
    </ActionForm>
  );
}

/** Leadership approval: the password re-entered at the moment of signing (21 CFR 11.200). */
export function ApproveDecisionForm({ action, decisionId, label }: { action: FormAction; decisionId: number; label: string }) {
  return (
    <ActionForm action={action} submitLabel="Approve and sign" ariaLabel={`Approve the decision for ${label}`}>
      <input type="hidden" name="decisionId" value={decisionId} />
      <SignerCredential record={{ entityType: "support_decision", entityId: String(decisionId) }}>
        <TextField
          name="password"
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="Signing means “Approved”: you accept this decision's residual risk."
        />
      </SignerCredential>
    </ActionForm>
  );
}
