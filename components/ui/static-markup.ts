import { randomUUID } from "node:crypto";
import { isValidElement, type ReactNode } from "react";
import { escapeHtml } from "./html";
import { registerMarkup } from "./markup-registry";

/**
 * Server components rendered to a string once, for the read-only figures of the dashboard, a RACI class and
 * assessment results (issue #15, decision 0045).
 *
 * Why: on those pages every element costs React's work twice per request (serialised into the RSC payload, then
 * rendered to HTML from it) and their garbage, although the figures change only when someone writes. The read
 * models behind them are already cached per data version (decision 0007), and a cached value is the same object
 * until a counter moves; so the markup of a section is kept per that object (`markupOf`) and sent as one string.
 *
 * What it renders: host elements (HTML and SVG), fragments, arrays, text and numbers, and synchronous server
 * components (called as functions). Anything else — a client component (`next/link`, a form), an async component,
 * a context, a function-valued prop — throws: such a part must stay a React element of the page, so a silent loss of
 * behaviour is impossible. The output follows react-dom/server's `renderToStaticMarkup` for what it renders
 * (tests/components/static-markup.test.ts compares them on the sections themselves); text and attribute values are
 * escaped (& < > " '), so stored text can only ever be text.
 */

/** Form controls keep React's handling (value, name, actions): a form is never static markup. */
const FORM = new Set(["form", "input", "select", "textarea", "button", "option"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const FRAGMENT = Symbol.for("react.fragment");
const CLIENT_REFERENCE = Symbol.for("react.client.reference");

/** Props whose DOM attribute is named otherwise (React's own table, for the attributes these pages use). */
const ATTRIBUTE_NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  tabIndex: "tabindex",
  crossOrigin: "crossorigin",
  acceptCharset: "accept-charset",
  httpEquiv: "http-equiv",
  strokeWidth: "stroke-width",
  strokeDasharray: "stroke-dasharray",
  strokeLinecap: "stroke-linecap",
  strokeLinejoin: "stroke-linejoin",
  strokeOpacity: "stroke-opacity",
  fillOpacity: "fill-opacity",
  fillRule: "fill-rule",
  clipRule: "clip-rule",
  clipPath: "clip-path",
  textAnchor: "text-anchor",
  dominantBaseline: "dominant-baseline",
  alignmentBaseline: "alignment-baseline",
  fontSize: "font-size",
  fontWeight: "font-weight",
  fontFamily: "font-family",
  stopColor: "stop-color",
  stopOpacity: "stop-opacity",
  markerEnd: "marker-end",
  vectorEffect: "vector-effect",
  shapeRendering: "shape-rendering",
  xlinkHref: "xlink:href",
};

/** Attributes React writes as `name=""` when true and leaves out when false. */
const BOOLEAN_ATTRIBUTES = new Set(["hidden", "disabled", "checked", "selected", "readOnly", "required", "open", "multiple", "noValidate", "reversed"]);

/** Attributes React writes as "true"/"false" text (like aria-* and data-*). */
const BOOLEANISH = new Set(["contentEditable", "draggable", "spellCheck", "focusable", "autoReverse", "externalResourcesRequired", "preserveAlpha"]);

/** CSS properties whose bare numbers React leaves without `px` (the ones these pages could use). */
const UNITLESS = new Set(["opacity", "zIndex", "fontWeight", "lineHeight", "flex", "flexGrow", "flexShrink", "order", "zoom", "fillOpacity", "strokeOpacity"]);

function styleText(style: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(style)) {
    if (value === null || value === undefined || typeof value === "boolean" || value === "") continue;
    const name = key.startsWith("--") ? key : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^ms-/, "-ms-");
    const text = typeof value === "number" && value !== 0 && !UNITLESS.has(key) ? `${value}px` : String(value).trim();
    parts.push(`${name}:${text}`);
  }
  return parts.join(";");
}

