"use client";

import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { useFormState } from "./action-form";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600";

function useFieldErrors(name: string): string[] | undefined {
  const { state } = useFormState();
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

function FieldShell({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {/* A hint that says what the error says is left out: one sentence, once. */}
      {hint && !errors?.includes(hint) && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, errors?: string[]) {
  return [hint && !errors?.includes(hint) && `${id}-hint`, errors?.length && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

export function TextField({
  name,
  label,
  hint,
  type = "text",
  ...rest
}: { name: string; label: string; hint?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        name={name}
        type={type}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={control}
        {...rest}
      />
    </FieldShell>
  );
}

/**
 * A multi-line text field. With `maxLength` (one of TEXT_LIMITS in lib/validation/text-limits.ts) it shows how much is
 * used, and the browser stops typing at the limit, so a long text is never refused after it was written.
 */
export function TextArea({
  name,
  label,
  hint,
  maxLength,
  onInput,
  ...rest
}: { name: string; label: string; hint?: string } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const id = useId();
  const errors = useFieldErrors(name);
  const initial = typeof rest.value === "string" ? rest.value : typeof rest.defaultValue === "string" ? rest.defaultValue : "";
  const [length, setLength] = useState(initial.length);
  const described = [describedBy(id, hint, errors), maxLength ? `${id}-count` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={maxLength}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described}
        className={control}
        onInput={(e) => {
          setLength(e.currentTarget.value.length);
          onInput?.(e);
        }}
        {...rest}
      />
      {maxLength ? (
        <p id={`${id}-count`} className={cn("text-xs tabular-nums", length >= maxLength ? "font-medium text-red-800" : "text-slate-500")}>
          {length.toLocaleString("en-US")} of {maxLength.toLocaleString("en-US")} characters{length >= maxLength ? " — the limit" : ""}
        </p>
      ) : null}
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  options,
  placeholder,
  ...rest
}: {
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  placeholder?: string;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={control}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({
  name,
  label,
  hint,
  ...rest
}: { name: string; label: string; hint?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const id = useId();
  const errors = useFieldErrors(name);
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        className="mt-0.5 h-4 w-4 rounded border-slate-400"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...rest}
      />
      <div>
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        )}
        {errors?.length ? (
          <p id={`${id}-error`} className="text-sm text-red-700">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A group of checkboxes submitting `name[]` values (roles, parties). */
export function CheckboxGroup({
  name,
  legend,
  options,
  defaultValues = [],
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValues?: string[];
}) {
  const errors = useFieldErrors(name);
  const id = useId();
  return (
    <fieldset className="space-y-1" aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name={`${name}[]`}
              value={o.value}
              defaultChecked={defaultValues.includes(o.value)}
              className="h-4 w-4 rounded border-slate-400"
            />
            {o.label}
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={`${id}-error`} className={cn("text-sm text-red-700")}>
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
