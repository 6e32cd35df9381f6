"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TextArea, TextField } from "@/components/forms/fields";
import { SignerCredential } from "@/components/signatures/signer-credential";

export function SubmitForm({ action, classId }: { action: FormAction; classId: number }) {
  return (
    <ActionForm action={action} submitLabel="Submit for sign-off">
      <input type="hidden" name="classId" value={classId} />
    </ActionForm>
  );
}

/** §11.200: the signer re-enters their password; the meaning is stated next to the button. */
export function SignForm({ action, versionId, meaning, label = "Sign" }: { action: FormAction; versionId: number; meaning: string; label?: string }) {
  return (
    <ActionForm action={action} submitLabel={label} pendingLabel="Signing…" ariaLabel={`${label}: ${meaning}`}>
      <input type="hidden" name="versionId" value={versionId} />
      <p className="text-sm">
        Meaning of your signature: <strong>{meaning}</strong>
      </p>
      <SignerCredential record={{ entityType: "raci_version", entityId: String(versionId) }}>
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

export function ReturnForm({ action, versionId }: { action: FormAction; versionId: number }) {
  return (
    <ActionForm action={action} submitLabel="Return to draft" variant="secondary" ariaLabel="Return to draft">
      <input type="hidden" name="versionId" value={versionId} />
      <TextArea name="comment" label="Comment" required hint="Say what must change before you can sign." />
    </ActionForm>
  );
}
