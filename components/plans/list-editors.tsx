"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { PlanContact, PlanStep } from "@/lib/rules/plans";
import { useFormState } from "@/components/forms/action-form";
import { buttonClass } from "@/components/ui/button";

type Opt = { value: string; label: string };

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600";

function useFieldErrors(name: string): string[] | undefined {
  const { state } = useFormState();
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

/**
 * Rows kept in component state, submitted as one JSON field. The row controls have no `name`, so
 * only the JSON reaches the server (the draft schema rejects unknown keys). Focus follows the row
 * that was added, moved or removed, and each change is announced to screen readers.
 */
function useRows<T>(initial: readonly T[]) {
  const [rows, setRows] = useState(() => initial.map((value, key) => ({ key, value })));
  const nextKey = useRef(initial.length);
  const pendingFocus = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  return {
    rows,
    announcement,
    focusNext(id: string) {
      pendingFocus.current = id;
    },
    announce: setAnnouncement,
    add(value: T) {
      const key = nextKey.current++;
      setRows((r) => [...r, { key, value }]);
      return key;
    },
    update(key: number, patch: Partial<T>) {
      setRows((r) => r.map((x) => (x.key === key ? { ...x, value: { ...x.value, ...patch } } : x)));
    },
    remove(index: number) {
      setRows((r) => r.filter((_, i) => i !== index));
    },
    move(index: number, by: -1 | 1) {
      setRows((r) => {
        const to = index + by;
        if (to < 0 || to >= r.length) return r;
        const next = [...r];
        [next[index], next[to]] = [next[to]!, next[index]!];
        return next;
      });
    },
  };
}

function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="text-sm text-red-700">
      {errors.join(" ")}
    </p>
  ) : null;
}

const small = buttonClass("secondary", "sm");

