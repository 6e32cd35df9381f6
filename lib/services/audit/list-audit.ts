import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { z } from "zod";

export const auditFilterSchema = z.object({
  entityType: z.string().trim().max(64).optional().catch(undefined),
  entityId: z.string().trim().max(64).optional().catch(undefined),
  actorId: z.coerce.number().int().positive().optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit trail, newest first, filtered by entity, user and UTC date range. Admins and auditors. */
export function listAudit(db: Db, actor: Actor, f: AuditFilter) {
  assertCan(actor, "audit.read");
  const where: SQL[] = [];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.from) where.push(gte(auditLog.at, `${f.from}T00:00:00.000Z`));
  if (f.to) where.push(lt(auditLog.at, new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString()));
  const cond = where.length ? and(...where) : undefined;
  const rows = db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.seq))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((f.page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** Distinct entity types present, for the filter. */
export function listAuditEntityTypes(db: Db, actor: Actor): string[] {
  assertCan(actor, "audit.read");
  return db
    .all<{ t: string }>(sql`select distinct ${auditLog.entityType} as t from ${auditLog} order by 1`)
    .map((r) => r.t);
}
