"use client";

import { TEXT_LIMITS } from "@/lib/validation/text-limits";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ActionForm, useFormState, type FormAction } from "@/components/forms/action-form";
import { SelectField, TextArea, TextField } from "@/components/forms/fields";
import { SignerCredential } from "@/components/signatures/signer-credential";

type Opt = { value: string; label: string };

/** Sends the user to the plan the action just created (its id is the action's data). */
function OpenCreatedPlan() {
  const { state } = useFormState();
  const router = useRouter();
  useEffect(() => {
    if (state?.ok && typeof state.data === "number") router.push(`/plans/${state.data}`);
  }, [state, router]);
  return null;
}

export function CreatePlanForm({ action, sites }: { action: FormAction; sites: Opt[] }) {
  return (
    <ActionForm action={action} submitLabel="Create plan" pendingLabel="Creating…" ariaLabel="New plan">
      <OpenCreatedPlan />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="title" label="Title" required maxLength={160} placeholder="e.g. Ransomware locking infusion pumps" />
        <SelectField name="siteId" label="Site" options={sites} placeholder="Whole organization" defaultValue="" />
      </div>
      <TextArea
        name="scenario"
        maxLength={TEXT_LIMITS.text}
        label="Scenario"
        rows={4}
        hint="What happens and what it affects. You can refine it in the draft."
      />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField
          name="reviewIntervalMonths"
          label="Review interval (months)"
          type="number"
          inputMode="numeric"
          min={1}
          max={36}
          defaultValue={12}
          required
          hint="The approved plan is due for review this many months after approval."
        />
        <TextField
          name="exerciseIntervalMonths"
          label="Exercise interval (months)"
          type="number"
          inputMode="numeric"
          min={1}
          max={36}
          defaultValue={12}
          required
          hint="How often a drill or an actual event must exercise this plan."
        />
      </div>
    </ActionForm>
  );
}

/** "I have read and understood version N": recorded against that exact version. */
export function AcknowledgeForm({ action, planVersionId, versionNo }: { action: FormAction; planVersionId: number; versionNo: number }) {
  return (
    <ActionForm
      action={action}
      submitLabel={`I have read and understood version ${versionNo}`}
      pendingLabel="Recording…"
      ariaLabel={`Acknowledge version ${versionNo}`}
    >
      <input type="hidden" name="planVersionId" value={planVersionId} />
    </ActionForm>
  );
}

export function StartVersionForm({ action, planId, nextVersionNo }: { action: FormAction; planId: number; nextVersionNo: number }) {
  return (
    <ActionForm
      action={action}
      submitLabel={`Start version ${nextVersionNo}`}
      pendingLabel="Starting…"
      variant="secondary"
      ariaLabel={`Start version ${nextVersionNo}`}
    >
      <input type="hidden" name="planId" value={planId} />
    </ActionForm>
  );
}

/** 21 CFR 11.200: the approver re-enters their password; the meaning of the signature is stated next to the button. */
export function ApprovePlanForm({ action, planId, versionId, versionNo }: { action: FormAction; planId: number; versionId: number; versionNo: number }) {
  return (
    <ActionForm action={action} submitLabel="Sign and approve" pendingLabel="Signing…" ariaLabel={`Approve version ${versionNo}`} resetOnSuccess>
      <input type="hidden" name="planId" value={planId} />
      <p className="text-sm">
        Meaning of your signature: <strong>Approved</strong>
      </p>
      <SignerCredential record={{ entityType: "plan_version", entityId: String(versionId) }}>
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
