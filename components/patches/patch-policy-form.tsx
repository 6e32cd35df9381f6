"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/fields";
import type { PatchPolicy } from "@/lib/rules/patch-priority";

/** Admins: days to apply an OEM-validated patch, counted from the OEM's validated date (decision 0022). */
export function PatchPolicyForm({ action, policy }: { action: FormAction; policy: PatchPolicy }) {
  return (
    <ActionForm action={action} submitLabel="Save policy" ariaLabel="Patch policy">
      <div className="grid gap-3 sm:grid-cols-4">
        <TextField name="kevDays" label="Known exploited (KEV), days" type="number" min={1} max={730} defaultValue={policy.kevDays} />
        <TextField name="criticalDays" label="Critical (CVSS ≥ 9), days" type="number" min={1} max={730} defaultValue={policy.criticalDays} />
        <TextField name="highDays" label="High (CVSS ≥ 7), days" type="number" min={1} max={730} defaultValue={policy.highDays} />
        <TextField name="otherDays" label="Other, days" type="number" min={1} max={730} defaultValue={policy.otherDays} />
      </div>
    </ActionForm>
  );
}
