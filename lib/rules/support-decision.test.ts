import { describe, expect, test } from "vitest";
import { decisionForDevice, supportDecisionStatus } from "./support-decision";

describe("replace-or-mitigate decision status, from the signature and the review date", () => {
  test.each([
    [{ approved: false, reviewOn: "2026-01-01" }, "2026-06-15", "awaiting_approval"],
    [{ approved: false, reviewOn: "2027-01-01" }, "2026-06-15", "awaiting_approval"],
    [{ approved: true, reviewOn: "2026-06-15" }, "2026-06-15", "approved"],
    [{ approved: true, reviewOn: "2026-06-14" }, "2026-06-15", "review_overdue"],
    [{ approved: true, reviewOn: "2027-06-15" }, "2026-06-15", "approved"],
  ] as const)("%j on %s → %s", (d, today, status) => expect(supportDecisionStatus(d, today)).toBe(status));
});

describe("which decision covers a device", () => {
  const ds = [
    { id: 1, modelId: 7, siteId: null },
    { id: 2, modelId: 7, siteId: 3 },
    { id: 3, modelId: 7, siteId: null },
    { id: 4, modelId: 8, siteId: 3 },
  ];
  test.each([
    [{ modelId: 7, siteId: 3 }, 2],
    [{ modelId: 7, siteId: 1 }, 3],
    [{ modelId: 8, siteId: 1 }, null],
    [{ modelId: 9, siteId: 3 }, null],
  ])("%j → decision %s", (device, id) => expect(decisionForDevice(ds, device)?.id ?? null).toBe(id));
});
