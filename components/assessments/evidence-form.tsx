"use client";

import { TEXT_LIMITS } from "@/lib/validation/text-limits";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TextArea, TextField } from "@/components/forms/fields";

export function EvidenceForm({ action, assessmentId, subcategoryId }: { action: FormAction; assessmentId: number; subcategoryId: string }) {
  return (
    <ActionForm action={action} submitLabel={`Add evidence to ${subcategoryId}`} resetOnSuccess variant="secondary">
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <input type="hidden" name="subcategoryId" value={subcategoryId} />
      <TextArea name="body" maxLength={TEXT_LIMITS.text} label={`Evidence note for ${subcategoryId}`} rows={2} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="url" label={`Link for ${subcategoryId}`} type="url" placeholder="https://…" />
        <TextField
          name="file"
          label={`File for ${subcategoryId}`}
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,.csv"
          hint="PDF, PNG, JPEG, DOCX, XLSX, TXT or CSV, up to 5 MB."
        />
      </div>
    </ActionForm>
  );
}
