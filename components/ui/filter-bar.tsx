import Link from "next/link";
import { buttonClass } from "./button";
import { cn } from "./cn";
import { html } from "./html";

/** One choice of a select; `value` is what goes in the URL. */
export type FilterOption = { value: string | number; label: string };

const derivedOptions = new WeakMap<object, readonly FilterOption[]>();

/**
 * A select's options derived from a list that is shared between requests (a cached read model such as the
 * inventory's ~420 classes, models, makers and sites): built once per list, so the same array comes back and its
 * markup is built once too (optionsHtml). A new list (the cache moved) gives new options.
 */
export function optionsOf<S extends object>(source: S, build: (source: S) => FilterOption[]): readonly FilterOption[] {
  let options = derivedOptions.get(source);
  if (!options) derivedOptions.set(source, (options = build(source)));
  return options;
}

type Common = {
  /** The query parameter's name. */
  name: string;
  /** The visible label; tests and screen readers find the control by it, so it is part of the page's contract. */
  label: string;
  /** Grid classes for this field (e.g. "sm:col-span-2"). */
  className?: string;
};

/**
 * A filter bar's fields, declared as data. `all` is the first, empty option ("All sites"); `all: false` leaves it
 * out when the select always has a value (a year, a site-bound user's only site).
 */
export type FilterField =
  | (Common & { kind: "select"; value: string | number | null | undefined; options: readonly FilterOption[]; all?: string | false; required?: boolean })
  | (Common & { kind: "text"; value: string | null | undefined; type?: "text" | "search"; maxLength?: number; placeholder?: string })
  | (Common & { kind: "date"; value: string | null | undefined })
  | (Common & { kind: "checkbox"; checked: boolean | null | undefined });

const control = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * A list page's filters as a plain GET form, so every filtered list has its own URL (dashboard links, bookmarks)
 * and works without JavaScript. The page reads the same names back through `parseQuery`
 * (lib/validation/query.ts) and shows what it could not use with `QueryProblems`.
 *
 * `keep` carries query parameters the bar does not show (a drill-down from the dashboard such as `?gap=stale`)
 * through "Apply" as hidden fields; "Clear" goes to `clearHref` with none of them.
 */
export function FilterBar({
  label,
  fields,
  action,
  clearHref,
  showClear = true,
  clearLabel = "Clear",
  submitLabel = "Apply filters",
  keep,
  search = false,
  idPrefix = "f",
  className = "mb-4 flex flex-wrap items-end gap-3",
  children,
}: {
  /** The form's accessible name ("Filter drills"). */
  label: string;
  fields: readonly FilterField[];
  /** Where the form submits; the current path when absent. */
  action?: string;
  /** The unfiltered list; no "Clear" link when absent. */
  clearHref?: string;
  /** Show "Clear" only when something is filtered. */
  showClear?: boolean;
  clearLabel?: string;
  submitLabel?: string;
  keep?: Record<string, string | number | null | undefined>;
  /** Landmark role "search" instead of a named form. */
  search?: boolean;
  /** Prefix of the controls' ids, unique per page when a page has two bars. */
  idPrefix?: string;
  className?: string;
  /** Content after the buttons (an export link that uses the same filters). */
  children?: React.ReactNode;
}) {
  return (
    <form method="get" action={action} role={search ? "search" : undefined} aria-label={label} className={className}>
      {fields.map((f) => (
        <FilterControl key={f.name} field={f} id={`${idPrefix}-${f.name}`} />
      ))}
      {Object.entries(keep ?? {}).map(([name, value]) =>
        value == null || value === "" ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
      )}
      <div className="flex items-end gap-3">
        <button type="submit" className={buttonClass("primary", "sm")}>
          {submitLabel}
        </button>
        {clearHref && showClear && (
          <Link href={clearHref} className="pb-1.5 text-sm">
            {clearLabel}
          </Link>
        )}
      </div>
      {children}
    </form>
  );
}

function FilterControl({ field: f, id }: { field: FilterField; id: string }) {
  if (f.kind === "checkbox") {
    return (
      <div className={cn("flex items-center gap-2 pb-1.5", f.className)}>
        <input id={id} type="checkbox" name={f.name} value="1" defaultChecked={Boolean(f.checked)} className="h-4 w-4 rounded border-slate-400" />
        <label htmlFor={id} className="text-sm">
          {f.label}
        </label>
      </div>
    );
  }
  return (
    <div className={cn("space-y-1", f.className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {f.label}
      </label>
      {f.kind === "select" ? (
        <select id={id} name={f.name} required={f.required} className={control} dangerouslySetInnerHTML={{ __html: optionsHtml(f) }} />
      ) : f.kind === "date" ? (
        <input id={id} type="date" name={f.name} defaultValue={f.value ?? ""} className={control} />
      ) : (
        <input
          id={id}
          type={f.type ?? "text"}
          name={f.name}
          defaultValue={f.value ?? ""}
          maxLength={f.maxLength ?? 200}
          placeholder={f.placeholder}
          className={control}
        />
      )}
    </div>
  );
}

/**
 * A select's options as markup (decision 0038): the inventory's filter alone has ~420 (classes, models, makers,
 * sites), each an element rendered twice per request as a component. The chosen one carries `selected`, as React
 * would write it for `defaultValue`; every label and value is escaped.
 */
function optionsHtml(f: Extract<FilterField, { kind: "select" }>): string {
  const chosen = f.value == null ? "" : String(f.value);
  const key = `${chosen}\u0000${f.all === false ? "\u0000" : (f.all ?? "All")}`;
  let byChoice = optionMarkup.get(f.options);
  if (!byChoice) optionMarkup.set(f.options, (byChoice = new Map()));
  const hit = byChoice.get(key);
  if (hit !== undefined) return hit;
  const option = (value: string, label: string) =>
    value === chosen ? html`<option value="${value}" selected="">${label}</option>` : html`<option value="${value}">${label}</option>`;
  const made = html`${f.all !== false && option("", f.all ?? "All")}${f.options.map((o) => option(String(o.value), o.label))}`.value;
  // Bounded: one entry per chosen value a page was asked with (a few hundred at most for the longest list).
  if (byChoice.size >= 512) byChoice.clear();
  byChoice.set(key, made);
  return made;
}

/** Markup per options array and chosen value: the same array (optionsOf) on every request gives the same markup. */
const optionMarkup = new WeakMap<readonly FilterOption[], Map<string, string>>();
