"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/forms/fields";

type Opt = { value: string; label: string };

export function CreateAssessmentForm({
  action,
  sites,
  classes,
  assignees,
  functions,
}: {
  action: FormAction;
  sites: Opt[];
  classes: Opt[];
  assignees: Opt[];
  functions: { id: string; name: string }[];
}) {
  const [scope, setScope] = useState("organization");
  return (
    <ActionForm action={action} submitLabel="Start assessment" resetOnSuccess>
      <div className="grid gap-3 md:grid-cols-3">
        <TextField name="name" label="Name" required placeholder="e.g. FY2027 medical device CSF assessment" />
        <SelectField
          name="scopeType"
          label="Scope"
          value={scope}
          onChange={(e) => setScope(e.target.value)}
          options={[
            { value: "organization", label: "Whole organization" },
            { value: "site", label: "A site" },
            { value: "device_class", label: "A device class" },
          ]}
        />
        <TextField name="dueDate" label="Due date" type="date" required />
        {scope === "site" && <SelectField name="siteId" label="Site" options={sites} placeholder="Choose a site" />}
        {scope === "device_class" && <SelectField name="deviceClassId" label="Device class" options={classes} placeholder="Choose a device class" />}
      </div>
      <fieldset className="grid gap-3 md:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Assignees per function</legend>
        {functions.map((f) => (
          <SelectField key={f.id} name={`assignee_${f.id}`} label={`${f.name} (${f.id})`} options={assignees} placeholder="(unassigned)" />
        ))}
      </fieldset>
      <CheckboxField
        name="carryForward"
        label="Start from the last assessment of this scope"
        hint="Copies the last approved assessment's answers as a starting point, marked as carried over."
      />
    </ActionForm>
  );
}