/** Ordered response steps: who (party and role) does what. */
export function StepsEditor({ initial, parties }: { initial: readonly PlanStep[]; parties: Opt[] }) {
  const base = useId();
  const errors = useFieldErrors("steps");
  const r = useRows(initial.map((s) => ({ partyId: s.partyId == null ? "" : String(s.partyId), role: s.role, action: s.action })));
  const fid = (key: number, part: string) => `${base}-step-${key}-${part}`;
  const json = JSON.stringify(r.rows.map(({ value: v }) => ({ partyId: v.partyId ? Number(v.partyId) : null, role: v.role, action: v.action })));
  const last = r.rows.length - 1;

  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? `${base}-error` : `${base}-hint`}>
      <legend className="text-sm font-medium text-slate-800">Response steps</legend>
      <p id={`${base}-hint`} className="text-xs text-slate-500">
        In the order they are carried out. Every step needs an action.
      </p>
      <input type="hidden" name="steps" value={json} />
      {r.rows.length === 0 ? (
        <p className="text-sm text-slate-600">No steps yet.</p>
      ) : (
        <ol className="space-y-3">
          {r.rows.map(({ key, value }, i) => {
            const n = i + 1;
            return (
              <li key={key} className="rounded-md border border-slate-200 p-3">
                <p className="mb-2 text-sm font-semibold">Step {n}</p>
                <div className="grid gap-3 md:grid-cols-2">
                  <div className="space-y-1">
                    <label htmlFor={fid(key, "party")} className="block text-sm font-medium text-slate-800">
                      Step {n} party
                    </label>
                    <select id={fid(key, "party")} className={control} value={value.partyId} onChange={(e) => r.update(key, { partyId: e.target.value })}>
                      <option value="">No party</option>
                      {parties.map((p) => (
                        <option key={p.value} value={p.value}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="space-y-1">
                    <label htmlFor={fid(key, "role")} className="block text-sm font-medium text-slate-800">
                      Step {n} role
                    </label>
                    <input
                      id={fid(key, "role")}
                      className={control}
                      maxLength={120}
                      value={value.role}
                      onChange={(e) => r.update(key, { role: e.target.value })}
                      placeholder="e.g. On-call biomed engineer"
                    />
                  </div>
                </div>
                <div className="mt-3 space-y-1">
                  <label htmlFor={fid(key, "action")} className="block text-sm font-medium text-slate-800">
                    Step {n} action
                  </label>
                  <textarea
                    id={fid(key, "action")}
                    rows={2}
                    className={control}
                    maxLength={2000}
                    value={value.action}
                    onChange={(e) => r.update(key, { action: e.target.value })}
                    aria-invalid={errors?.length && !value.action.trim() ? true : undefined}
                  />
                </div>
                <div className="mt-2 flex flex-wrap gap-2">
                  <button
                    type="button"
                    id={fid(key, "up")}
                    className={small}
                    disabled={i === 0}
                    onClick={() => {
                      r.move(i, -1);
                      r.focusNext(fid(key, i - 1 === 0 ? "down" : "up"));
                      r.announce(`Step ${n} moved up; it is now step ${n - 1}.`);
                    }}
                  >
                    Move step {n} up
                  </button>
                  <button
                    type="button"
                    id={fid(key, "down")}
                    className={small}
                    disabled={i === last}
                    onClick={() => {
                      r.move(i, 1);
                      r.focusNext(fid(key, i + 1 === last ? "up" : "down"));
                      r.announce(`Step ${n} moved down; it is now step ${n + 1}.`);
                    }}
                  >
                    Move step {n} down
                  </button>
                  <button
                    type="button"
                    className={buttonClass("ghost", "sm")}
                    onClick={() => {
                      const neighbour = r.rows[i + 1] ?? r.rows[i - 1];
                      r.remove(i);
                      r.focusNext(neighbour ? fid(neighbour.key, "party") : `${base}-add`);
                      r.announce(`Step ${n} removed.`);
                    }}
                  >
                    Remove step {n}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        id={`${base}-add`}
        className={small}
        onClick={() => {
          const key = r.add({ partyId: "", role: "", action: "" });
          r.focusNext(fid(key, "party"));
          r.announce(`Step ${r.rows.length + 1} added.`);
        }}
      >
        Add step
      </button>
      <p className="sr-only" aria-live="polite">
        {r.announcement}
      </p>
      <ErrorText id={`${base}-error`} errors={errors} />
    </fieldset>
  );
}

/** People to call: name, role, phone. */
export function ContactsEditor({ initial }: { initial: readonly PlanContact[] }) {
  const base = useId();
  const errors = useFieldErrors("contacts");
  const r = useRows(initial.map((c) => ({ name: c.name, role: c.role, phone: c.phone })));
  const fid = (key: number, part: string) => `${base}-contact-${key}-${part}`;
  const json = JSON.stringify(r.rows.map(({ value }) => value));

  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? `${base}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Contacts</legend>
      <input type="hidden" name="contacts" value={json} />
      {r.rows.length === 0 ? (
        <p className="text-sm text-slate-600">No contacts yet.</p>
      ) : (
        <ol className="space-y-3">
          {r.rows.map(({ key, value }, i) => {
            const n = i + 1;
            const field = (part: "name" | "role" | "phone", label: string, extra: React.InputHTMLAttributes<HTMLInputElement>) => (
              <div className="space-y-1">
                <label htmlFor={fid(key, part)} className="block text-sm font-medium text-slate-800">
                  Contact {n} {label}
                </label>
                <input id={fid(key, part)} className={control} value={value[part]} onChange={(e) => r.update(key, { [part]: e.target.value })} {...extra} />
              </div>
            );
            return (
              <li key={key} className="rounded-md border border-slate-200 p-3">
                <div className="grid gap-3 md:grid-cols-3">
                  {field("name", "name", { maxLength: 160, autoComplete: "off", "aria-invalid": errors?.length && !value.name.trim() ? true : undefined })}
                  {field("role", "role", { maxLength: 160, autoComplete: "off" })}
                  {field("phone", "phone", { maxLength: 60, type: "tel", autoComplete: "off" })}
                </div>
                <div className="mt-2">
                  <button
                    type="button"
                    className={buttonClass("ghost", "sm")}
                    onClick={() => {
                      const neighbour = r.rows[i + 1] ?? r.rows[i - 1];
                      r.remove(i);
                      r.focusNext(neighbour ? fid(neighbour.key, "name") : `${base}-add`);
                      r.announce(`Contact ${n} removed.`);
                    }}
                  >
                    Remove contact {n}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        id={`${base}-add`}
        className={small}
        onClick={() => {
          const key = r.add({ name: "", role: "", phone: "" });
          r.focusNext(fid(key, "name"));
          r.announce(`Contact ${r.rows.length + 1} added.`);
        }}
      >
        Add contact
      </button>
      <p className="sr-only" aria-live="polite">
        {r.announcement}
      </p>
      <ErrorText id={`${base}-error`} errors={errors} />
    </fieldset>
  );
}
