import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { compareVersions, matchVersion, parseVersionSpec, type MatchConfidence } from "./advisory-version";

describe("comparing device versions", () => {
  test.each([
    ["2.3.5", "2.3.5", 0],
    ["2.3", "2.3.0", 0],
    ["2.3.4", "2.3.5", -1],
    ["2.10", "2.9", 1],
    ["B.06.17", "B.06.18", -1],
    ["B.06.18", "b.6.18", 0],
    ["v20D30", "v20D29", 1],
    ["v20D30", "v22D24", -1],
    ["2.6", "2.6A", -1],
    ["012U000039", "012U000040", -1],
    ["12.2.8.409", "12.2.8.410", -1],
    ["C.02", "B.02", 1],
    ["12.1.3", "B.06.18", null],
    ["", "1.0", null],
  ] as const)("%s vs %s → %s", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

/** Version texts taken as written from the 22 CISA advisories in ../shared/data/csaf-icsma. */
describe("reading advisory version texts and matching a device version", () => {
  test.each<[string, string | null, boolean, MatchConfidence]>([
    ["vers:all/*", "1.0", true, "version_match"],
    ["vers:all/*", null, true, "version_match"],
    ["< B.06.18", "B.06.17", true, "version_match"],
    ["< B.06.18", "B.06.18", false, "version_match"],
    ["<=2.3.5", "2.3.5", true, "version_match"],
    ["<=2.3.5", "2.3.6", false, "version_match"],
    ["<12.2.8.410", "12.2.8.409", true, "version_match"],
    ["<=12.1.3", "12.1.4", false, "version_match"],
    ["24950 | 24952", "24952", true, "version_match"],
    ["24950 | 24952", "24951", false, "version_match"],
    ["HD 16 | HD23", "HD16", true, "version_match"],
    ["SV20.1 | SV23.0", "SV23.0", true, "version_match"],
    [">= 4.01 | <= 4.34", "4.20", true, "version_match"],
    [">= 4.01 | <= 4.34", "4.35", false, "version_match"],
    [">= 4.01 | <= 4.34", "3.99", false, "version_match"],
    [">=BT02 | <= BT06", "BT04", true, "version_match"],
    [">=BT02 | <= BT06", "BT08", false, "version_match"],
    [">= 2003 | <= 2006", "2005", true, "version_match"],
    [">= 1.3.4 | < 1.5.3", "1.5.3", false, "version_match"],
    ["vers:intdot/>=2.5|<=3.11", "3.0", true, "version_match"],
    ["14.x", "14.2", true, "version_match"],
    ["5.x.x", "5.1.9", true, "version_match"],
    ["4.X | 5.X", "6.0", false, "version_match"],
    ["<= 11.x", "11.9", true, "version_match"],
    ["<= 11.x", "12.0", false, "version_match"],
    ["< 3.x", "2.9", true, "version_match"],
    ["2.3.6 and  below", "2.3.6", true, "version_match"],
    ["<= 1.54 (integrated into GE MobileLink)", "1.53", true, "version_match"],
    ["<= 2.01 (end-of-life Nov 2017)", "2.02", false, "version_match"],
    ["* (end-of-life 2011)", "9", true, "version_match"],
    ["<= U61 |<= L81", "L80", true, "version_match"],
    ["<= 2.6A", "2.6", true, "version_match"],
    ["<= 2.6A", "2.7", false, "version_match"],
    // A release named without its build number covers its builds (ICSMA-20-254-01 "<=N", "C.02"; ICSMA-17-250-02A "1.6").
    ["<=N", "N.00.04", true, "version_match"],
    ["<=N", "P.01.00", false, "version_match"],
    ["C.02", "C.02.05", true, "version_match"],
    ["C.02", "C.03.01", false, "version_match"],
    ["1.1 | 1.6 | 1.5", "1.6.1", true, "version_match"],
    ["1.1 | 1.6 | 1.5", "1.7", false, "version_match"],
    ["<=12.3", "12.3.1", true, "version_match"],
    ["<=12.3", "12.4", false, "version_match"],
    ["< 12.3", "12.3.1", false, "version_match"],
    // Version unknown on the device: the model matched, the version cannot say more.
    ["<=2.3.5", null, true, "model_match_version_unknown"],
    ["<=2.3.5", "  ", true, "model_match_version_unknown"],
    // What cannot be read exactly is a possible match for a person to confirm, never a silent "not affected".
    ["<8/30/2024", "1.0", true, "possible"],
    ["<  july 1 2017", "1.0", true, "possible"],
    ["<May 2018", "1.0", true, "possible"],
    ["v8.x model 35700BAX2", "8.1", true, "possible"],
    ["v6.x (with Wireless Battery Modules v9 | v11 | >= v20D29 | <= v20D32)", "6.1", true, "possible"],
    ["MMT-512 / MMT-712 Paradigm x12", null, true, "possible"],
    ["7100 | 7900 | 100 | Protiva Carestation View", "7100", true, "possible"],
    ["A10 < A11", "A10", true, "possible"],
    ["* running on old, unsupported operating systems such as Windows 2000", "1", true, "possible"],
    ["<=11.2 on Windows 8.1 with IIS 7.5", "11.0", true, "possible"],
    ["Rev B-M", "Rev C", true, "possible"],
    ["< B.06.18", "12.1", true, "possible"],
    ["", "1.0", true, "possible"],
  ])("%j with device version %j → affected %s (%s)", (text, device, affected, confidence) => {
    const v = matchVersion(parseVersionSpec(text), device);
    expect({ affected: v.affected, confidence: v.confidence }).toEqual({ affected, confidence });
    expect(v.reason.length).toBeGreaterThan(10);
  });

  test("a possible match says what could not be read", () => {
    expect(matchVersion(parseVersionSpec("<8/30/2024"), "1.0").reason).toMatch(/possible match — confirm: the version is given as a date/);
    expect(matchVersion(parseVersionSpec("< B.06.18"), "12.1").reason).toMatch(/cannot be compared/);
  });

  const flattened = path.resolve(process.cwd(), "../shared/data/csaf-icsma/icsma_all_flattened.csv");
  test.skipIf(!fs.existsSync(flattened))("every version text of all 144 advisories is read without an error, most of them exactly", () => {
    const lines = fs.readFileSync(flattened, "utf8").split("\n").slice(1).filter(Boolean);
    // The `version` column is the 8th; quoted fields may hold commas, so take it from a proper split.
    const versions = new Set<string>();
    for (const line of lines) {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
      versions.add(cells[7]!);
    }
    const kinds = { all: 0, constraints: 0, unparsed: 0 };
    for (const v of versions) kinds[parseVersionSpec(v).kind]++;
    expect(versions.size).toBeGreaterThan(200);
    // Most texts are read exactly; the rest go to a person, and are counted so a regression shows.
    expect(kinds.all + kinds.constraints).toBeGreaterThan(versions.size * 0.6);
    expect(kinds.unparsed).toBeGreaterThan(0);
  });
});
