import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { fastCsvFits, fastCsvRecords } from "./csv-fast";

// The fast tokenizer must give exactly csv-parse's records and lines (the import's options) or decline.
function viaCsvParse(text: string, delimiter: string, fromLine: number) {
  const out = parse(text, {
    delimiter,
    from_line: fromLine,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1_000_000,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return out.map((r) => ({ line: r.info.lines, cells: r.record }));
}

const SAMPLES: [string, string, number][] = [
  ["a,b,c\r\n1,2,3\r\n", ",", 1],
  ["a,b,c\n1,2,3", ",", 1],
  ["title\n\na,b\n1,2\n\n3,4\n", ",", 3],
  ['a,b\n"x, y","he said ""hi"""\n"",\n,\n', ",", 1],
  ["a;b\r1;2\r3;4\r", ";", 1],
  ["a\tb\n1\t\t\n", "\t", 1],
  ["x\r\ny\r\n\r\na,b\r\n1,2,3,4\r\n5\r\n", ",", 3],
];

describe("fast CSV tokenizer", () => {
  it.each(SAMPLES)("matches csv-parse on %j", (text, delimiter, fromLine) => {
    expect(fastCsvFits(text, delimiter, 1_000_000)).toBe(true);
    expect([...fastCsvRecords(text, delimiter, fromLine)]).toEqual(viaCsvParse(text, delimiter, fromLine));
  });

  it.each([
    ['a,b\n1,x"y\n', "a quote inside a plain field"],
    ['a,b\n"1"x,2\n', "text after a closing quote"],
    ['a,b\n"1\n2",3\n', "a line break inside quotes"],
    ["a,b\r\n1,2\n3,4\r\n", "mixed line endings"],
    ['a,b\n"1,2\n', "an unclosed quote"],
  ])("declines %j (%s)", (text) => {
    expect(fastCsvFits(text, ",", 1_000_000)).toBe(false);
  });

  it("declines a record over the size limit", () => {
    expect(fastCsvFits(`a,b\n${"x".repeat(20)},1\n`, ",", 10)).toBe(false);
  });

  it("matches csv-parse across its 4 MiB slices", () => {
    const lines = ["Asset,Maker,Note"];
    for (let i = 0; i < 120_000; i++) lines.push(i % 97 === 0 ? "" : `A${i},"Becton, Dickinson","n ""${i}"""`);
    const text = lines.join("\r\n");
    expect(fastCsvFits(text, ",", 1_000_000)).toBe(true);
    expect([...fastCsvRecords(text, ",", 1)]).toEqual(viaCsvParse(text, ",", 1));
  });

  it("matches csv-parse on the real inventory export", () => {
    const text = fs.readFileSync(path.resolve(process.cwd(), "../shared/data/device-inventory/ewh_TestCustomHospitalInventory.csv"), "utf8");
    const fits = fastCsvFits(text, ",", 1_000_000);
    if (fits) expect([...fastCsvRecords(text, ",", 1)]).toEqual(viaCsvParse(text, ",", 1));
  });
});
