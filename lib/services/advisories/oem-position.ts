import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import { oemPositions, users, type OemPositionRow } from "@/db/schema";

/**
 * The one reading of db/schema/oem.ts: the current OEM position of an (advisory, model) is its latest row; no row is
 * "not yet answered". Every list, count and the patch queue use these, never their own copy.
 */

/** SQL condition: the current position of (advisory, model) is "OEM-validated patch available". */
export function oemPatchAvailable(advisoryId: AnySQLiteColumn | SQL, modelId: AnySQLiteColumn | SQL): SQL {
  return sql`exists (select 1 from oem_positions op where op.id = (select max(op2.id) from oem_positions op2 where op2.advisory_id = ${advisoryId} and op2.model_id = ${modelId}) and op.position = 'patch_available')`;
}

/** SQL expression: the current position of (advisory, model), 'not_answered' when none is recorded. */
export function currentOemPosition(advisoryId: AnySQLiteColumn | SQL, modelId: AnySQLiteColumn | SQL): SQL<string> {
  return sql<string>`coalesce((select op.position from oem_positions op where op.advisory_id = ${advisoryId} and op.model_id = ${modelId} order by op.id desc limit 1), 'not_answered')`;
}

/** The current position row of (advisory, model), or null when the OEM has not been recorded as answering. */
export function latestOemPosition(db: DbOrTx, advisoryId: number, modelId: number): OemPositionRow | null {
  return (
    db
      .select()
      .from(oemPositions)
      .where(and(eq(oemPositions.advisoryId, advisoryId), eq(oemPositions.modelId, modelId)))
      .orderBy(desc(oemPositions.id))
      .limit(1)
      .get() ?? null
  );
}

/** Every recorded position of (advisory, model), oldest first, with who recorded it. */
export function oemPositionHistory(db: DbOrTx, advisoryId: number, modelId: number): (OemPositionRow & { recordedByName: string })[] {
  return db
    .select({ row: oemPositions, name: users.name })
    .from(oemPositions)
    .innerJoin(users, eq(users.id, oemPositions.recordedBy))
    .where(and(eq(oemPositions.advisoryId, advisoryId), eq(oemPositions.modelId, modelId)))
    .orderBy(asc(oemPositions.id))
    .all()
    .map((r) => ({ ...r.row, recordedByName: r.name }));
}
