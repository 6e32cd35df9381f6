import type Database from "better-sqlite3";
import { getTableColumns, getTableName, type Column } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "../client";

/**
 * A fast insert for the seeds that still writes through the drizzle schema (issue #11 item 7): the row is typed as
 * the table's `$inferInsert`, so a NOT NULL column without a default that a seed forgets is a type error, and the
 * column names, value mapping (booleans) and table name come from the schema, never from a hand-written INSERT.
 *
 * Why not `db.insert(table).values(rows)`: the large seed writes ~800,000 rows (500,000 audit entries, 200,000
 * devices); drizzle builds and SQLite prepares a new statement per call. Here one prepared statement per table and
 * set of supplied columns is reused, which keeps `npm run seed:large` as fast as its former raw SQL. Omitted columns
 * take the database default, as they do through drizzle (the migrations carry the schema's defaults).
 * PostgreSQL: the same shape works with a prepared multi-row INSERT or COPY; nothing here is SQLite-only but `?`.
 */
export function bulkInserter<T extends SQLiteTable>(db: Db | Tx, table: T): (row: T["$inferInsert"]) => number {
  const sqlite = sqliteOf(db);
  const name = getTableName(table);
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>).filter(([, c]) => !c.generated);
  const keys = columns.map(([key]) => key);
  const known = new Set(keys);
  // Text and number columns store the value as given; others (booleans) go through drizzle's own mapping.
  const mapped = columns.map(([, c]) => !PLAIN_COLUMN_TYPES.has(c.columnType));
  const statements = new Map<number, Database.Statement>();
  return (row) => {
    const values = row as Record<string, unknown>;
    // A key the table lacks would be dropped silently (a spread can carry one past the type check): refuse it.
    for (const key in values) if (!known.has(key)) throw new Error(`${name} has no column ${key}.`);
    let mask = 0;
    const params: unknown[] = [];
    for (let i = 0; i < keys.length; i++) {
      const v = values[keys[i]!];
      mask *= 2;
      if (v === undefined) continue;
      mask += 1;
      params.push(v === null || !mapped[i] ? v : columns[i]![1].mapToDriverValue(v));
    }
    let statement = statements.get(mask);
    if (!statement) {
      const used = columns.filter((_, i) => Math.floor(mask / 2 ** (keys.length - 1 - i)) % 2 === 1).map(([, c]) => `"${c.name}"`);
      statement = sqlite.prepare(
        used.length ? `insert into "${name}" (${used.join(", ")}) values (${used.map(() => "?").join(", ")})` : `insert into "${name}" default values`,
      );
      statements.set(mask, statement);
    }
    return Number(statement.run(...params).lastInsertRowid);
  };
}

const PLAIN_COLUMN_TYPES = new Set(["SQLiteText", "SQLiteInteger", "SQLiteReal"]);

/** The better-sqlite3 connection under a drizzle database or transaction (drizzle attaches it as `$client` / `session.client`). */
export function sqliteOf(db: Db | Tx): Database.Database {
  const d = db as unknown as { $client?: Database.Database; session?: { client?: Database.Database } };
  const sqlite = d.$client ?? d.session?.client;
  if (!sqlite) throw new Error("The seeds need a drizzle better-sqlite3 database (createDb).");
  return sqlite;
}
