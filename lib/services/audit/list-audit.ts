import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { isCalendarDate } from "@/lib/validation/common";

/** Parsed at the route boundary (lib/validation/audit.ts); dates are UTC calendar days. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  from?: string;
  to?: string;
  page?: number;
}

/** The first instant after the UTC day `date` (YYYY-MM-DD). */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

function auditWhere(f: AuditFilter): SQL | undefined {
  // The boundary checks these too; a caller that skipped it gets a sentence, not a RangeError (a 500).
  for (const [label, v] of [
    ["From date", f.from],
    ["To date", f.to],
  ] as const) {
    if (v !== undefined && !isCalendarDate(v)) throw new AppError("VALIDATION", `${label} ${v} is not a date on the calendar.`);
  }
  const where: SQL[] = [];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.from) where.push(gte(auditLog.at, `${f.from}T00:00:00.000Z`));
  if (f.to) where.push(lt(auditLog.at, dayAfter(f.to)));
  return where.length ? and(...where) : undefined;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit trail, newest first, filtered by entity, user and UTC date range. Admins and auditors. */
export function listAudit(db: Db, actor: Actor, f: AuditFilter) {
  assertCan(actor, "audit.read");
  const cond = auditWhere(f);
  const page = f.page ?? 1;
  const rows = db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.seq))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** Distinct entity types present, for the filter. */
export function listAuditEntityTypes(db: Db, actor: Actor): string[] {
  assertCan(actor, "audit.read");
  return db.all<{ t: string }>(sql`select distinct ${auditLog.entityType} as t from ${auditLog} order by 1`).map((r) => r.t);
}

/** The most entries one export holds; a wider filter is refused with a sentence rather than a huge file. */
export const AUDIT_EXPORT_MAX = 100_000;

/** Every entry matching the filter (no paging), newest first, for the CSV export. Admins and auditors. */
export function listAuditForExport(db: Db, actor: Actor, f: AuditFilter) {
  assertCan(actor, "audit.read");
  const rows = db
    .select()
    .from(auditLog)
    .where(auditWhere(f))
    .orderBy(desc(auditLog.seq))
    .limit(AUDIT_EXPORT_MAX + 1)
    .all();
  if (rows.length > AUDIT_EXPORT_MAX)
    throw new AppError(
      "VALIDATION",
      `More than ${AUDIT_EXPORT_MAX.toLocaleString("en-US")} entries match these filters. Narrow the dates or choose an entity or user, then export again.`,
    );
  return rows;
}
