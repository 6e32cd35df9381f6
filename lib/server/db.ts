import "server-only";
import type Database from "better-sqlite3";
import { createDb, untilSliceWritersDone, type Db } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { databasePath, isDemoMode, loadSecrets } from "./config";

interface Holder {
  db: Db;
  sqlite: Database.Database;
  ready: Promise<unknown>;
}
const g = globalThis as typeof globalThis & { __clearlineDb?: Holder };

function holder(): Holder {
  if (!g.__clearlineDb) {
    loadSecrets();
    const { db, sqlite } = createDb(databasePath());
    const ready = isDemoMode() ? seedDemoIfEmpty(db) : Promise.resolve();
    g.__clearlineDb = { db, sqlite, ready };
  }
  return g.__clearlineDb;
}

/**
 * The one connection of this server process. On first use it applies migrations and, in demo mode on
 * an empty database, loads Lakeside Regional Health.
 */
export async function getDb(): Promise<Db> {
  const h = holder();
  await h.ready;
  return h.db;
}

export async function getSqlite(): Promise<Database.Database> {
  const h = holder();
  await h.ready;
  return h.sqlite;
}

/**
 * The same connection for a request that may write: once no import's transaction is open on it (decision 0041),
 * waiting for its COMMIT without blocking the event loop, so a form saved (or a sign-in) during a large import's commit
 * goes through when it ends rather than being refused.
 */
export async function getWritableDb(): Promise<Db> {
  const db = await getDb();
  await untilSliceWritersDone(db);
  return db;
}
