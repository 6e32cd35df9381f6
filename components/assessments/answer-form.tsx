"use client";

import { TEXT_LIMITS } from "@/lib/validation/text-limits";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { CheckboxField, SelectField, TextArea } from "@/components/forms/fields";
import { SCORE_SCALE } from "@/lib/rules/csf-score";

const SCORE_OPTIONS = SCORE_SCALE.map((s) => ({ value: String(s.value), label: `${s.value} — ${s.label}` }));

export interface AnswerValues {
  current: number | null;
  target: number | null;
  notApplicable: boolean;
  naReason: string;
  notes: string;
  version: number;
  carriedOver: boolean;
}

/** One subcategory's answer: current and target on the defined scale (criterion shown), or N/A with a reason. */
export function AnswerForm({
  action,
  assessmentId,
  subcategoryId,
  values,
  readOnly,
}: {
  action: FormAction;
  assessmentId: number;
  subcategoryId: string;
  values: AnswerValues | null;
  readOnly: boolean;
}) {
  const [na, setNa] = useState(values?.notApplicable ?? false);
  // N/A is saved only with its reason. Until then the tick and what was typed are kept in this tab's session
  // storage, so a reload or a slip of the mouse does not silently undo them (issue 10, item 5).
  const draftKey = `clearline:na-draft:${assessmentId}:${subcategoryId}`;
  const [reason, setReason] = useState(values?.naReason ?? "");
  const [restored, setRestored] = useState<{ reason: string } | null>(null);
  useEffect(() => {
    if (values?.notApplicable || readOnly) return;
    try {
      const raw = window.sessionStorage.getItem(draftKey);
      if (!raw) return;
      const draft = JSON.parse(raw) as { reason?: unknown };
      const text = typeof draft.reason === "string" ? draft.reason : "";
      // Restoring a draft kept from before a reload: state set once after mount, from the browser's storage.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setNa(true);
      setReason(text);
      setRestored({ reason: text });
    } catch {
      /* storage unavailable: nothing to restore */
    }
  }, [draftKey, values?.notApplicable, readOnly]);
  const keepDraft = (next: { na: boolean; reason: string }) => {
    try {
      if (next.na && !values?.notApplicable) window.sessionStorage.setItem(draftKey, JSON.stringify({ reason: next.reason }));
      else window.sessionStorage.removeItem(draftKey);
    } catch {
      /* storage unavailable */
    }
  };
  const [current, setCurrent] = useState(values?.current != null ? String(values.current) : "");
  const [target, setTarget] = useState(values?.target != null ? String(values.target) : "");
  const hintId = useId();
  // Saves of one answer run one after the other (useActionState queues them); each sends the version the previous one
  // returned, read when it runs, so a quick second choice is not refused as somebody else's change.
  // Only this form's own saves move it: if someone else saved meanwhile, the next save is refused as a conflict
  // (with who and when) instead of silently overwriting their answer with this form's older fields.
  const version = useRef(values?.version ?? 0);
  const save = useCallback<FormAction>(
    async (prev, fd) => {
      fd.set("expectedVersion", String(version.current));
      const r = await action(prev, fd);
      if (r?.ok) {
        try {
          window.sessionStorage.removeItem(draftKey);
        } catch {
          /* storage unavailable */
        }
      }
      const v = r?.ok ? (r.data as { version?: number } | undefined)?.version : undefined;
      if (typeof v === "number") version.current = v;
      return r;
    },
    [action, draftKey],
  );
  const criterion = (v: string) => SCORE_SCALE.find((s) => String(s.value) === v)?.criterion;
  if (readOnly) {
    return (
      <p className="text-sm text-slate-700">
        {values
          ? values.notApplicable
            ? `Not applicable: ${values.naReason}`
            : `Current ${values.current ?? "—"} · Target ${values.target ?? "—"}`
          : "Not answered."}
        {values?.notes ? ` · ${values.notes}` : ""}
      </p>
    );
  }
  return (
    <ActionForm action={save} submitLabel={`Save ${subcategoryId}`} ariaLabel={`Answer ${subcategoryId}`} autoSave>
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <input type="hidden" name="subcategoryId" value={subcategoryId} />
      <input type="hidden" name="expectedVersion" value={values?.version ?? 0} />
      {values?.carriedOver && <p className="text-xs font-medium text-amber-800">Carried over from the previous assessment: review and save to confirm.</p>}
      <p className="text-xs text-slate-500">Changes save as you go: a score when you choose it, text when you leave the field.</p>
      {/* Turning N/A on waits for the reason (saving it alone would be refused); turning it off saves. */}
      <CheckboxField
        name="notApplicable"
        label={`${subcategoryId} does not apply (N/A)`}
        checked={na}
        onChange={(e) => {
          setNa(e.target.checked);
          keepDraft({ na: e.target.checked, reason });
        }}
        data-no-autosave={na ? undefined : ""}
      />
      {na ? (
        <>
          {/* The scores stay in the form while N/A is on, so turning N/A off again saves them, not blanks. */}
          <input type="hidden" name="current" value={current} />
          <input type="hidden" name="target" value={target} />
          <TextArea
            key={restored ? "restored" : "saved"}
            name="naReason"
            maxLength={TEXT_LIMITS.shortText}
            label="Why it does not apply"
            defaultValue={restored ? restored.reason : values?.naReason}
            required
            onInput={(e) => {
              setReason(e.currentTarget.value);
              keepDraft({ na: true, reason: e.currentTarget.value });
            }}
          />
          {!values?.notApplicable && !reason.trim() && (
            <p className="text-sm font-medium text-amber-900" role="status">
              N/A is not saved yet: say why {subcategoryId} does not apply. It is saved with its reason when you leave the field.
            </p>
          )}
        </>
      ) : (
        <div className="grid gap-3 md:grid-cols-2" aria-describedby={hintId}>
          <div>
            <SelectField
              name="current"
              label={`Current score for ${subcategoryId}`}
              options={SCORE_OPTIONS}
              placeholder="Not scored"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
            {criterion(current) && <p className="mt-1 text-xs text-slate-600">{criterion(current)}</p>}
          </div>
          <div>
            <SelectField
              name="target"
              label={`Target score for ${subcategoryId}`}
              options={SCORE_OPTIONS}
              placeholder="Not scored"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
            {criterion(target) && <p className="mt-1 text-xs text-slate-600">{criterion(target)}</p>}
          </div>
        </div>
      )}
      <p id={hintId} className="sr-only">
        Scale: 0 Not implemented, 1 Partially, 2 Largely, 3 Fully.
      </p>
      <TextArea name="notes" maxLength={TEXT_LIMITS.text} label={`Notes for ${subcategoryId}`} defaultValue={values?.notes} />
    </ActionForm>
  );
}

