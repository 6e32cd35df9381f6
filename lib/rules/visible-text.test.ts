import { expect, test } from "vitest";
import { z } from "zod";
import { hasVisibleText } from "./visible-text";
import { trimmed } from "@/lib/validation/common";

test.each([
  ["", false],
  [" \t\r\n", false],
  ["\u200b", false],
  ["\u200d\ufeff\u200e\u2060 ", false],
  ["ok", true],
  ["\u200bWO-1", true],
  ["é", true],
])("hasVisibleText(%j) is %s", (text, expected) => expect(hasVisibleText(text)).toBe(expected));

test("a required text of invisible characters only gets the required sentence", () => {
  const r = z.object({ reason: trimmed("Reason") }).safeParse({ reason: "\u200b" });
  expect(r.success).toBe(false);
  expect(r.error!.issues.map((i) => i.message)).toEqual(["Reason is required."]);
});
