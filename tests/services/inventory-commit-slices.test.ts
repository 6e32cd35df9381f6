import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { createDb, sliceWriterOpen, untilSliceWritersDone, writeTx, writeTxInSlices } from "@/db/client";
import { sites } from "@/db/schema";
import { clock } from "@/lib/clock";
import { AppError, IMPORT_WRITING_MESSAGE, busyAsAppError } from "@/lib/errors";
import { commitImport } from "@/lib/services/inventory/commit-import";
import type { ImportProgress } from "@/lib/services/inventory/plan-import";
import { updateDevice } from "@/lib/services/inventory/update-device";
import { resolveSession } from "@/lib/services/auth/session";
import { signIn } from "@/lib/services/auth/sign-in";
import { errorState } from "@/lib/server/action";
import { listDevicesRoute, upsertDevicesRoute } from "@/lib/api/v1-routes";
import { call, token } from "./api-v1-helpers";
import { inventoryCounts, utf8 } from "./inventory-fixtures";
import { makeParty, makeUser, testDb, TEST_PASSWORD } from "../test-db";

// Decision 0041: on a database file the import's transaction runs on a connection of its own and hands the event loop
// back between slices; the server's connection keeps answering reads and refuses writes at once.

const HEADER = "Asset Tag,Serial Number,Manufacturer,Model,Site,Department,IP Address";
const file = (n: number, dept: string) =>
  utf8(
    [HEADER, ...Array.from({ length: n }, (_, i) => `T${i},SN${i},Baxter,Sigma Spectrum,LMH,${dept},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)].join(
      "\n",
    ),
  );

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** An organization on a temporary database FILE (an in-memory database has no second connection). */
async function fileOrg() {
  testDb(); // the test secrets for this process
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clearline-slices-"));
  dirs.push(dir);
  const { db, sqlite } = createDb(path.join(dir, "live.db"));
  const at = clock.now().toISOString();
  db.insert(sites).values({ name: "Lakeside Main Hospital", code: "LMH", createdAt: at, updatedAt: at }).run();
  const ce = makeParty(db, "Clinical Engineering");
  const lead = await makeUser(db, { roles: ["lead"], partyId: ce, leads: ce });
  return { db, sqlite, lead };
}

const count = (db: Awaited<ReturnType<typeof fileOrg>>["db"], table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;

describe("the import's commit on a database file: one transaction on its own connection, in slices", () => {
  test("reports devices written as it goes; between slices the server's connection answers reads, which see the inventory as before", async () => {
    const { db, sqlite, lead } = await fileOrg();
    const readings: ImportProgress[] = [];
    const reads: { devices: number; serverInTransaction: boolean }[] = [];
    let committed = false;
    // Polls the server's connection on every turn of the event loop from the moment the commit starts until it returns.
    const poll = () => {
      if (committed) return;
      reads.push({ devices: count(db, "devices"), serverInTransaction: sqlite.inTransaction });
      setImmediate(poll);
    };
    const r = await commitImport(
      db,
      lead,
      { fileName: "big.csv", bytes: file(8000, "ICU"), source: "Maximo" },
      {
        onProgress: (p) => {
          if (p.phase === "commit") readings.push(p);
        },
        // The transaction is open from the first device written (on this thread's own connection, or in the worker
        // thread while the rest of the file is checked: decision 0046).
        onWrite: (n) => {
          if (n === 1000) setImmediate(poll);
        },
        onPhase: (phase) => {
          if (phase === "committed") committed = true;
        },
      },
    );
    expect(r.counts).toMatchObject({ new: 8000 });
    // Devices written of the devices to write, rising to the total.
    expect(readings.length).toBeGreaterThanOrEqual(2);
    expect(readings.every((p, i) => p.total === 8000 && p.done <= p.total && (i === 0 || p.done >= readings[i - 1]!.done))).toBe(true);
    expect(readings.at(-1)).toEqual({ phase: "commit", done: 8000, total: 8000 });
    // Answered several times during the commit, each time with the last committed inventory (WAL), and never inside
    // the import's transaction: that is on the other connection.
    // All or nothing for readers too: the inventory as before, or (once the worker thread's COMMIT is done, before
    // this thread hears of it) the whole import — never a part of it.
    expect(reads.filter((x) => x.devices === 0).length).toBeGreaterThanOrEqual(2);
    expect(reads.every((x) => (x.devices === 0 || x.devices === 8000) && !x.serverInTransaction)).toBe(true);
    expect({ devices: count(db, "devices"), events: count(db, "device_events"), imports: count(db, "imports") }).toEqual({
      devices: 8000,
      events: 8000,
      imports: 1,
    });
    expect(db.all(sql`select action, entity_id from audit_log where action = 'INVENTORY_IMPORTED'`)).toEqual([
      { action: "INVENTORY_IMPORTED", entity_id: String(r.importId) },
    ]);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sliceWriterOpen(db)).toBe(false);
    sqlite.close();
  }, 60_000);

  test("writers on the server's connection are refused at once with a sentence while it writes, never left waiting; the import still commits", async () => {
    const { db, sqlite, lead } = await fileOrg();
    await commitImport(db, lead, { fileName: "base.csv", bytes: file(500, "ICU"), source: "Maximo" });
    const deviceId = db.get<{ id: number }>(sql`select id from devices where asset_tag = 'T1'`)!.id;
    const refusals: { what: string; error: unknown; ms: number }[] = [];
    const attempt = async (what: string, write: () => unknown) => {
      const started = clock.ms();
      try {
        await write();
        refusals.push({ what, error: null, ms: clock.ms() - started });
      } catch (e) {
        refusals.push({ what, error: e, ms: clock.ms() - started });
      }
    };
    let tried = false;
    await commitImport(
      db,
      lead,
      { fileName: "big.csv", bytes: file(6000, "PICU"), source: "Maximo" },
      {
        onWrite: (n) => {
          if (n !== 2000 || tried) return;
          tried = true;
          // Run on the next turn of the event loop, while the transaction is open (between two slices of it, or while
          // its worker thread writes: decision 0046).
          setImmediate(() => {
            void attempt("a service's writeTx", () => updateDevice(db, lead, { id: deviceId, part: "device", location: "OR 3" }));
            void attempt("a raw write", () => sqlite.exec("update sites set name = 'Renamed' where code = 'LMH'"));
            void attempt("a second sliced transaction", () => writeTxInSlices(db, function* () {}));
          });
        },
      },
    );
    expect(refusals.map((r) => r.what)).toEqual(["a service's writeTx", "a raw write", "a second sliced transaction"]);
    for (const r of refusals) {
      // Refused with the sentence (SQLite's own "database is locked" becomes it at the action and route doors)...
      expect(busyAsAppError(r.error) ?? r.error).toMatchObject({ code: "CONFLICT", message: IMPORT_WRITING_MESSAGE });
      expect(busyAsAppError(r.error) ?? r.error).toBeInstanceOf(AppError);
      // ... at once: SQLite's busy handler (5 s) would have slept on this thread and stalled the import with it.
      expect(r.ms).toBeLessThan(1000);
    }
    // The action door's answer to SQLite's own refusal: the sentence, not "Something went wrong".
    expect(errorState(refusals[1]!.error)).toEqual({ ok: false, formError: IMPORT_WRITING_MESSAGE, fieldErrors: undefined });
    // Nothing of the refused writes happened; the import did.
    expect(db.get(sql`select name from sites where code = 'LMH'`)).toEqual({ name: "Lakeside Main Hospital" });
    expect(db.get(sql`select location from devices where id = ${deviceId}`)).toEqual({ location: "PICU" });
    expect(count(db, "devices")).toBe(6000);
    // Afterwards the server's connection writes again, with its busy timeout back.
    writeTx(db, (tx) => tx.run(sql`update sites set name = 'Lakeside Main' where code = 'LMH'`));
    expect(db.get(sql`select name from sites where code = 'LMH'`)).toEqual({ name: "Lakeside Main" });
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    sqlite.close();
  }, 60_000);

  test("a write at the doors waits for the COMMIT without blocking (then succeeds); a signed-in person's page view is answered during it", async () => {
    const { db, sqlite, lead } = await fileOrg();
    const { sessionId } = await signIn(db, { email: lead.email, password: TEST_PASSWORD, client: "c" }, { sleep: async () => {} });
    const lastSeen = () => db.get<{ at: string }>(sql`select last_seen_at as at from sessions where id = ${sessionId}`)!.at;
    const seenBefore = lastSeen();
    const seen: Record<string, unknown> = {};
    let waiter: Promise<void> | null = null;
    await commitImport(
      db,
      lead,
      { fileName: "big.csv", bytes: file(6000, "ICU"), source: "Maximo" },
      {
        onWrite: (n) => {
          if (n !== 2000 || waiter) return;
          waiter = (async () => {
            // A page view a minute later: the session's last-seen refresh is a write, skipped rather than failed.
            const later = new Date(clock.ms() + 60_000);
            seen.session = resolveSession(db, sessionId, { idleMinutes: 30, absoluteHours: 12 }, later).ok;
            seen.shortWait = await untilSliceWritersDone(db, 5);
            // What the action and route doors do before a use case that may write.
            seen.waited = await untilSliceWritersDone(db);
            seen.devicesWhenDone = count(db, "devices");
            writeTx(db, (tx) => tx.run(sql`update sites set name = 'Lakeside Main' where code = 'LMH'`));
          })();
        },
      },
    );
    await waiter;
    expect(seen).toEqual({ session: true, shortWait: false, waited: true, devicesWhenDone: 6000 });
    expect(lastSeen()).toBe(seenBefore);
    expect(db.get(sql`select name from sites where code = 'LMH'`)).toEqual({ name: "Lakeside Main" });
    sqlite.close();
  }, 60_000);

  test("the API during a commit: a GET is answered at once with the inventory as before; a POST waits at the door and is written after the COMMIT", async () => {
    const { db, sqlite, lead } = await fileOrg();
    const admin = await makeUser(db, { roles: ["admin"] });
    const key = token(db, admin, ["read", "write:inventory"]);
    const seen: Record<string, unknown> = {};
    let calls: Promise<void> | null = null;
    await commitImport(
      db,
      lead,
      { fileName: "big.csv", bytes: file(6000, "ICU"), source: "Maximo" },
      {
        onWrite: (n) => {
          if (n !== 2000 || calls) return;
          calls = (async () => {
            const post = call(db, upsertDevicesRoute, key, {
              body: { source: "Maximo", devices: [{ assetTag: "API-DURING", site: "LMH", manufacturer: "Baxter", model: "Sigma Spectrum" }] },
            }).then((r) => ({ status: r.status, importOpenWhenAnswered: sliceWriterOpen(db), devices: count(db, "devices") }));
            const get = await call(db, listDevicesRoute, key, { query: { limit: "5" } });
            seen.get = { status: get.status, importOpenWhenAnswered: sliceWriterOpen(db), devices: (get.body.items as unknown[]).length };
            seen.post = await post;
          })();
        },
      },
    );
    await calls;
    expect(seen).toEqual({
      get: { status: 200, importOpenWhenAnswered: true, devices: 0 },
      post: { status: 200, importOpenWhenAnswered: false, devices: 6001 },
    });
    sqlite.close();
  }, 60_000);

  test("an exception in the middle of the writes rolls everything back (triggers included) and frees the write lock", async () => {
    const { db, sqlite, lead } = await fileOrg();
    await commitImport(db, lead, { fileName: "base.csv", bytes: file(3000, "ICU"), source: "Maximo" });
    const before = { counts: inventoryCounts(db), devices: db.all(sql`select * from devices order by id`) };
    const triggers = () => db.all(sql`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'devices' order by name`);
    const triggersBefore = triggers();
    const big = file(8000, "PICU");
    await expect(
      commitImport(
        db,
        lead,
        { fileName: "big.csv", bytes: big, source: "Maximo" },
        {
          onWrite: (n) => {
            if (n === 5000) throw new Error("disk on fire");
          },
        },
      ),
    ).rejects.toThrow("disk on fire");
    expect({ counts: inventoryCounts(db), devices: db.all(sql`select * from devices order by id`) }).toEqual(before);
    expect(triggers()).toEqual(triggersBefore);
    expect(sliceWriterOpen(db)).toBe(false);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    // The lock is free: the same file commits in full now.
    const r = await commitImport(db, lead, { fileName: "big.csv", bytes: big, source: "Maximo" });
    expect(r.counts).toMatchObject({ new: 5000, changed: 3000 });
    expect(count(db, "devices")).toBe(8000);
    sqlite.close();
  }, 60_000);
});
