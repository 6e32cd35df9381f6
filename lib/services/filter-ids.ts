import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";

/** A filter key holding a record id, the label its sentence uses, and the table (with its id column) it names. */
export type FilterIdCheck = readonly [key: string, label: string, table: SQLiteTable & { id: SQLiteColumn }];

/**
 * The filter without ids that name no record (deleted, mistyped or never there), each named in a sentence: a page
 * then says why its list is not filtered instead of showing an unexplained empty one, and an export refuses (found
 * by probes: "site=99999" listed nothing while the Site select showed "All"). Non-numeric values ("none") are left.
 * Callers check the actor's permission to read the list first.
 */
export function dropUnknownIds<F extends object>(db: DbOrTx, filter: F, checks: readonly FilterIdCheck[]): { filter: F; problems: string[] } {
  const problems: string[] = [];
  let out = filter;
  for (const [key, label, table] of checks) {
    const id = (filter as Record<string, unknown>)[key];
    if (typeof id !== "number") continue;
    if (db.select({ id: table.id }).from(table).where(eq(table.id, id)).get()) continue;
    problems.push(`${label} ${id} does not exist; it was ignored.`);
    out = { ...out, [key]: undefined };
  }
  return { filter: out, problems };
}