function attributes(type: string, props: Record<string, unknown>): string {
  let out = "";
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || key === "key" || key === "ref" || key === "dangerouslySetInnerHTML" || key === "suppressHydrationWarning") continue;
    if (typeof value === "function" || typeof value === "symbol") {
      throw new TypeError(`static markup: <${type} ${key}> is a function; render this part as a React element instead.`);
    }
    if (value === null || value === undefined) continue;
    if (key === "style") {
      const text = styleText(value as Record<string, unknown>);
      if (text) out += ` style="${escapeHtml(text)}"`;
      continue;
    }
    const name = ATTRIBUTE_NAMES[key] ?? (BOOLEAN_ATTRIBUTES.has(key) ? key.toLowerCase() : key);
    if (BOOLEAN_ATTRIBUTES.has(key)) {
      if (value) out += ` ${name}=""`;
      continue;
    }
    if (typeof value === "boolean") {
      // aria-* and data-* keep "true"/"false" as text; any other attribute given a boolean is left out, as React does.
      if (key.startsWith("aria-") || key.startsWith("data-") || BOOLEANISH.has(key)) out += ` ${name}="${value}"`;
      continue;
    }
    out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

function render(node: ReactNode, out: string[]): void {
  if (node === null || node === undefined || typeof node === "boolean") return;
  if (typeof node === "string") {
    out.push(escapeHtml(node));
    return;
  }
  if (typeof node === "number" || typeof node === "bigint") {
    out.push(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) render(child as ReactNode, out);
    return;
  }
  if (!isValidElement(node)) throw new TypeError("static markup: only elements, text, numbers and arrays can be rendered.");
  const type: unknown = node.type;
  const props = node.props as Record<string, unknown> & { children?: ReactNode };
  if (type === FRAGMENT) {
    render(props.children, out);
    return;
  }
  if (typeof type === "string") {
    if (FORM.has(type)) throw new TypeError(`static markup: <${type}> is a form control; render the form as React elements instead.`);
    if (VOID.has(type)) {
      out.push(`<${type}${attributes(type, props)}/>`);
      return;
    }
    out.push(`<${type}${attributes(type, props)}>`);
    const inner = props.dangerouslySetInnerHTML as { __html?: string } | undefined;
    if (inner?.__html != null) out.push(inner.__html);
    else render(props.children, out);
    out.push(`</${type}>`);
    return;
  }
  if (typeof type === "function" && (type as { $$typeof?: symbol }).$$typeof !== CLIENT_REFERENCE) {
    const result = (type as (p: unknown) => ReactNode)(props);
    if (result instanceof Promise) throw new TypeError(`static markup: ${type.name || "a component"} is async; render it as a React element instead.`);
    render(result, out);
    return;
  }
  const name = (type as { name?: string; displayName?: string })?.displayName ?? (type as { name?: string })?.name ?? "a client component";
  throw new TypeError(`static markup: ${name} is not a server component; render it as a React element instead.`);
}

/** The markup of `node`, rendered without React's runtime (see above for what it accepts). */
export function staticMarkup(node: ReactNode): string {
  const out: string[] = [];
  render(node, out);
  return out.join("");
}

/** Markup made once, with an id unique to this process and content (markup-registry.ts, static-island.tsx). */
export interface StaticMarkup {
  id: string;
  html: string;
}

const memo = new WeakMap<object, Map<string, StaticMarkup>>();
const PER_OBJECT = 16;
const PROCESS = randomUUID().slice(0, 8);
let made = 0;

/**
 * The markup of `build()`, kept per `source` — a cached read model, the same object until one of its data-version
 * counters moves, so a committed write from any process yields a new object and new markup — and per `key`, which
 * must name every other input of `build` (the site, the day, the viewer's rights). Each use registers it for the
 * HTML render of this process (markup-registry.ts).
 */
export function markupOf(source: object, key: string, build: () => ReactNode): StaticMarkup {
  return rememberMarkup(source, key, () => staticMarkup(build()));
}

/** markupOf for markup already built as a string (the `html` template of components/ui/html.ts). */
export function rememberMarkup(source: object, key: string, build: () => string): StaticMarkup {
  let byKey = memo.get(source);
  if (!byKey) memo.set(source, (byKey = new Map()));
  let markup = byKey.get(key);
  if (markup === undefined) {
    markup = { id: `${PROCESS}-${(made += 1)}`, html: build() };
    if (byKey.size >= PER_OBJECT) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, markup);
  }
  registerMarkup(markup.id, markup.html);
  return markup;
}
