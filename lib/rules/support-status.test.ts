import { describe, expect, test } from "vitest";
import { supportDateProblems, supportEndsOn, supportStatus, supportStatusBounds } from "./support-status";

const TODAY = "2026-06-15";

describe("OEM support status from the model's dates, with today passed in", () => {
  test.each([
    [{}, "unknown"],
    [{ endOfSale: "2020-01-01" }, "unknown"],
    [{ endOfSupport: "2030-01-01" }, "supported"],
    [{ endOfSecurityPatches: "2030-01-01" }, "supported"],
    [{ endOfSupport: "2030-01-01", endOfSecurityPatches: "2026-12-31" }, "ending"],
    [{ endOfSupport: "2027-06-15" }, "ending"],
    [{ endOfSupport: "2027-06-16" }, "supported"],
    [{ endOfSupport: "2026-06-16" }, "ending"],
    [{ endOfSupport: "2026-06-15" }, "unsupported"],
    [{ endOfSupport: "2019-03-31", endOfSale: "2015-01-01" }, "unsupported"],
    [{ endOfSupport: "2031-01-01", endOfSecurityPatches: "2025-01-01" }, "unsupported"],
  ] as const)("%j → %s", (dates, status) => expect(supportStatus(dates, TODAY)).toBe(status));

  test("end of sale after end of support contradicts itself; patches may outlast support", () => {
    expect(supportDateProblems({ endOfSale: "2030-01-01", endOfSupport: "2020-01-01" })).toEqual({
      endOfSale: "End of sale (2030-01-01) is after end of support (2020-01-01): a model is not sold after its maker stops supporting it.",
    });
    expect(supportDateProblems({ endOfSale: "2020-01-01", endOfSupport: "2020-01-01" })).toEqual({});
    expect(supportDateProblems({ endOfSale: "2030-01-01" })).toEqual({});
    expect(supportDateProblems({ endOfSupport: "2020-01-01", endOfSecurityPatches: "2023-01-01" })).toEqual({});
  });

  test("the binding date is the earlier of end of support and end of security patches", () => {
    expect(supportEndsOn({ endOfSupport: "2030-01-01", endOfSecurityPatches: "2028-01-01", endOfSale: "2020-01-01" })).toBe("2028-01-01");
    expect(supportEndsOn({ endOfSale: "2020-01-01" })).toBeNull();
  });

  test("the bounds of a server-side filter agree with the rule at month ends and leap days", () => {
    expect(supportStatusBounds("2024-02-29")).toEqual({ today: "2024-02-29", warnUntil: "2025-02-28" });
    expect(supportStatus({ endOfSupport: "2025-02-28" }, "2024-02-29")).toBe("ending");
    expect(supportStatus({ endOfSupport: "2025-03-01" }, "2024-02-29")).toBe("supported");
  });
});