export function QuickCheckForm({
  action,
  assessmentId,
  questionKey,
  question,
  values,
  readOnly,
}: {
  action: FormAction;
  assessmentId: number;
  questionKey: string;
  question: string;
  values: { answer: string | null; note: string } | null;
  readOnly: boolean;
}) {
  if (readOnly)
    return (
      <p className="text-sm">
        {question} — <strong>{values?.answer ?? "not answered"}</strong>
        {values?.note ? ` (${values.note})` : ""}
      </p>
    );
  return (
    <ActionForm action={action} submitLabel="Save answer" inline ariaLabel={question}>
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <input type="hidden" name="questionKey" value={questionKey} />
      <fieldset className="flex flex-wrap items-center gap-3">
        <legend className="mb-1 w-full text-sm font-medium">{question}</legend>
        {(["yes", "partly", "no"] as const).map((v) => (
          <label key={v} className="inline-flex items-center gap-1 text-sm">
            <input type="radio" name="answer" value={v} defaultChecked={values?.answer === v} /> {v[0]!.toUpperCase() + v.slice(1)}
          </label>
        ))}
        <label className="inline-flex items-center gap-1 text-sm">
          Note <input name="note" defaultValue={values?.note} className="rounded border border-slate-300 px-2 py-1 text-sm" />
        </label>
      </fieldset>
    </ActionForm>
  );
}
