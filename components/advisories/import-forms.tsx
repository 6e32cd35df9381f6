"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/fields";

/** Upload of CSAF advisories (files or a ZIP) and of the KEV catalog; each refuses the whole upload with sentences. */
export function ImportAdvisoriesForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submitLabel="Import advisories" pendingLabel="Importing…" resetOnSuccess ariaLabel="Import advisories">
      <TextField
        name="files"
        label="CSAF 2.0 advisory files"
        type="file"
        multiple
        accept=".json,.zip,application/json,application/zip"
        hint="One or more JSON files (for example CISA's ICSMA advisories) or a ZIP of them, up to 5 MB per upload. Nothing is stored if any file has a problem."
      />
    </ActionForm>
  );
}

export function ImportKevForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} submitLabel="Import KEV catalog" pendingLabel="Importing…" resetOnSuccess ariaLabel="Import KEV catalog" variant="secondary">
      <TextField
        name="file"
        label="KEV catalog file"
        type="file"
        accept=".json,.csv,application/json,text/csv"
        hint="CISA's known_exploited_vulnerabilities.json or .csv, the whole catalog."
      />
    </ActionForm>
  );
}
