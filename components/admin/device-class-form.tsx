"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxField, SelectField, TextArea, TextField } from "@/components/forms/fields";
import { CONNECTIVITY_LABELS, CRITICALITY_LABELS, REGULATED_LABELS, options } from "./labels";

export interface DeviceClassValues {
  id?: number;
  name: string;
  description: string;
  regulated: string;
  fdaClass: string | null;
  connectivity: string;
  remoteVendorAccess: boolean;
  storesPhi: boolean;
  lifeSustaining: boolean;
  criticality: string;
  parentId?: number | null;
}

type Action = FormAction;

export function DeviceClassForm({
  action,
  values,
  parentOptions,
  submitLabel,
  resetOnSuccess,
}: {
  action: Action;
  values?: DeviceClassValues;
  parentOptions?: { value: string; label: string }[];
  submitLabel: string;
  resetOnSuccess?: boolean;
}) {
  const v = values;
  return (
    <ActionForm action={action} submitLabel={submitLabel} resetOnSuccess={resetOnSuccess}>
      {v?.id && <input type="hidden" name="id" value={v.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="name" label="Name" defaultValue={v?.name} required />
        {parentOptions && (
          <SelectField
            name="parentId"
            label="Parent class"
            options={parentOptions}
            placeholder="(top level)"
            defaultValue={v?.parentId ? String(v.parentId) : ""}
          />
        )}
        <SelectField name="regulated" label="Regulated medical device?" options={options(REGULATED_LABELS)} defaultValue={v?.regulated ?? "yes"} />
        <SelectField
          name="fdaClass"
          label="FDA class"
          options={[
            { value: "I", label: "Class I" },
            { value: "II", label: "Class II" },
            { value: "III", label: "Class III" },
          ]}
          placeholder="Not classified"
          defaultValue={v?.fdaClass ?? ""}
        />
        <SelectField name="connectivity" label="Connectivity" options={options(CONNECTIVITY_LABELS)} defaultValue={v?.connectivity ?? "wired"} />
        <SelectField name="criticality" label="Clinical criticality" options={options(CRITICALITY_LABELS)} defaultValue={v?.criticality ?? "moderate"} />
      </div>
      <TextArea name="description" label="Description" defaultValue={v?.description} />
      <div className="flex flex-wrap gap-6">
        <CheckboxField name="remoteVendorAccess" label="Remote vendor access" defaultChecked={v?.remoteVendorAccess} />
        <CheckboxField name="storesPhi" label="Stores PHI" defaultChecked={v?.storesPhi} />
        <CheckboxField name="lifeSustaining" label="Life-sustaining" defaultChecked={v?.lifeSustaining} />
      </div>
    </ActionForm>
  );
}
