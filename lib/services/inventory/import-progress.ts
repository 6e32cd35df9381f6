import { clock } from "@/lib/clock";
import type { ImportProgress } from "./plan-import";

/**
 * Where each running preview or commit is (issue #12's progress bar), kept in the server's memory: the page polls it
 * while its server action runs. Not in the database: during the commit the only writer is the import's own
 * transaction, whose rows nobody else can see before COMMIT, and a progress row is not governed data. One server
 * process holds the database (SQLite, decision 0001), so one process holds the progress too (decision 0024).
 *
 * Kept on globalThis so the server action and the route handler share it whatever module copies the bundler makes.
 */

export interface ImportJobProgress extends ImportProgress {
  /** True once the preview or commit has returned (or failed). */
  finished: boolean;
  /** Rows of the file read so far (the check phase's count). */
  rows: number;
}

interface Entry {
  actorId: number;
  progress: ImportJobProgress;
  touched: number;
}

/** Entries are dropped this long after their last report, and the oldest beyond MAX_JOBS. */
const KEEP_MS = 15 * 60 * 1000;
const MAX_JOBS = 200;
const JOB_ID = /^[A-Za-z0-9-]{8,64}$/;
const KEY = Symbol.for("clearline.importProgress");

function jobs(): Map<string, Entry> {
  const g = globalThis as { [KEY]?: Map<string, Entry> };
  return (g[KEY] ??= new Map());
}

/** A job id as the page sends it (a random UUID); anything else is not tracked. */
export function isImportJobId(v: unknown): v is string {
  return typeof v === "string" && JOB_ID.test(v);
}

/** Starts tracking a preview or commit; `report` is the import's onProgress, `finish` marks it returned. */
export function trackImportProgress(actorId: number, jobId: string): { report: (p: ImportProgress) => void; finish: () => void } {
  const all = jobs();
  const now = clock.ms();
  for (const [k, e] of all) if (now - e.touched > KEEP_MS) all.delete(k);
  while (all.size >= MAX_JOBS) all.delete(all.keys().next().value!);
  const entry: Entry = { actorId, progress: { phase: "check", done: 0, total: 0, finished: false, rows: 0 }, touched: now };
  all.delete(jobId);
  all.set(jobId, entry);
  return {
    report: (p) => {
      entry.progress = { ...p, finished: false, rows: p.phase === "check" ? p.done : entry.progress.rows };
      entry.touched = clock.ms();
    },
    finish: () => {
      entry.progress = { ...entry.progress, finished: true };
      entry.touched = clock.ms();
    },
  };
}

/** The progress of one of the actor's own jobs; null when unknown (or someone else's). */
export function readImportProgress(actorId: number, jobId: string): ImportJobProgress | null {
  const e = jobs().get(jobId);
  return e && e.actorId === actorId ? { ...e.progress } : null;
}
