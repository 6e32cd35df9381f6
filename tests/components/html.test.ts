import { describe, expect, test } from "vitest";
import { badgeHtml, escapeHtml, html, Html } from "@/components/ui/html";

/** Whitespace between tags, which Prettier's formatting of `html` templates adds and HTML ignores. */
const squash = (h: Html) => h.value.replace(/>\s+</g, "><").trim();

/** Decision 0038: list rows written as markup strings. Untrusted text must only ever become text. */
describe("html tagged template", () => {
  test("every interpolated string is escaped for text and double-quoted attributes", () => {
    const evil = `"><script>alert('x')</script><img src=x onerror=alert(1)>&`;
    const out = html`<td title="${evil}">${evil}</td>`.value;
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("<img");
    expect(out).toBe(
      `<td title="&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;</td>`,
    );
    expect(escapeHtml(`a&b<c>"d'`)).toBe("a&amp;b&lt;c&gt;&quot;d&#x27;");
  });

  test("nested html is kept as markup, arrays are joined, null/undefined/false render nothing, numbers print", () => {
    const cells = ["A&B", "C"].map((t) => html`<td>${t}</td>`);
    expect(
      squash(
        html`<tr>
          ${cells}
        </tr>`,
      ),
    ).toBe("<tr><td>A&amp;B</td><td>C</td></tr>");
    expect(squash(html`<p>${null}${undefined}${false}${0}${12.5}</p>`)).toBe("<p>012.5</p>");
    expect(squash(html`${html`<b>${"<i>"}</b>`}`)).toBe("<b>&lt;i&gt;</b>");
  });

  test("the template's own line breaks and indentation are dropped between tags and become one space in text; values keep theirs", () => {
    const value = "line one\n   line two";
    // The layout below is the point of the test: Prettier must leave it as it is.
    // prettier-ignore
    const out = html`<tr>
      <td>
        ${value}
      </td>
      <td>waiting for the
        Accountable lead</td>
    </tr>`.value;
    expect(out).toBe("<tr><td> line one\n   line two </td><td>waiting for the Accountable lead</td></tr>");
  });

  test("a plain string can never pass as markup; only the template makes Html", () => {
    // An object that merely looks like Html is escaped as text (its toString), not trusted.
    const fake = { value: "<script>x</script>", toString: () => "<script>x</script>" } as unknown as string;
    expect(squash(html`${fake}`)).toBe("&lt;script&gt;x&lt;/script&gt;");
    // Nor can Html be made outside the template.
    expect(() => new (Html as unknown as new (t: symbol, v: string) => Html)(Symbol("html"), "<b>forged</b>")).toThrow(TypeError);
  });

  test("a badge carries its words and its tone class", () => {
    expect(badgeHtml("bad", "Overdue <1 day>", "mr-1").value).toBe('<span class="badge badge-bad mr-1">Overdue &lt;1 day&gt;</span>');
  });
});
