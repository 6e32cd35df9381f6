import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";
import { clock } from "@/lib/clock";
import { AppError, IMPORT_WRITING_MESSAGE } from "@/lib/errors";

export type Db = BetterSQLite3Database<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the connection or an open transaction: helpers that write inside a use case take this. */
export type DbOrTx = Db | Tx;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Opens a SQLite database with the pragmas Clearline relies on: WAL for concurrent readers,
 * synchronous=FULL so a committed signature or audit row survives power loss, foreign keys on,
 * and a busy timeout so a writer waits rather than failing while another commits.
 */
export function openSqlite(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  if (file !== ":memory:") sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

export function createDb(file: string): { db: Db; sqlite: Database.Database } {
  const sqlite = openSqlite(file);
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, sqlite };
}

/**
 * The better-sqlite3 connection under a drizzle database or transaction, for prepared statements on hot paths (one
 * statement prepared once and run 100,000 times costs a fraction of building each through drizzle). drizzle attaches
 * it as `$client` on the database and keeps it as `session.client` in a transaction; the same connection either way,
 * so statements run inside the caller's transaction.
 */
export function sqliteOf(db: DbOrTx): Database.Database {
  const d = db as DbOrTx & { $client?: Database.Database; session?: { client?: Database.Database } };
  const client = d.$client ?? d.session?.client;
  if (!client) throw new Error("No better-sqlite3 connection under this drizzle database.");
  return client;
}

/**
 * Runs `fn` in a write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE), so two
 * writers never deadlock upgrading read locks. better-sqlite3 transactions are synchronous: `fn`
 * must not be async.
 */
export function writeTx<T>(db: Db, fn: (tx: Tx) => T): T {
  const sqlite = sqliteOf(db);
  const writer = sliceWriters().get(sqlite.name);
  // While a sliced transaction holds the write lock on its own connection, BEGIN IMMEDIATE here would wait in SQLite's
  // busy handler, which sleeps on this (the only) thread, so the sliced writer could not go on either: refused at once.
  if (writer && writer.connection !== sqlite) throw new AppError("CONFLICT", IMPORT_WRITING_MESSAGE);
  return db.transaction(fn, { behavior: "immediate" });
}

interface SliceWriter {
  /** The sliced transaction's connection on this thread; null when it runs in a worker thread (worker-tx.ts). */
  connection: Database.Database | null;
  /** Settles when the transaction has committed or rolled back. */
  done: Promise<void>;
}

/** Database file → the sliced write transaction open on it (kept on globalThis: one per process). */
function sliceWriters(): Map<string, SliceWriter> {
  const key = Symbol.for("clearline.sliceWriters");
  const g = globalThis as { [key]?: Map<string, SliceWriter> };
  return (g[key] ??= new Map());
}

/**
 * Waits, without blocking the event loop, until no sliced write transaction is open on this database, for at most
 * `maxMs`. The doors of server actions and of unsafe route and API methods call it before the use case, so a person
 * who saves a form during an import's commit waits for its COMMIT rather than being refused. False if one is still open
 * after `maxMs`: the use case then runs and a write in it is refused with IMPORT_WRITING_MESSAGE (writeTx).
 */
