import { describe, expect, test } from "vitest";
import { decodeEventChanges } from "./device-history";

describe("decodeEventChanges", () => {
  test("an imported device's compact values read as { old: null, new } pairs", () => {
    expect(decodeEventChanges("imported", JSON.stringify({ assetTag: "A1", siteId: 3, connected: false, hostname: null }))).toEqual({
      assetTag: { old: null, new: "A1" },
      siteId: { old: null, new: 3 },
      connected: { old: null, new: false },
      hostname: { old: null, new: null },
    });
  });
  test("entries stored as pairs (older imports, changes, retirements) read as they are", () => {
    const pairs = { serialNumber: { old: null, new: "SN1" } };
    expect(decodeEventChanges("imported", JSON.stringify(pairs))).toEqual(pairs);
    const changed = { location: { old: "ICU", new: "ER" } };
    expect(decodeEventChanges("changed", JSON.stringify(changed))).toEqual(changed);
  });
  test("no changes stay null", () => {
    expect(decodeEventChanges("imported", null)).toBeNull();
    expect(decodeEventChanges("note", "")).toBeNull();
  });
});
