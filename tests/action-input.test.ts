import { describe, expect, test } from "vitest";
import { z } from "zod";
import { actionInput, isSameOrigin } from "@/lib/server/action";

const schema = z.strictObject({ name: z.string() });
const form = (entries: [string, string | File][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as { code: string; message: string };
  }
  return null;
};

describe("issue #10, finding 20: what the action door refuses before any schema", () => {
  test("a __proto__ field is refused by name (it used to vanish, so the strict schema passed)", () => {
    expect(
      refusal(() =>
        actionInput(
          form([
            ["name", "Westfield"],
            ["__proto__", "x"],
          ]),
        ),
      ),
    ).toMatchObject({ code: "VALIDATION", message: 'This request has a field named "__proto__", which is not accepted.' });
    expect(refusal(() => actionInput(JSON.parse('{"name":"a","__proto__":{"admin":true}}') as Record<string, unknown>))).toMatchObject({ code: "VALIDATION" });
    expect(
      refusal(() =>
        actionInput(
          form([
            ["name", "a"],
            ["constructor", "x"],
          ]),
        ),
      ),
    ).toMatchObject({ code: "VALIDATION" });
  });

  test("NUL characters in text and control characters in an upload's name are refused", () => {
    expect(refusal(() => actionInput(form([["name", "West\u0000field"]])))).toMatchObject({
      message: "A field contains a NUL character, which cannot be stored. Remove it and try again.",
    });
    expect(refusal(() => actionInput({ nested: { list: ["ok", "b\u0000d"] } }))).toMatchObject({ code: "VALIDATION" });
    const file = new File(["a,b\n"], 'x.csv"\r\nContent-Type: text/html', { type: "text/csv" });
    expect(refusal(() => actionInput(form([["file", file]])))).toMatchObject({
      message: "The file's name contains a line break or another control character. Rename the file and try again.",
    });
  });

  test("other control characters (BEL, ESC, DEL) are refused on the field that holds them; tabs and line breaks pass (found by a probe)", () => {
    for (const v of ["WO\u0007", "\u001b[31mred", "x\u007f"]) {
      expect(refusal(() => actionInput(form([["reason", v]])))).toMatchObject({
        code: "VALIDATION",
        fieldErrors: { reason: [expect.stringMatching(/^This field holds control characters/)] },
      });
    }
    // Tabs, line breaks, and the vertical tab of a soft line break pasted from Word pass (found in review).
    expect(actionInput(form([["notes", "line one\r\nline two\tend\u000bsoft\u000cpage"]]))).toMatchObject({
      notes: "line one\r\nline two\tend\u000bsoft\u000cpage",
    });
  });

  test("ordinary input passes unchanged and still meets the strict schema", () => {
    const input = actionInput(form([["name", "Westfield Clinic — Nord"]]));
    expect(schema.safeParse(input)).toMatchObject({ success: true, data: { name: "Westfield Clinic — Nord" } });
    expect(
      schema.safeParse(
        actionInput(
          form([
            ["name", "a"],
            ["status", "approved"],
          ]),
        ),
      ).success,
    ).toBe(false);
  });

  test.each([
    ["http://localhost:3000", "localhost:3000", true],
    ["https://evil.example", "localhost:3000", false],
    ["null", "localhost:3000", false],
    [null, "localhost:3000", false],
    ["http://localhost:3000.evil.example", "localhost:3000", false], // look-alike
    ["http://localhost:3000@evil.example", "localhost:3000", false],
    ["http://localhost", "localhost:3000", false],
  ])("Origin %j for host %s → same origin %s", (origin, host, same) => {
    expect(isSameOrigin(origin, host)).toBe(same);
  });
});
