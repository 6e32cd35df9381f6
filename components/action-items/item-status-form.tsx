"use client";

import { TEXT_LIMITS } from "@/lib/validation/text-limits";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { SelectField, TextArea } from "@/components/forms/fields";
import { ACTION_ITEM_STATUSES, ACTION_ITEM_STATUS_LABELS } from "@/lib/rules/action-items";

const STATUS_OPTIONS = ACTION_ITEM_STATUSES.map((value) => ({ value, label: ACTION_ITEM_STATUS_LABELS[value] }));

/**
 * Moves an action item (drill improvement item or assessment gap) to open / in progress / closed.
 * Closing needs closure evidence: the service refuses without it and says so.
 */
export function ItemStatusForm({
  action,
  itemId,
  title,
  status,
  closureEvidence,
}: {
  action: FormAction;
  itemId: number;
  title: string;
  status: string;
  closureEvidence: string;
}) {
  return (
    <ActionForm action={action} submitLabel="Update" variant="secondary" ariaLabel={`Update item ${title}`} className="min-w-[16rem]">
      <input type="hidden" name="itemId" value={itemId} />
      <SelectField name="status" label="Status" options={STATUS_OPTIONS} defaultValue={status} />
      <TextArea
        name="closureEvidence"
        maxLength={TEXT_LIMITS.text}
        label="Closure evidence"
        rows={2}
        defaultValue={closureEvidence}
        hint="Required to close: what was done and where it can be verified."
      />
    </ActionForm>
  );
}
