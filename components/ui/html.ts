import { badgeClass, type BadgeTone } from "./badge";

/**
 * Markup built as a string, for the long, read-only parts of list pages (decision 0038).
 *
 * Why: each React element of a server component costs the same work twice per request — serialised into the RSC
 * payload, then rendered to HTML from it — and a page of 50 ranked rows is ~1,250 elements. Measured on the patch
 * queue (scripts/bench.mjs, docs/benchmark.md): the rows cost more than the signed-in shell and all the page's
 * queries together. Written as one string, the rows travel as one escaped string in the payload and are written to
 * the HTML as they are.
 *
 * Safety: `html` is a tagged template. Every interpolated value is escaped for HTML text and double-quoted
 * attribute values (& < > " '), unless it is itself `Html` (made by `html`), so untrusted text — an advisory
 * title, an asset tag, a CMMS location — can only ever be text. Arrays are joined; null, undefined and false
 * render nothing. There is no way to mark a plain string as trusted: `Html` can only be made by this template (its
 * constructor needs a module-private token), so anything that is not escaped came from it. URLs are built from numeric ids and fixed paths only (never a stored URL: a `javascript:` link would
 * pass escaping). tests/components/html.test.ts holds these rules.
 */
const MADE_HERE = Symbol("html");

export class Html {
  constructor(
    token: typeof MADE_HERE,
    readonly value: string,
  ) {
    if (token !== MADE_HERE) throw new TypeError("Html is made only by the html template.");
  }
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

/** React's escaping (it writes ' as &#x27;), so markup made here and by static-markup.ts escapes alike. */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return "";
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return (p as readonly Part[]).map(render).join("");
  return escapeHtml(String(p));
}

/**
 * A template's fixed text without the line breaks and indentation its source layout adds (Prettier formats these
 * templates like markup): a break between two tags goes, any other break with its indentation becomes one space —
 * which is how HTML shows it anyway, so the page reads the same in fewer bytes (each byte of a list's rows is sent
 * three times: in the HTML, in the RSC payload and in that payload's inline copy). Only the template's own text is
 * touched, never an interpolated value. Computed once per template: a call site's strings array is the same object
 * on every call.
 */
const compacted = new WeakMap<TemplateStringsArray, readonly string[]>();
function compact(strings: TemplateStringsArray): readonly string[] {
  let out = compacted.get(strings);
  if (!out) compacted.set(strings, (out = strings.map((s) => s.replace(/>\s*\n\s*</g, "><").replace(/\s*\n\s*/g, " "))));
  return out;
}

export function html(template: TemplateStringsArray, ...values: Part[]): Html {
  const strings = compact(template);
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(MADE_HERE, out);
}

/** The badge of components/ui/badge.tsx, as markup: text carries the meaning, the tone only reinforces it. */
export function badgeHtml(tone: BadgeTone, text: string, className?: string): Html {
  return html`<span class="${badgeClass(tone, className)}">${text}</span>`;
}
