import { describe, expect, test } from "vitest";
import {
  coreName,
  editDistance,
  fixMojibake,
  indexManufacturers,
  matchManufacturer,
  normaliseName,
  parentheticalAcronym,
  type KnownManufacturer,
} from "./manufacturer";

const KNOWN: KnownManufacturer[] = [
  { id: 1, name: "Philips", aliases: ["Philips Medical Systems"] },
  { id: 2, name: "GE Healthcare", aliases: ["General Electric (GE)", "Datex-Ohmeda Inc"] },
  { id: 3, name: "B. Braun", aliases: [] },
  { id: 4, name: "Becton, Dickinson and Company (BD)", aliases: [] },
  { id: 5, name: "Medtronic", aliases: [] },
  { id: 6, name: "Dräger", aliases: [] },
  { id: 7, name: "Baxter", aliases: [] },
  { id: 8, name: "Innokas Yhtymä Oy", aliases: [] },
];

describe("normalising a manufacturer's name", () => {
  test.each([
    ["Philips", "philips"],
    ["  PHILIPS  ", "philips"],
    ["Medtronic ", "medtronic"],
    ["Dräger", "drager"],
    ["DrÃ¤ger", "drager"],
    ["Innokas YhtymÃ¤ Oy", "innokas yhtyma oy"],
    ["Smith & Nephew, Inc.", "smith and nephew inc"],
    ["Invacare® HomeFill®", "invacare homefill"],
    ["B. Braun Melsungen AG", "b braun melsungen ag"],
  ])("%j → %j", (input, key) => expect(normaliseName(input)).toBe(key));

  test.each([
    ["YhtymÃ¤", "Yhtymä"],
    ["DrÃ¤ger", "Dräger"],
    ["Dräger", "Dräger"],
    ["â€™s", "’s"],
    ["Ã", "Ã"],
  ])("mojibake %j → %j", (input, out) => expect(fixMojibake(input)).toBe(out));

  test.each([
    ["GE Healthcare", "ge"],
    ["Philips Medical Systems", "philips"],
    ["General Electric (GE)", "general electric"],
    ["Medtronic Inc.", "medtronic"],
    ["B. Braun Melsungen AG", "b braun melsungen"],
    ["Healthcare", "healthcare"],
  ])("core of %j is %j", (input, core) => expect(coreName(input)).toBe(core));

  test.each([
    ["General Electric (GE)", "ge"],
    ["Becton, Dickinson and Company (BD)", "bd"],
    ["Natus Medical, Inc. (Natus)", "natus"],
    ["Philips", null],
  ])("acronym of %j is %j", (input, a) => expect(parentheticalAcronym(input)).toBe(a));

  test.each([
    ["philips", "phillips", 1],
    ["baxter", "baxtre", 1],
    ["abc", "abc", 0],
    ["kitten", "sitting", 3],
  ])("edit distance %s / %s = %i", (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe("matching a spelling to a known manufacturer", () => {
  test.each([
    ["Philips", 1, "exact"],
    ["philips ", 1, "exact"],
    ["Philips Medical Systems", 1, "exact"],
    ["PHILIPS HEALTHCARE", 1, "core"],
    ["Phillips", 1, "similar"],
    ["GE Healthcare", 2, "exact"],
    ["General Electric (GE)", 2, "exact"],
    ["GE", 2, "core"],
    ["GE Medical Systems", 2, "core"],
    ["DATEX-OHMEDA INC", 2, "exact"],
    ["B. Braun Medical", 3, "core"],
    ["B. Braun Melsungen AG", 3, "prefix"],
    ["b braun", 3, "exact"],
    ["BD", 4, "acronym"],
    ["Becton Dickinson", 4, "core"],
    ["Medtronic ", 5, "exact"],
    ["Medtronic Inc.", 5, "core"],
    ["DrÃ¤ger", 6, "exact"],
    ["Draeger", 6, "similar"],
    ["Innokas YhtymÃ¤ Oy", 8, "exact"],
    ["Baxter International Inc.", 7, "core"],
  ])("%j → manufacturer %i (%s)", (name, id, level) => expect(matchManufacturer(name, KNOWN)).toMatchObject({ id, level }));

  test.each([["Stryker"], ["Hamilton Medical AG"], [""], ["   "], ["Medical"], ["Dexter"]])("%j matches nobody", (name) =>
    expect(matchManufacturer(name, KNOWN)).toBeNull(),
  );

  test("an index answers the same as one-off matching, for many names", () => {
    const idx = indexManufacturers(KNOWN);
    for (const n of ["Phillips", "GE", "Stryker", "B. Braun Melsungen AG"]) expect(idx.match(n)).toEqual(matchManufacturer(n, KNOWN));
  });
});
