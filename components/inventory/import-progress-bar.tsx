"use client";

import { useId } from "react";

export interface ImportProgressView {
  /** upload: the file is on its way (nothing reported yet); the others as reported by the server. */
  phase: "upload" | "check" | "match" | "commit" | "rematch";
  done: number;
  total: number;
  finished: boolean;
  /** Rows of the file read. */
  rows: number;
  /** Whether this run commits (after matching, the writes follow in one transaction). */
  committing: boolean;
}

const n = (x: number) => x.toLocaleString("en-US");

/** What the bar says, in words: the numbers are always text too, never only the bar's length. */
export function progressLabel(p: ImportProgressView): { title: string; text: string; determinate: boolean } {
  if (p.finished)
    return { title: p.committing ? "Import committed" : "Preview ready", text: p.rows > 0 ? `${n(p.rows)} of ${n(p.rows)} rows` : "", determinate: true };
  if (p.phase === "upload") return { title: "Sending the file", text: "waiting for the server", determinate: false };
  if (p.phase === "check") return { title: "Reading and checking rows", text: `${n(p.done)} of ${n(p.total)} rows`, determinate: true };
  // The writes are one transaction (all or nothing) that reports the devices written as it goes (decision 0041).
  if (p.phase === "commit") return { title: "Writing in one transaction", text: `${n(p.done)} of ${n(p.total)} devices`, determinate: true };
  // Committed; the advisories are re-matched against what the import touched, one at a time (decision 0043).
  if (p.phase === "rematch") return { title: "Committed — matching advisories", text: `${n(p.done)} of ${n(p.total)} advisories`, determinate: true };
  // Matching is done and the transaction has not reported yet.
  if (p.committing && p.done >= p.total) return { title: "Writing in one transaction", text: "starting", determinate: false };
  return { title: "Comparing with the inventory", text: `${n(p.done)} of ${n(p.total)} rows`, determinate: true };
}

/** The progress of a preview or commit: a native <progress> (announced by screen readers) with "N of M rows". */
export function ImportProgressBar({ progress }: { progress: ImportProgressView }) {
  const id = useId();
  const { title, text, determinate } = progressLabel(progress);
  return (
    <div className="space-y-1" aria-live="polite">
      <label htmlFor={id} className="flex justify-between text-sm text-slate-800">
        <span className="font-medium">{title}</span>
        <span>{text}</span>
      </label>
      {determinate ? (
        <progress
          id={id}
          max={Math.max(progress.total, 1)}
          value={progress.finished ? Math.max(progress.total, 1) : Math.min(progress.done, progress.total)}
          className="h-2 w-full"
        />
      ) : (
        <progress id={id} className="h-2 w-full" />
      )}
    </div>
  );
}
