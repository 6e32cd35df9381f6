import { describe, expect, test } from "vitest";
import { csvField, escapeSpreadsheetText, toCsv } from "./spreadsheet";

describe("spreadsheet formula escaping (CWE-1236)", () => {
  test.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ["+1+1", "'+1+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\r=1+1", "'\r=1+1"],
    ["=", "'="],
    ["Syringe pumps", "Syringe pumps"],
    ["a=b", "a=b"],
    ["inherited from template", "inherited from template"],
    [" =1+1", " =1+1"],
    ["", ""],
    // Issue #10, finding 20: a trigger after a separator starts a cell in a semicolon locale; full-width triggers.
    ['x;=HYPERLINK("http://x")', `'x;=HYPERLINK("http://x")`],
    ["a,+1", "'a,+1"],
    ["note\t@SUM(A1)", "'note\t@SUM(A1)"],
    ["line\n-2", "'line\n-2"],
    ["\uFF1DHYPERLINK(1)", "'\uFF1DHYPERLINK(1)"],
    ["\uFF0B1", "'\uFF0B1"],
    ["\uFF0D1", "'\uFF0D1"],
    ["\uFF20SUM(A1)", "'\uFF20SUM(A1)"],
    ["x;\uFF1D1", "'x;\uFF1D1"],
    ["2026-11-28", "2026-11-28"],
  ])("%j → %j", (input, out) => expect(escapeSpreadsheetText(input)).toBe(out));

  test("escaping is not repeated on text that is already safe", () => {
    expect(escapeSpreadsheetText(escapeSpreadsheetText("=1+1"))).toBe("'=1+1");
  });
});

describe("CSV (RFC 4180)", () => {
  test.each([
    ['He said "hi", then left', '"He said ""hi"", then left"'],
    ["=1,2", '"\'=1,2"'],
    ["two\r\nlines", '"two\r\nlines"'],
    ["one\nline break", '"one\nline break"'],
    ["plain", "plain"],
    ["-1", "'-1"],
    ['x;=HYPERLINK("http://x")', `"'x;=HYPERLINK(""http://x"")"`], // quoted: a semicolon locale cannot split it
  ])("text %j → %j", (input, out) => expect(csvField(input)).toBe(out));

  test.each([
    [null, ""],
    [undefined, ""],
    [3, "3"],
    [-3, "-3"],
    [true, "true"],
  ])("value %j → %j (numbers stay numbers)", (input, out) => expect(csvField(input)).toBe(out));

  test("rows end with CRLF, an empty row is an empty line", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["c,d", "e"],
      ]),
    ).toBe('a,b\r\n"c,d",e\r\n');
    expect(toCsv([["a"], [], ["b"]])).toBe("a\r\n\r\nb\r\n");
  });
});
