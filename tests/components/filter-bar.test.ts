import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { FilterBar, type FilterField } from "@/components/ui/filter-bar";

const fields: FilterField[] = [
  {
    kind: "select",
    name: "site",
    label: "Site",
    value: 2,
    all: "All sites",
    options: [
      { value: 1, label: "North" },
      { value: 2, label: "South & East" },
    ],
  },
  { kind: "text", name: "q", label: "Class name contains", value: "pumps", type: "search" },
  { kind: "date", name: "from", label: "From (UTC date)", value: "2026-01-31" },
  { kind: "checkbox", name: "overdue", label: "Overdue only", checked: true },
];

const render = (props: Partial<Parameters<typeof FilterBar>[0]> = {}) =>
  renderToStaticMarkup(createElement(FilterBar, { label: "Filter drills", fields, clearHref: "/drills", ...props }));

/** The attributes of an opening tag, in any order. */
function attrs(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}
const formTag = (html: string) => attrs(/^<form[^>]*>/.exec(html)![0]);

/** Parses the markup with the same rules a browser's label lookup uses: for= pointing at an existing id. */
function labelled(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<label for="([^"]+)"[^>]*>([^<]+)<\/label>/g)) {
    const control = new RegExp(`<(select|input)[^>]*id="${m[1]}"[^>]*>`).exec(html);
    if (control) out[m[2]!] = control[0];
  }
  return out;
}

describe("FilterBar", () => {
  test("every field has a label bound to its control, named as the query parameter, holding the current value", () => {
    const html = render();
    const byLabel = labelled(html);
    expect(Object.keys(byLabel)).toEqual(["Site", "Class name contains", "From (UTC date)", "Overdue only"]);
    expect(attrs(byLabel.Site!).name).toBe("site");
    expect(html).toMatch(/<option value="2" selected="">South &amp; East<\/option>/);
    expect(html).toContain('<option value="">All sites</option>');
    expect(attrs(byLabel["Class name contains"]!)).toMatchObject({ type: "search", name: "q", value: "pumps" });
    expect(attrs(byLabel["From (UTC date)"]!)).toMatchObject({ type: "date", name: "from", value: "2026-01-31" });
    expect(attrs(byLabel["Overdue only"]!)).toMatchObject({ type: "checkbox", name: "overdue", value: "1", checked: "" });
  });

  test("a GET form named for assistive technology, with Apply and Clear", () => {
    const html = render();
    expect(formTag(html)).toMatchObject({ method: "get", "aria-label": "Filter drills" });
    expect(formTag(html).role).toBeUndefined();
    expect(html).toContain('<button type="submit"');
    expect(html).toContain(">Apply filters</button>");
    expect(html).toMatch(/<a [^>]*href="\/drills"[^>]*>Clear<\/a>/);
  });

  test("Clear is left out when nothing is filtered; the search landmark and the submit label are the page's choice", () => {
    const html = render({ showClear: false, search: true, submitLabel: "Filter", action: "/inventory" });
    expect(html).not.toContain(">Clear<");
    expect(formTag(html)).toMatchObject({ method: "get", action: "/inventory", role: "search", "aria-label": "Filter drills" });
    expect(html).toContain(">Filter</button>");
  });

  test("kept query parameters travel as hidden fields; empty ones do not", () => {
    const html = render({ keep: { gap: "stale", advisory: 7, device: undefined, other: "" } });
    expect(html).toContain('<input type="hidden" name="gap" value="stale"/>');
    expect(html).toContain('<input type="hidden" name="advisory" value="7"/>');
    expect(html).not.toContain('name="device"');
    expect(html).not.toContain('name="other"');
  });

  test("an unset select selects the empty option; all: false leaves it out", () => {
    const html = render({ fields: [{ kind: "select", name: "year", label: "Year", value: undefined, all: false, options: [{ value: 2026, label: "2026" }] }] });
    expect(html).not.toContain('<option value="">');
    const unset = render({
      fields: [{ kind: "select", name: "status", label: "Status", value: null, all: "All statuses", options: [{ value: "open", label: "Open" }] }],
    });
    expect(unset).toContain('<option value="" selected="">All statuses</option>');
  });
});
