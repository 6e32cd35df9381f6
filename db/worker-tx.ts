import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Db } from "./client";
import { registerSliceWriter, sqliteOf } from "./client";
import { AppError, IMPORT_WRITING_MESSAGE } from "@/lib/errors";

/** [sql, width, params]: run the statement once per `width` parameters (width 0: once, without parameters). */
export type WorkerOp = [sql: string, width: number, params: unknown[]];

/** An error the worker's SQLite connection raised, with its SQLite code (SQLITE_CONSTRAINT_…), like better-sqlite3's. */
export class WorkerSqliteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "SqliteError";
  }
}

/**
 * The worker's heap: it holds only the batches waiting for it and its prepared statements. Bounds that make V8 collect
 * early rather than let each batch's garbage pile up beside the main thread's (a crash at the bound would roll back).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 };

/** Batches sent but not yet run before `send` waits: enough to keep the worker busy, bounded so memory is too. */
const MAX_IN_FLIGHT = 4;

/**
 * One write transaction (BEGIN IMMEDIATE … COMMIT) on a connection of its own in a worker thread (decision 0046):
 * the caller builds SQL and parameters on the main thread and sends them in batches; the worker runs them while the
 * caller goes on. Like writeTxInSlices it registers as the database's sliced writer, so other writes wait at their
 * door or are refused with IMPORT_WRITING_MESSAGE instead of sleeping in SQLite's busy handler. All or nothing: an
 * error in any batch rolls everything back (the next `send`, `flush` or `commit` throws it), and a crash or kill -9
 * leaves nothing. Only for database files: an in-memory database has no second connection.
 */
export class WorkerTx {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly inFlight: Promise<void>[] = [];
  private failure: Error | null = null;
  private closed = false;
  /** The thread has ended (terminated, crashed, out of memory): nothing posted to it is answered any more. */
  private exited = false;

  private constructor(
    file: string,
    private readonly release: () => void,
  ) {
    this.worker = new Worker(path.join(process.cwd(), "db", "tx-worker.mjs"), {
      workerData: { file },
      resourceLimits: WORKER_LIMITS,
    });
    this.worker.on("message", (m: { id: number; ok: boolean; error?: { message: string; code?: string } }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) w?.resolve();
      else {
        const e = new WorkerSqliteError(m.error?.message ?? "The write failed.", m.error?.code);
        this.failure ??= e;
        w?.reject(e);
      }
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", () => {
      this.exited = true;
      this.fail(new Error("The database writer stopped."));
    });
  }

  private fail(e: Error) {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }

  /** Transactions begun in this process (tests check which path an import took). */
  static begun = 0;

  /** Starts the transaction: resolves once the worker holds the write lock. */
  static async begin(db: Db): Promise<WorkerTx> {
    WorkerTx.begun++;
    const main = sqliteOf(db);
    if (main.memory) throw new Error("WorkerTx needs a database file.");
    const release = registerSliceWriter(main, null);
    if (!release) throw new AppError("CONFLICT", IMPORT_WRITING_MESSAGE);
    let tx: WorkerTx;
    try {
      tx = new WorkerTx(main.name, release);
    } catch (e) {
      // The thread could not even be created (ERR_WORKER_INIT_FAILED: the system refused a thread).
      release();
      throw e;
    }
    try {
      await tx.call({ op: "begin" });
    } catch (e) {
      await tx.close();
      throw e;
    }
    return tx;
  }

  /** `evenAfterFailure`: the rollback, which the worker answers after a failed statement too. */
  private call(msg: Record<string, unknown>, evenAfterFailure = false): Promise<void> {
    if (this.exited) return Promise.reject(this.failure ?? new Error("The database writer stopped."));
    if (this.failure && !evenAfterFailure) return Promise.reject(this.failure);
    const id = ++this.next;
    const p = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, ...msg });
    return p;
  }

  /**
   * Sends a batch; waits only while MAX_IN_FLIGHT batches are still to run. Throws a failure seen so far. `onRun`:
   * called once the worker has run the batch.
   */
  async send(ops: WorkerOp[], onRun?: () => void): Promise<void> {
    if (this.failure) throw this.failure;
    if (ops.length === 0) {
      onRun?.();
      return;
    }
    const p = this.call({ op: "ops", ops }).then(onRun);
    p.catch(() => {});
    this.inFlight.push(p);
    while (this.inFlight.length > MAX_IN_FLIGHT) await this.inFlight.shift();
  }

  /** Waits until every batch sent has run; throws the first failure. */
  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
    if (this.failure) throw this.failure;
  }

  /** Runs what is left, then COMMIT. The transaction is over either way (rolled back on failure). */
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.call({ op: "commit" });
    } finally {
      await this.close();
    }
  }

  /** ROLLBACK (nothing written), and the worker ends. Safe to call more than once. */
  async rollback(): Promise<void> {
    if (this.closed) return;
    try {
      this.inFlight.length = 0;
      // A thread that has ended answers nothing (and its connection, closed with it, never committed).
      if (!this.exited) await this.call({ op: "rollback" }, true).catch(() => {});
    } finally {
      await this.close();
    }
  }

  private async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.worker.terminate();
    } finally {
      this.release();
    }
  }
}
