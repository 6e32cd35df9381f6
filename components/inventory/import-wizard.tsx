"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Table, Td, Th } from "@/components/ui/table";
import type { ActionState } from "@/lib/server/action";
import type { ColumnMapping, ImportField } from "@/lib/rules/inventory-import";
import type { ImportPreview } from "@/lib/services/inventory/preview-import";
import type { CommitResult } from "@/lib/services/inventory/commit-import";
import { FieldChangeList } from "./field-change-list";
import { ImportProgressBar, type ImportProgressView } from "./import-progress-bar";

/** How often the page asks the server where a running preview or commit is. */
const POLL_MS = 400;

type PreviewAction = (prev: null, fd: FormData) => Promise<ActionState<{ preview: ImportPreview; savedProfile: string | null }>>;
type CommitAction = (prev: null, fd: FormData) => Promise<ActionState<CommitResult>>;

const control = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600";

export interface ImportWizardProps {
  previewAction: PreviewAction;
  commitAction: CommitAction;
  sites: { id: number; name: string }[];
  sources: string[];
  profiles: { id: number; source: string; name: string }[];
  fields: { value: ImportField; label: string }[];
  classes: { id: number; name: string; depth: number }[];
  manufacturers: { id: number; name: string }[];
}

/**
 * Upload → mapping → preview (nothing written) → commit. The file stays in the form and is sent again on commit;
 * the server checks that it is the file that was previewed (SHA-256).
 */
