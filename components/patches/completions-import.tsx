"use client";

import { startTransition, useActionState } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { CompletionsPreview } from "@/lib/services/patches/import-patch-completions";

type PreviewState = { ok: true; data?: CompletionsPreview } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> } | null;
type CommitState = { ok: true; message?: string } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> } | null;

/**
 * Completed work orders from the CMMS, back into Clearline: preview every row (bad rows named by line), then import
 * all of them or none. The commit sends the SHA-256 of the previewed file, so a different file is refused.
 */
export function CompletionsImport({ preview: previewAction, commit: commitAction }: { preview: FormAction; commit: FormAction }) {
  const [preview, runPreview, previewing] = useActionState(previewAction as (s: PreviewState, fd: FormData) => Promise<PreviewState>, null);
  const [commit, runCommit, committing] = useActionState(commitAction as (s: CommitState, fd: FormData) => Promise<CommitState>, null);
  const hydrated = useHydrated();
  const data = preview?.ok ? preview.data : undefined;
  const canCommit = data && data.problems.length === 0 && data.rows.length > 0 && !commit?.ok;
  return (
    <form
      aria-label="Import completed patches"
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const intent = ((e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.dataset.intent;
        startTransition(() => (intent === "commit" ? runCommit(fd) : runPreview(fd)));
      }}
    >
      <label className="block space-y-1 text-sm">
        <span className="block font-medium">CSV of completed work orders (Asset tag, Advisory, Work order, Date applied, Notes)</span>
        <input type="file" name="file" accept=".csv,.xlsx,text/csv" className="block text-sm" />
      </label>
      {data && <input type="hidden" name="expectedSha256" value={data.sha256} />}
      <div className="flex gap-2">
        <button type="submit" data-intent="preview" className={buttonClass("secondary", "sm")} disabled={previewing || !hydrated}>
          {previewing ? "Reading…" : "Preview"}
        </button>
        {canCommit && (
          <button type="submit" data-intent="commit" className={buttonClass("primary", "sm")} disabled={committing || !hydrated}>
            {committing ? "Importing…" : `Import ${data.rows.length} completion${data.rows.length === 1 ? "" : "s"}`}
          </button>
        )}
      </div>
      {preview && !preview.ok && <Alert tone="error">{preview.fieldErrors?.file?.[0] ?? preview.formError}</Alert>}
      {commit && !commit.ok && <Alert tone="error">{commit.formError}</Alert>}
      {commit?.ok && <Alert tone="success">{commit.message}</Alert>}
      {data && data.problems.length > 0 && (
        <Alert tone="error">
          <p>Nothing can be imported until every row is right ({data.problems.length} with problems):</p>
          <ul className="mt-1 list-disc pl-5">
            {data.problems.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Alert>
      )}
      {data && data.rows.length > 0 && (
        <Table caption="Rows to import">
          <thead>
            <tr>
              <Th>Line</Th>
              <Th>Asset tag</Th>
              <Th>Advisory</Th>
              <Th>Work order</Th>
              <Th>Date applied</Th>
              <Th>Due</Th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.line}>
                <Td>{r.line}</Td>
                <Td>{r.assetTag}</Td>
                <Td>{r.trackingId}</Td>
                <Td>{r.workOrder}</Td>
                <Td>{r.appliedOn}</Td>
                <Td>{r.dueOn}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </form>
  );
}
