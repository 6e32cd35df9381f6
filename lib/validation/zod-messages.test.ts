import { describe, expect, test } from "vitest";
import { z } from "zod";
import { installZodMessages } from "./zod-messages";
import { upsertDevicesBody } from "./api";

installZodMessages();

const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("zod's library text becomes a sentence (found by a probe of the API)", () => {
  test("checks without a message of their own", () => {
    const s = z.object({ source: z.string().max(100), n: z.number().int().min(1), kind: z.enum(["a", "b"]), tags: z.array(z.string()).max(2) }).strict();
    expect(messages(s, { n: 0, kind: "c", tags: ["x", "y", "z"], colour: "red" })).toEqual([
      "source: This field is required.",
      "n: At least 1.",
      "kind: Choose one of: a, b.",
      "tags: At most 2 items.",
      ": This field is not part of this form or request: colour. Leave it out.",
    ]);
    expect(messages(s, { source: "x".repeat(101), n: "5", kind: "a", tags: [] })).toEqual(["source: At most 100 characters.", "n: Give a number here."]);
    expect(messages(z.coerce.number(), "abc")).toEqual([": Enter a number."]);
    for (const m of [...messages(s, {}), ...messages(s, { source: 1, n: 1.5, kind: 2, tags: "x" })])
      expect(m).not.toMatch(/Invalid|expected|received|Too (big|small)/);
  });

  test("positive ids and safe-integer bounds read as what to give (found by a second probe: 'At least 0.' for -1)", () => {
    const id = z.coerce.number().int().positive();
    expect(messages(id, "-1")).toEqual([": Give a number greater than 0."]);
    expect(messages(id, "0")).toEqual([": Give a number greater than 0."]);
    expect(messages(id, "99999999999999999999")).toEqual([": The number is too large."]);
    expect(messages(z.number().lt(10), 10)).toEqual([": Less than 10."]);
  });

  test("a message the schema gives keeps precedence", () => {
    expect(messages(z.string().max(3, "Three letters at most."), "abcd")).toEqual([": Three letters at most."]);
  });

  test("the device bulk upsert's field errors read as sentences", () => {
    const r = messages(upsertDevicesBody, { devices: [{ assetTag: "A", status: "lost" }] });
    expect(r.length).toBeGreaterThan(0);
    for (const m of r) expect(m).not.toMatch(/Invalid input|expected|received/);
  });
});