export function ImportWizard(p: ImportWizardProps) {
  const form = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [makerChoices, setMakerChoices] = useState<Record<string, number | "new">>({});
  const [modelClasses, setModelClasses] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<string | null>(null);
  const [source, setSource] = useState(p.sources[0] ?? "");
  const [stale, setStale] = useState(false);
  const [progress, setProgress] = useState<ImportProgressView | null>(null);
  const polling = useRef<{ timer: ReturnType<typeof setInterval>; jobId: string } | null>(null);
  useEffect(() => () => stopPolling(), []);
  const ids = { file: useId(), source: useId(), site: useId(), full: useId(), profile: useId(), save: useId(), sources: useId() };

  const formData = (withChoices: boolean) => {
    const fd = new FormData(form.current!);
    if (mapping) fd.set("mapping", JSON.stringify(mapping));
    if (withChoices) {
      fd.set("manufacturerChoices", JSON.stringify(makerChoices));
      fd.set("modelClassChoices", JSON.stringify(modelClasses));
      if (preview) fd.set("expectedSha256", preview.file.sha256);
    }
    return fd;
  };
  // The server action runs the preview or commit; meanwhile the progress route reports its rows (decision 0024).
  const readProgress = async (jobId: string, committing: boolean) => {
    const res = await fetch(`/api/inventory/import-progress?job=${encodeURIComponent(jobId)}`, { cache: "no-store" }).catch(() => null);
    if (!res?.ok) return;
    const body = (await res.json()) as { progress: Omit<ImportProgressView, "committing"> | null };
    if (body.progress && polling.current?.jobId === jobId) setProgress({ ...body.progress, committing });
  };
  function stopPolling() {
    if (polling.current) clearInterval(polling.current.timer);
  }
  const startPolling = (committing: boolean): string => {
    stopPolling();
    const jobId = crypto.randomUUID();
    setProgress({ phase: "upload", done: 0, total: 0, finished: false, rows: 0, committing });
    polling.current = { jobId, timer: setInterval(() => void readProgress(jobId, committing), POLL_MS) };
    return jobId;
  };
  const finishPolling = async (jobId: string, committing: boolean, ok: boolean) => {
    stopPolling();
    // The last reading, once the action has returned: the bar ends on the server's own count.
    if (ok) await readProgress(jobId, committing);
    else setProgress(null);
    polling.current = null;
  };
  const fail = (s: Extract<ActionState, { ok: false }>) => {
    setError(s.formError ?? "Some fields need attention.");
    setFieldErrors(s.fieldErrors ?? {});
  };
  const runPreview = () =>
    start(async () => {
      setError(null);
      setDone(null);
      const jobId = startPolling(false);
      const fd = formData(false);
      fd.set("jobId", jobId);
      const r = await p.previewAction(null, fd).catch(() => null);
      await finishPolling(jobId, false, Boolean(r?.ok));
      if (!r?.ok) return r ? fail(r) : setError("The preview did not finish: try again.");
      setFieldErrors({});
      const pv = r.data!.preview;
      setPreview(pv);
      setMapping(pv.mapping);
      setStale(false);
      setMakerChoices(Object.fromEntries(pv.unknownManufacturers.map((m) => [m.name, m.choice])));
      setModelClasses(Object.fromEntries(pv.modelsToClassify.map((m) => [m.key, m.deviceClassId])));
      if (r.data!.savedProfile) setDone(`Mapping saved as "${r.data!.savedProfile}".`);
    });
  const runCommit = () =>
    start(async () => {
      setError(null);
      const jobId = startPolling(true);
      const fd = formData(true);
      fd.set("jobId", jobId);
      const r = await p.commitAction(null, fd).catch(() => null);
      await finishPolling(jobId, true, Boolean(r?.ok));
      if (!r?.ok) return r ? fail(r) : setError("The commit did not finish: nothing was written unless the import history lists it. Try again.");
      setDone(r.message ?? "Imported.");
      setPreview(null);
      router.refresh();
    });
  const reset = () => {
    setProgress(null);
    setPreview(null);
    setMapping(null);
    setDone(null);
    setError(null);
  };
  const err = (name: string) =>
    fieldErrors[name]?.length ? (
      <p id={`${name}-error`} className="text-sm text-red-700">
        {fieldErrors[name]!.join(" ")}
      </p>
    ) : null;

  const profiles = p.profiles.filter((x) => x.source === source);
  return (
    <form ref={form} className="space-y-5" onSubmit={(e) => (e.preventDefault(), runPreview())} aria-label="Import a CMMS export">
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={ids.file} className="block text-sm font-medium text-slate-800">
            CMMS export file (CSV or XLSX)
          </label>
          <input
            id={ids.file}
            name="file"
            type="file"
            accept=".csv,.txt,.tsv,.xlsx"
            className={control}
            onChange={reset}
            aria-describedby="file-error"
            aria-invalid={fieldErrors.file ? true : undefined}
          />
          {err("file")}
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.source} className="block text-sm font-medium text-slate-800">
            CMMS it comes from
          </label>
          <input
            id={ids.source}
            name="source"
            list={ids.sources}
            value={source}
            onChange={(e) => setSource(e.target.value)}
            className={control}
            maxLength={100}
            aria-describedby="source-error"
          />
          <datalist id={ids.sources}>
            {p.sources.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {err("source")}
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.site} className="block text-sm font-medium text-slate-800">
            Site of every row, when the file has no site column
          </label>
          <select id={ids.site} name="defaultSiteId" className={control} defaultValue="" onChange={() => setPreview(null)}>
            <option value="">— the file has a site column —</option>
            {p.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.profile} className="block text-sm font-medium text-slate-800">
            Saved mapping
          </label>
          <select id={ids.profile} name="profileId" className={control} defaultValue="" onChange={() => (setMapping(null), setPreview(null))}>
            <option value="">— propose from the column names —</option>
            {profiles.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.save} className="block text-sm font-medium text-slate-800">
            Save this mapping as (optional)
          </label>
          <input id={ids.save} name="profileName" className={control} maxLength={100} placeholder="e.g. Maximo equipment export" />
        </div>
        <div className="flex items-start gap-2 pt-6">
          <input id={ids.full} name="fullExport" type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-400" onChange={() => setPreview(null)} />
          <label htmlFor={ids.full} className="text-sm text-slate-800">
            This file is a full export: retire devices from this CMMS that it no longer lists
          </label>
        </div>
      </div>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Working…" : preview ? "Preview again" : "Preview"}
        </Button>
      </div>
      {progress && <ImportProgressBar progress={progress} />}
      {error && <Alert tone="error">{error}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      {preview && (
        <PreviewView
          preview={preview}
          mapping={mapping ?? preview.mapping}
          setMapping={(m) => (setMapping(m), setStale(true))}
          stale={stale}
          fields={p.fields}
          manufacturers={p.manufacturers}
          classes={p.classes}
          makerChoices={makerChoices}
          setMakerChoice={(name, v) => setMakerChoices((c) => ({ ...c, [name]: v }))}
          modelClasses={modelClasses}
          setModelClass={(key, v) => setModelClasses((c) => ({ ...c, [key]: v }))}
          onCommit={runCommit}
          pending={pending}
        />
      )}
    </form>
  );
}

