import { describe, expect, test } from "vitest";
import { csvField, escapeSpreadsheetText, toCsv } from "./spreadsheet";

describe("spreadsheet escaping", () => {
  test.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+1+1", "'+1+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["Syringe pumps", "Syringe pumps"],
    ["a=b", "a=b"],
  ])("%j → %j", (input, out) => expect(escapeSpreadsheetText(input)).toBe(out));

  test("CSV quoting follows RFC 4180 after escaping", () => {
    expect(csvField('He said "hi", then left')).toBe('"He said ""hi"", then left"');
    expect(csvField("=1,2")).toBe("\"'=1,2\"");
    expect(csvField(null)).toBe("");
    expect(csvField(3)).toBe("3");
    expect(toCsv([["a", "b"], ["c,d", "e"]])).toBe('a,b\r\n"c,d",e\r\n');
  });
});