export async function untilSliceWritersDone(db: DbOrTx, maxMs = 30_000): Promise<boolean> {
  const name = sqliteOf(db).name;
  const started = clock.ms();
  for (;;) {
    const writer = sliceWriters().get(name);
    if (!writer) return true;
    const left = maxMs - (clock.ms() - started);
    if (left <= 0) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([writer.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
    clearTimeout(timer);
  }
}

/**
 * Runs `fn` once no import's transaction is open on this database: for a use case that writes after an `await` (a
 * password or code verified, a file read, a receiver called), where the door's wait (untilSliceWritersDone) covered
 * the request's start only and an import may have begun its transaction since. Waits without blocking the event loop
 * (at most `maxMs`; then `fn` runs and its write is refused as usual), and calls `fn` in the same turn of the event
 * loop as its last check, so no import can begin in between (decision 0048).
 */
export async function whenWritable<T>(db: DbOrTx, fn: () => T, maxMs = 30_000): Promise<T> {
  const started = clock.ms();
  while (sliceWriterOpen(db) && clock.ms() - started < maxMs) await untilSliceWritersDone(db, maxMs - (clock.ms() - started));
  return fn();
}

/** writeTx after an `await`: once no import's transaction is open (whenWritable). */
export function writeTxWhenFree<T>(db: Db, fn: (tx: Tx) => T, maxMs = 30_000): Promise<T> {
  return whenWritable(db, () => writeTx(db, fn), maxMs);
}

/** Whether a sliced write transaction is open on this database file (tests, and the import's own refusal). */
export function sliceWriterOpen(db: DbOrTx): boolean {
  return sliceWriters().has(sqliteOf(db).name);
}

/**
 * One write transaction, all or nothing, whose steps hand the event loop back between slices (decision 0041): `steps`
 * is a generator that `yield`s wherever other requests may be answered. On a database file it runs on a connection of
 * its own (same pragmas) in BEGIN IMMEDIATE … COMMIT, so readers on the server's connection keep their last committed
 * view (WAL) and are answered between slices; requests that may write wait at their door (untilSliceWritersDone), and
 * a write that starts anyway is refused at once with IMPORT_WRITING_MESSAGE (writeTx above, and a busy timeout of 0
 * for anything else) instead of sleeping in the busy handler. An exception rolls it all back; a crash or kill -9
 * leaves nothing (the WAL frames are never committed). An in-memory database (the tests) has no second connection:
 * the same steps run to the end in one writeTx.
 */
export async function writeTxInSlices<T>(db: Db, steps: (tx: DbOrTx) => Generator<void, T, void>): Promise<T> {
  const main = sqliteOf(db);
  if (main.memory) {
    return writeTx(db, (tx) => {
      const it = steps(tx);
      for (;;) {
        const r = it.next();
        if (r.done) return r.value;
      }
    });
  }
  const own = openSqlite(main.name);
  const release = registerSliceWriter(main, own);
  if (!release) {
    own.close();
    throw new AppError("CONFLICT", IMPORT_WRITING_MESSAGE);
  }
  try {
    own.exec("BEGIN IMMEDIATE");
    try {
      const it = steps(drizzle({ client: own, schema }));
      for (;;) {
        const r = it.next();
        if (r.done) {
          own.exec("COMMIT");
          return r.value;
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (e) {
      if (own.inTransaction) own.exec("ROLLBACK");
      throw e;
    }
  } finally {
    own.close();
    release();
  }
}

/**
 * Registers a sliced write transaction on `main`'s database file (writeTxInSlices, WorkerTx): while it is open,
 * `main`'s own busy timeout is 0 (a write there is refused at once rather than sleeping on the only thread). Returns
 * the function that ends the registration, or null when one is already open.
 */
export function registerSliceWriter(main: Database.Database, connection: Database.Database | null): (() => void) | null {
  const writers = sliceWriters();
  if (writers.has(main.name)) return null;
  const mainTimeout = main.pragma("busy_timeout", { simple: true }) as number;
  let settle = () => {};
  writers.set(main.name, { connection, done: new Promise<void>((resolve) => (settle = resolve)) });
  main.pragma("busy_timeout = 0");
  let released = false;
  return () => {
    if (released) return;
    released = true;
    main.pragma(`busy_timeout = ${mainTimeout}`);
    writers.delete(main.name);
    settle();
  };
}

/**
 * Consistent online backup of the database file `source` through SQLite's backup API (safe while the app writes),
 * into a new file `target` (never over an existing one), checked with integrity_check afterwards.
 */
export async function backupDatabase(source: string, target: string): Promise<{ bytes: number; ms: number }> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source} (set DATABASE_PATH to the database to back up).`);
  const out = path.resolve(target);
  if (fs.existsSync(out)) throw new Error(`${out} already exists: choose a new file name, so no earlier backup is overwritten.`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const started = clock.ms();
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(out);
  } finally {
    db.close();
  }
  const check = new Database(out, { readonly: true });
  const ok = (check.pragma("integrity_check", { simple: true }) as string) === "ok";
  check.close();
  if (!ok) throw new Error(`Backup written to ${out} but its integrity check failed.`);
  return { bytes: fs.statSync(out).size, ms: clock.ms() - started };
}

/** A read-only connection to an existing database file (scripts that inspect without changing anything). */
export function openReadOnly(file: string): { db: Db; sqlite: Database.Database } {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return { db: drizzle({ client: sqlite, schema }), sqlite };
}

/** Health probe: a trivial read that fails if the file is gone or locked beyond the busy timeout. */
export function ping(sqlite: Database.Database): boolean {
  const row = sqlite.prepare("select 1 as ok").get() as { ok: number } | undefined;
  return row?.ok === 1;
}
