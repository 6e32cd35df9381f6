import { dateProblem, type DateRange } from "./common";

/**
 * Query parameters, one parser per kind (id, date, enum, page, int, flag, text). Pure: no Next.js, so route
 * handlers, pages and tests share it. A malformed value never throws: it is dropped and named in a sentence.
 */

export type Raw = string | string[] | undefined;
const first = (v: Raw): string | undefined => (Array.isArray(v) ? v[0] : v);
const MAX_ID = 2_147_483_647;

/** One query parameter: its parser returns the value, `undefined` when absent, or a sentence when malformed. */
export interface QueryParam<T> {
  parse(raw: Raw): { ok: true; value: T | undefined } | { ok: false; problem: string };
}

const absent = (v: string | undefined) => v === undefined || v.trim() === "";

/** Digits only, 1 … 2^31-1 ("1e3", "0x10", "-1" and " 5" are not ids). */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= MAX_ID ? n : null;
}

export const q = {
  /** A record id (site, party, user, class). */
  id(label: string): QueryParam<number> {
    return {
      parse(raw) {
        const v = first(raw);
        if (absent(v)) return { ok: true, value: undefined };
        const n = parseId(v!.trim());
        return n == null ? { ok: false, problem: `${label} "${clip(v!)}" is not a valid choice; it was ignored.` } : { ok: true, value: n };
      },
    };
  },
  /** A record id or one of a few words (a party id, or "none" for "no signed owner"). */
  idOr<const W extends string>(label: string, words: readonly W[]): QueryParam<number | W> {
    const id = q.id(label);
    return {
      parse(raw) {
        const v = first(raw)?.trim();
        return v !== undefined && (words as readonly string[]).includes(v) ? { ok: true, value: v as W } : id.parse(raw);
      },
    };
  },
  /** A calendar date (YYYY-MM-DD) inside a plausible range; see `calendarDate` in lib/validation/common.ts. */
  date(label: string, range: DateRange = { maxYearsAhead: 10 }): QueryParam<string> {
    return {
      parse(raw) {
        const v = first(raw)?.trim();
        if (absent(v)) return { ok: true, value: undefined };
        const problem = dateProblem(label, v!, range);
        return problem ? { ok: false, problem: `${problem} The ${label.toLowerCase()} filter was ignored.` } : { ok: true, value: v };
      },
    };
  },
  /** One of a fixed set of values (a status, a format). */
  enum<const T extends string>(label: string, values: readonly T[]): QueryParam<T> {
    return {
      parse(raw) {
        const v = first(raw);
        if (absent(v)) return { ok: true, value: undefined };
        return (values as readonly string[]).includes(v!)
          ? { ok: true, value: v as T }
          : { ok: false, problem: `${label} "${clip(v!)}" is not one of the choices; it was ignored.` };
      },
    };
  },
  /** A page number, 1 … 100,000; absent means page 1 (the caller's default). */
  page(): QueryParam<number> {
    return {
      parse(raw) {
        const v = first(raw);
        if (absent(v)) return { ok: true, value: undefined };
        const n = parseId(v!.trim());
        return n == null || n > 100_000 ? { ok: false, problem: `Page "${clip(v!)}" is not a page number; the first page is shown.` } : { ok: true, value: n };
      },
    };
  },
  /** A whole number in a range (a year). */
  int(label: string, min: number, max: number): QueryParam<number> {
    return {
      parse(raw) {
        const v = first(raw)?.trim();
        if (absent(v)) return { ok: true, value: undefined };
        const n = /^-?\d{1,9}$/.test(v!) ? Number(v) : Number.NaN;
        return Number.isInteger(n) && n >= min && n <= max
          ? { ok: true, value: n }
          : { ok: false, problem: `${label} "${clip(v!)}" must be a whole number from ${min} to ${max}; it was ignored.` };
      },
    };
  },
  /** A tick: "1", "on" or "true" is on; anything else off. Never a problem. */
  flag(): QueryParam<boolean> {
    return { parse: (raw) => ({ ok: true, value: ["1", "on", "true"].includes(first(raw) ?? "") ? true : undefined }) };
  },
  /** Free text such as a search box, trimmed and cut to `max` characters. */
  text(max = 200): QueryParam<string> {
    return {
      parse(raw) {
        const v = first(raw)
          ?.replace(/\p{Cc}/gu, "")
          .trim();
        return { ok: true, value: absent(v) ? undefined : v!.slice(0, max) };
      },
    };
  },
  /** Every value of a repeated key (?status=a&status=b), each one of `values`. */
  enumList<const T extends string>(label: string, values: readonly T[]): QueryParam<T[]> {
    return {
      parse(raw) {
        const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
        const bad = list.filter((v) => !(values as readonly string[]).includes(v));
        if (bad.length) return { ok: false, problem: `${label} "${clip(bad[0]!)}" is not one of the choices; it was ignored.` };
        return { ok: true, value: list.length ? (list as T[]) : undefined };
      },
    };
  },
};

function clip(v: string): string {
  const s = v.replace(/\p{Cc}/gu, "");
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

type Shape = Record<string, QueryParam<unknown>>;
export type ParsedQuery<S extends Shape> = { [K in keyof S]: S[K] extends QueryParam<infer T> ? T | undefined : never };

/**
 * Parses a page's search parameters against its shape. Unknown keys are ignored (links from elsewhere may
 * carry tracking or older filters); each malformed known key is dropped with a sentence in `problems`.
 */
export function parseQuery<S extends Shape>(shape: S, raw: Record<string, Raw> | URLSearchParams): { query: ParsedQuery<S>; problems: string[] } {
  const get = (k: string): Raw =>
    raw instanceof URLSearchParams ? (raw.getAll(k).length > 1 ? raw.getAll(k) : (raw.get(k) ?? undefined)) : Object.hasOwn(raw, k) ? raw[k] : undefined;
  const query = {} as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, param] of Object.entries(shape)) {
    const r = param.parse(get(key));
    if (r.ok) query[key] = r.value;
    else problems.push(r.problem);
  }
  return { query: query as ParsedQuery<S>, problems };
}

/** An export's refusal for the first problem of its filter: the page's sentence, then that nothing was exported. */
export function exportRefusal(problem: string): string {
  return `${problem.replace(/(;\s*it was ignored| The [a-z ]+ filter was ignored)\.$/, ".")} Nothing was exported: correct the filter and export again.`;
}
