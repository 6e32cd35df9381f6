import { describe, expect, test } from "vitest";
import { accuracyFigures, accuracyScore, duplicateKey, inventoryCutoff } from "./inventory-accuracy";

describe("inventory accuracy figures", () => {
  const counts = {
    devices: 200,
    withClass: 190,
    withLocation: 199,
    connected: 80,
    connectedWithAddress: 60,
    notInventoried: 12,
    probableDuplicates: 4,
    models: 40,
    modelsUnknownSupport: 7,
  };

  test("shares round down and counts keep their denominator", () => {
    const f = Object.fromEntries(accuracyFigures(counts).map((x) => [x.key, x]));
    expect(f.class).toMatchObject({ value: 190, of: 200, percent: 95 });
    expect(f.location).toMatchObject({ value: 199, of: 200, percent: 99 });
    expect(f.address).toMatchObject({ value: 60, of: 80, percent: 75 });
    expect(f.stale).toMatchObject({ kind: "count", value: 12, percent: 6 });
    expect(f.duplicates).toMatchObject({ kind: "count", value: 4 });
    expect(f.unknownSupport).toMatchObject({ value: 7, of: 40, percent: 17 });
    expect(accuracyScore(accuracyFigures(counts))).toBe(Math.floor((95 + 99.5 + 75) / 3));
  });

  test("an empty inventory has nothing to measure rather than 0 % or 100 %", () => {
    const empty = accuracyFigures({
      devices: 0,
      withClass: 0,
      withLocation: 0,
      connected: 0,
      connectedWithAddress: 0,
      notInventoried: 0,
      probableDuplicates: 0,
      models: 0,
      modelsUnknownSupport: 0,
    });
    expect(empty.every((f) => f.percent === null)).toBe(true);
    expect(accuracyScore(empty)).toBeNull();
  });

  test.each([
    ["2026-06-15", "2025-06-15"],
    ["2024-02-29", "2023-02-28"],
  ])("cutoff for %s is %s", (today, cutoff) => expect(inventoryCutoff(today)).toBe(cutoff));

  test.each([
    [{ manufacturerId: 1, modelId: 2, serialNumber: " ab12 " }, "1|2|AB12"],
    [{ manufacturerId: 1, modelId: null, serialNumber: "AB12" }, null],
    [{ manufacturerId: 1, modelId: 2, serialNumber: "" }, null],
    [{ manufacturerId: 1, modelId: 2, serialNumber: null }, null],
  ])("duplicate key of %j", (d, key) => expect(duplicateKey(d)).toBe(key));
});
