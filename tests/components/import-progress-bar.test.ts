import { describe, expect, test } from "vitest";
import { progressLabel, type ImportProgressView } from "@/components/inventory/import-progress-bar";

const view = (p: Partial<ImportProgressView>): ImportProgressView => ({ phase: "check", done: 0, total: 0, finished: false, rows: 0, committing: true, ...p });

describe("the import's progress bar in words", () => {
  test("during the commit it counts the devices written, as a determinate bar (decision 0041)", () => {
    expect(progressLabel(view({ phase: "commit", done: 12_000, total: 200_000, rows: 200_000 }))).toEqual({
      title: "Writing in one transaction",
      text: "12,000 of 200,000 devices",
      determinate: true,
    });
  });

  test("between the end of matching and the transaction's first report it says the writing is starting, without a count", () => {
    expect(progressLabel(view({ phase: "match", done: 5000, total: 5000, rows: 5000 }))).toEqual({
      title: "Writing in one transaction",
      text: "starting",
      determinate: false,
    });
    // A preview never writes: the end of its matching is not announced as writing.
    expect(progressLabel(view({ phase: "match", done: 5000, total: 5000, rows: 5000, committing: false })).title).toBe("Comparing with the inventory");
  });

  test("after the COMMIT it counts the advisories re-matched, so the page does not look frozen (decision 0043)", () => {
    expect(progressLabel(view({ phase: "rematch", done: 40, total: 144, rows: 200_000 }))).toEqual({
      title: "Committed — matching advisories",
      text: "40 of 144 advisories",
      determinate: true,
    });
  });

  test("once committed it ends on the rows of the file", () => {
    expect(progressLabel(view({ phase: "commit", done: 4000, total: 4000, rows: 5000, finished: true }))).toEqual({
      title: "Import committed",
      text: "5,000 of 5,000 rows",
      determinate: true,
    });
  });
});
