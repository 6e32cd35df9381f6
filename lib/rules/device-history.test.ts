import { describe, expect, test } from "vitest";
import { decodeEventChanges, valuesAsImported, type FieldChange } from "./device-history";

describe("valuesAsImported (decision 0049)", () => {
  const now = { id: 9, assetTag: "A-1", serialNumber: "S3", location: "ICU", connected: true, hostname: null, status: "in_service", createdAt: "x" };

  test("with nothing after the import, the device's values now, without the empty ones and without non-import fields", () => {
    expect(valuesAsImported(now, [])).toEqual({
      assetTag: { old: null, new: "A-1" },
      serialNumber: { old: null, new: "S3" },
      location: { old: null, new: "ICU" },
      connected: { old: null, new: true },
      status: { old: null, new: "in_service" },
    });
  });

  test("later changes are undone newest first, whatever order they come in; other entries' keys are not device fields", () => {
    const later: { id: number; changes: Record<string, FieldChange> | null }[] = [
      { id: 12, changes: { serialNumber: { old: "S2", new: "S3" } } },
      { id: 11, changes: { serialNumber: { old: "S1", new: "S2" }, hostname: { old: "pump-1", new: null } } },
      { id: 13, changes: { recall: { old: null, new: "Z-1234-2026" }, state: { old: "outstanding", new: "done" } } },
      { id: 14, changes: null },
    ];
    const v = valuesAsImported(now, later);
    expect(v.serialNumber).toEqual({ old: null, new: "S1" });
    expect(v.hostname).toEqual({ old: null, new: "pump-1" });
    expect(v).not.toHaveProperty("recall");
    expect(valuesAsImported(now, [...later].reverse())).toEqual(v);
  });

  test("a field set after the import (null before) is left out", () => {
    expect(valuesAsImported(now, [{ id: 10, changes: { location: { old: null, new: "ICU" } } }])).not.toHaveProperty("location");
  });

  test("stored entries: null stays null; values-only imported entries read as pairs; pairs as they are", () => {
    expect(decodeEventChanges("imported", null)).toBeNull();
    expect(decodeEventChanges("imported", '{"a":"x","b":{"old":null,"new":2}}')).toEqual({ a: { old: null, new: "x" }, b: { old: null, new: 2 } });
    expect(decodeEventChanges("changed", '{"a":{"old":1,"new":2}}')).toEqual({ a: { old: 1, new: 2 } });
  });
});

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
