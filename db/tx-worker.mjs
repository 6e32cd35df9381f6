// One write transaction on a connection of its own, in a worker thread (decision 0046). The main thread sends SQL
// and parameters it has built; this thread only runs them, so a large import's SQLite work (B-tree inserts, index
// maintenance, the WAL) runs beside the main thread's parsing and checking instead of after it, and never blocks the
// server's event loop. Plain JavaScript: it is started by path at run time, outside Next's bundles.
//
// Messages in:  { id, op: "begin" } · { id, op: "ops", ops: [[sql, width, params], ...] } · { id, op: "commit" } ·
//               { id, op: "rollback" }
// Messages out: { id, ok: true, result? } · { id, ok: false, error: { message, code } }
// An `ops` entry runs its prepared statement once per `width` parameters (width 0: once, without parameters). After
// an error the transaction is rolled back and every later message is refused with the same error.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
db.pragma(`busy_timeout = ${Number(workerData.busyTimeoutMs ?? 5000)}`);

const statements = new Map();
const prepared = (sql) => {
  let s = statements.get(sql);
  if (!s) statements.set(sql, (s = db.prepare(sql)));
  return s;
};
let failed = null;

function runOps(ops) {
  for (const [sql, width, params] of ops) {
    const stmt = prepared(sql);
    if (width === 0) {
      if (stmt.reader) stmt.all();
      else stmt.run();
      continue;
    }
    if (params.length === width) {
      stmt.run(params);
      continue;
    }
    for (let i = 0; i < params.length; i += width) stmt.run(params.slice(i, i + width));
  }
}

parentPort.on("message", (msg) => {
  const { id, op } = msg;
  if (failed) {
    parentPort.postMessage({ id, ok: op === "rollback", ...(op === "rollback" ? {} : { error: failed }) });
    return;
  }
  try {
    if (op === "begin") db.exec("BEGIN IMMEDIATE");
    else if (op === "ops") runOps(msg.ops);
    else if (op === "commit") db.exec("COMMIT");
    else if (op === "rollback") {
      if (db.inTransaction) db.exec("ROLLBACK");
    } else throw new Error(`Unknown operation ${op}`);
    parentPort.postMessage({ id, ok: true });
  } catch (e) {
    failed = { message: e instanceof Error ? e.message : String(e), code: e && typeof e === "object" && "code" in e ? e.code : undefined };
    try {
      if (db.inTransaction) db.exec("ROLLBACK");
    } catch {
      // The connection closes with the worker: an open transaction is rolled back then.
    }
    parentPort.postMessage({ id, ok: false, error: failed });
  }
});