function PreviewView(props: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  setMapping: (m: ColumnMapping) => void;
  fields: ImportWizardProps["fields"];
  manufacturers: ImportWizardProps["manufacturers"];
  classes: ImportWizardProps["classes"];
  makerChoices: Record<string, number | "new">;
  setMakerChoice: (name: string, v: number | "new") => void;
  modelClasses: Record<string, number | null>;
  setModelClass: (key: string, v: number | null) => void;
  onCommit: () => void;
  pending: boolean;
  stale: boolean;
}) {
  const { preview: pv } = props;
  const blocked = pv.mappingProblems.length > 0;
  const writes = pv.counts.new + pv.counts.changed + pv.counts.missing;
  return (
    <section aria-labelledby="preview-heading" className="space-y-5 rounded-lg border border-slate-200 bg-slate-50 p-4">
      <div>
        <h2 id="preview-heading" className="text-lg font-semibold">
          Preview of {pv.file.name} — nothing has been written yet
        </h2>
        <p className="text-sm text-slate-600">
          Read as {pv.file.description}. SHA-256 <code className="break-all text-xs">{pv.file.sha256}</code>
        </p>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">Column mapping</legend>
        <p className="text-sm text-slate-600">Correct any column, then choose Preview again.</p>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {pv.headers.map((h) => (
            <MappingSelect
              key={h}
              header={h}
              value={props.mapping[h] ?? ""}
              fields={props.fields}
              onChange={(f) => props.setMapping({ ...props.mapping, [h]: (f || null) as ImportField | null })}
            />
          ))}
        </div>
      </fieldset>
      {blocked && (
        <Alert tone="error">
          {pv.mappingProblems.map((m) => (
            <span key={m} className="block">
              {m}
            </span>
          ))}
        </Alert>
      )}
      {!blocked && (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Preview counts">
            {(
              [
                ["New devices", pv.counts.new],
                ["Changed devices", pv.counts.changed],
                ["Unchanged devices", pv.counts.unchanged],
                ["No longer listed (to retire)", pv.counts.missing],
                ["Row errors", pv.counts.errors],
              ] as const
            ).map(([label, n]) => (
              <div key={label} className="rounded-md border border-slate-200 bg-white p-3">
                <dt className="text-xs text-slate-600">{label}</dt>
                <dd className="text-xl font-semibold">{n.toLocaleString("en-US")}</dd>
              </div>
            ))}
          </dl>
          {pv.errors.length > 0 && (
            <div className="space-y-2">
              <h3 className="font-semibold">Rows with errors ({pv.errorRows.toLocaleString("en-US")} rows, skipped on commit)</h3>
              <Table caption="Rows with errors">
                <thead>
                  <tr>
                    <Th>Row</Th>
                    <Th>Column</Th>
                    <Th>Problem</Th>
                  </tr>
                </thead>
                <tbody>
                  {pv.errors.map((e, i) => (
                    <tr key={i}>
                      <Td>{e.row}</Td>
                      <Td>{e.column || "—"}</Td>
                      <Td>{e.message}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {pv.listedErrorsCut && <p className="text-sm text-slate-600">Only the first {pv.errors.length} problems are listed.</p>}
            </div>
          )}
          {pv.unknownManufacturers.length > 0 && (
            <fieldset className="space-y-2">
              <legend className="font-semibold">Manufacturer spellings that match no alias</legend>
              <p className="text-sm text-slate-600">Map each to a manufacturer on file (the spelling becomes its alias) or create a new one.</p>
              {pv.unknownManufacturers.map((m) => (
                <MakerSelect
                  key={m.name}
                  name={m.name}
                  rows={m.rows}
                  proposal={m.proposal?.name ?? null}
                  value={props.makerChoices[m.name] ?? "new"}
                  manufacturers={props.manufacturers}
                  onChange={(v) => props.setMakerChoice(m.name, v)}
                />
              ))}
            </fieldset>
          )}
          {pv.modelsToClassify.length > 0 && (
            <fieldset className="space-y-2">
              <legend className="font-semibold">Models without a device class</legend>
              <p className="text-sm text-slate-600">New models can be classified now; existing ones on their model page.</p>
              {pv.modelsToClassify.map((m) =>
                m.isNew ? (
                  <ClassSelect
                    key={m.key}
                    label={`Device class for ${m.manufacturer} ${m.model} (new, ${m.rows} devices)`}
                    value={props.modelClasses[m.key] ?? null}
                    classes={props.classes}
                    onChange={(v) => props.setModelClass(m.key, v)}
                  />
                ) : (
                  <p key={m.key} className="text-sm">
                    <a href={`/inventory/models/${m.modelId}`}>
                      {m.manufacturer} {m.model}
                    </a>{" "}
                    ({m.rows} devices) has no device class.
                  </p>
                ),
              )}
            </fieldset>
          )}
          {pv.changes.length > 0 && (
            <details>
              <summary className="cursor-pointer text-sm font-medium">
                What would change ({(pv.counts.new + pv.counts.changed + pv.counts.missing).toLocaleString("en-US")} devices)
              </summary>
              <ul className="mt-2 max-h-80 space-y-1 overflow-auto text-sm">
                {pv.changes.map((c, i) => (
                  <li key={i}>
                    <strong>{c.assetTag}</strong> — {c.kind === "new" ? "new" : c.kind === "retire" ? "to retire" : "changed"}
                    {c.kind === "changed" && <FieldChangeList changes={c.fields} />}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={props.onCommit} disabled={props.pending || props.stale}>
              {writes === 0 ? "Commit (no changes)" : `Commit ${pv.counts.new} new, ${pv.counts.changed} changed, ${pv.counts.missing} retired`}
            </Button>
            <span className="text-sm text-slate-600">
              {props.stale ? "The mapping changed: preview again before committing." : "All or nothing: one transaction. Rows with errors are skipped."}
            </span>
          </div>
        </>
      )}
    </section>
  );
}

function MappingSelect({
  header,
  value,
  fields,
  onChange,
}: {
  header: string;
  value: string;
  fields: ImportWizardProps["fields"];
  onChange: (f: string) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        Column “{header}”
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={control}>
        <option value="">— not imported —</option>
        {fields.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function MakerSelect(p: {
  name: string;
  rows: number;
  proposal: string | null;
  value: number | "new";
  manufacturers: ImportWizardProps["manufacturers"];
  onChange: (v: number | "new") => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm">
        “{p.name}” ({p.rows} rows){p.proposal ? ` — looks like ${p.proposal}` : ""}
      </label>
      <select id={id} value={String(p.value)} onChange={(e) => p.onChange(e.target.value === "new" ? "new" : Number(e.target.value))} className={control}>
        <option value="new">Create a new manufacturer “{p.name.trim()}”</option>
        {p.manufacturers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function ClassSelect(p: { label: string; value: number | null; classes: ImportWizardProps["classes"]; onChange: (v: number | null) => void }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm">
        {p.label}
      </label>
      <select id={id} value={p.value ?? ""} onChange={(e) => p.onChange(e.target.value ? Number(e.target.value) : null)} className={control}>
        <option value="">— not classified —</option>
        {p.classes.map((c) => (
          <option key={c.id} value={c.id}>
            {"\u00a0\u00a0".repeat(c.depth)}
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
