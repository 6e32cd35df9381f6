import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { activities, deviceClasses, parties, raciOverrides, raciRevisions, raciTemplateCells, raciVersions, settings, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { ancestorsOf, subtreeOf } from "@/lib/rules/device-class-tree";
import { resolveMatrix, snapshotOf, type ClassOverrides, type Letter, type RaciSnapshot, type ResolvedMatrix } from "@/lib/rules/raci";

export const TEMPLATE_SCOPE = "template";
export const classScope = (classId: number) => `class:${classId}`;
export const RACI_ENTITY = "raci_version";

export type ActivityRow = { id: number; name: string; description: string; csfRefs: string[]; sortOrder: number; retiredAt: string | null };

export function loadActivities(db: DbOrTx, opts: { includeRetired?: boolean } = {}): ActivityRow[] {
  const q = db.select().from(activities);
  return (opts.includeRetired ? q : q.where(isNull(activities.retiredAt)))
    .orderBy(asc(activities.sortOrder), asc(activities.id))
    .all()
    .map((a) => ({
      id: a.id,
      name: a.name,
      description: a.description,
      csfRefs: JSON.parse(a.csfRefs) as string[],
      sortOrder: a.sortOrder,
      retiredAt: a.retiredAt,
    }));
}

export type PartyRow = { id: number; name: string; kind: string; leadUserId: number | null; leadName: string | null; inactiveLeadName: string | null };

/**
 * Parties with their lead. A deactivated lead is no lead: nobody can sign for the party, so the matrix rules
 * ("the Accountable party has a lead"), the signer plan and coverage treat the party as leaderless, and
 * `inactiveLeadName` says who it was so the admin knows whom to replace (issue 10, item 3).
 */
export function loadParties(db: DbOrTx): PartyRow[] {
  return db
    .select({ id: parties.id, name: parties.name, kind: parties.kind, leadUserId: parties.leadUserId, leadName: users.name, leadActive: users.active })
    .from(parties)
    .leftJoin(users, eq(users.id, parties.leadUserId))
    .where(isNull(parties.archivedAt))
    .orderBy(asc(parties.sortOrder), asc(parties.name))
    .all()
    .map(({ leadActive, ...p }) =>
      p.leadUserId != null && !leadActive ? { ...p, leadUserId: null, leadName: null, inactiveLeadName: p.leadName } : { ...p, inactiveLeadName: null },
    );
}

export function loadTemplate(db: DbOrTx): { activityId: number; partyId: number; letter: Letter }[] {
  return db.select().from(raciTemplateCells).all();
}

/**
 * Root → class chain of overrides. Two queries whatever the depth of the tree, and only the class's own ancestors are
 * read (a recursive query by primary key), not every class of the organization. `WITH RECURSIVE` is standard SQL
 * (PostgreSQL runs it unchanged); drizzle's query builder has no recursive CTE, hence the `sql` template.
 */
export function loadChain(
  db: DbOrTx,
  classId: number,
): { chain: ClassOverrides[]; deviceClass: { id: number; name: string; parentId: number | null; archivedAt: string | null } } {
  const all = db.all<{ id: number; parentId: number | null; name: string; archivedAt: string | null }>(sql`
    with recursive chain(id, parent_id, name, archived_at, depth) as (
      select id, parent_id, name, archived_at, 0 from ${deviceClasses} where id = ${classId}
      union all
      select c.id, c.parent_id, c.name, c.archived_at, chain.depth + 1 from ${deviceClasses} c join chain on c.id = chain.parent_id where chain.depth < 64
    )
    select id, parent_id as parentId, name, archived_at as archivedAt from chain`);
  const me = all.find((c) => c.id === classId);
  if (!me) throw notFound("device class");
  const ids = [...ancestorsOf(all, classId).reverse(), classId];
  const rows = db.select().from(raciOverrides).where(inArray(raciOverrides.deviceClassId, ids)).all();
  const byId = new Map(all.map((c) => [c.id, c]));
  const chain = ids.map((id) => ({
    classId: id,
    className: byId.get(id)!.name,
    overrides: rows.filter((r) => r.deviceClassId === id).map((r) => ({ activityId: r.activityId, partyId: r.partyId, letter: r.letter })),
  }));
  return { chain, deviceClass: me };
}

export function getRevision(db: DbOrTx, scope: string): { revision: number; updatedBy: number | null; updatedByName: string | null; updatedAt: string | null } {
  const r = db
    .select({ revision: raciRevisions.revision, updatedBy: raciRevisions.updatedBy, updatedAt: raciRevisions.updatedAt, name: users.name })
    .from(raciRevisions)
    .leftJoin(users, eq(users.id, raciRevisions.updatedBy))
    .where(eq(raciRevisions.scope, scope))
    .get();
  return { revision: r?.revision ?? 0, updatedBy: r?.updatedBy ?? null, updatedByName: r?.name ?? null, updatedAt: r?.updatedAt ?? null };
}

export interface ResolvedClass {
  deviceClass: { id: number; name: string; parentId: number | null; archivedAt: string | null };
  chain: ClassOverrides[];
  resolved: ResolvedMatrix;
  activities: ActivityRow[];
  parties: PartyRow[];
  snapshot: RaciSnapshot;
}

/** A class's live resolved matrix and its snapshot: a fixed number of queries. */
export function resolveClass(db: DbOrTx, classId: number): ResolvedClass {
  const { chain, deviceClass } = loadChain(db, classId);
  const acts = loadActivities(db);
  const ps = loadParties(db);
  const resolved = resolveMatrix(loadTemplate(db), chain);
  return { deviceClass, chain, resolved, activities: acts, parties: ps, snapshot: snapshotOf(deviceClass, resolved, acts, ps) };
}

export type VersionRow = typeof raciVersions.$inferSelect;

export function loadVersions(db: DbOrTx, classId: number): VersionRow[] {
  return db.select().from(raciVersions).where(eq(raciVersions.deviceClassId, classId)).orderBy(asc(raciVersions.versionNo)).all();
}

/** The content a RACI signature is bound to: the version's snapshot and its number. */
export function signedContent(v: { deviceClassId: number; versionNo: number; content: string }): unknown {
  return { deviceClassId: v.deviceClassId, versionNo: v.versionNo, snapshot: JSON.parse(v.content) as unknown };
}

export const REATTEST_SETTING = "raci.reattestMonths";
export function reattestMonths(db: DbOrTx): number {
  const row = db.select().from(settings).where(eq(settings.key, REATTEST_SETTING)).get();
  const n = row ? Number(JSON.parse(row.value)) : 12;
  return Number.isInteger(n) && n > 0 ? n : 12;
}

export function hasOwnOverrides(db: DbOrTx, classId: number): boolean {
  return Boolean(
    db
      .select({ a: raciOverrides.activityId })
      .from(raciOverrides)
      .where(and(eq(raciOverrides.deviceClassId, classId)))
      .limit(1)
      .get(),
  );
}

/** Ids of deactivated users. */
export function inactiveUserIds(db: DbOrTx): Set<number> {
  return new Set(
    db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.active, false))
      .all()
      .map((u) => u.id),
  );
}

/** The effective snapshot of each class (in the order given), or null where a class has none signed. */
export function signedAncestorSnapshots(db: DbOrTx, classIds: readonly number[]): (RaciSnapshot | null)[] {
  if (classIds.length === 0) return [];
  const rows = db
    .select()
    .from(raciVersions)
    .where(and(inArray(raciVersions.deviceClassId, [...classIds]), eq(raciVersions.status, "effective")))
    .all();
  return classIds.map((id) => {
    const v = rows.find((r) => r.deviceClassId === id);
    return v ? (JSON.parse(v.content) as RaciSnapshot) : null;
  });
}

export interface AffectedChild {
  classId: number;
  name: string;
  effectiveVersionNo: number;
  /** Cells whose signed letter would change once this class's current matrix is signed. */
  cells: number;
}

/**
 * Descendant classes with a signed (effective) matrix whose letters would change when this class's current
 * matrix is signed: cells they inherit from this class (no class between overrides them) whose letter differs
 * from what they signed. Shown on the parent's page before its change is submitted, so its signers know whose
 * sign-off they will reopen. Three queries whatever the size of the subtree.
 */
export function affectedSignedChildren(db: DbOrTx, classId: number, resolved: ResolvedMatrix): AffectedChild[] {
  const all = db
    .select({ id: deviceClasses.id, parentId: deviceClasses.parentId, name: deviceClasses.name, archivedAt: deviceClasses.archivedAt })
    .from(deviceClasses)
    .all();
  const below = [...subtreeOf(all, classId)].filter((id) => id !== classId);
  // [-1] when there are no descendants: the same statements run either way (a page costs the same at any depth).
  const ids = below.length ? below : [-1];
  const effective = db
    .select()
    .from(raciVersions)
    .where(and(inArray(raciVersions.deviceClassId, ids), eq(raciVersions.status, "effective")))
    .all();
  const overrides = db
    .select({ deviceClassId: raciOverrides.deviceClassId, activityId: raciOverrides.activityId, partyId: raciOverrides.partyId })
    .from(raciOverrides)
    .where(inArray(raciOverrides.deviceClassId, ids))
    .all();
  const overridden = new Set(overrides.map((o) => `${o.deviceClassId}|${o.activityId}:${o.partyId}`));
  const parentOf = new Map(all.map((c) => [c.id, c.parentId]));
  const out: AffectedChild[] = [];
  for (const v of effective) {
    const child = all.find((c) => c.id === v.deviceClassId)!;
    if (child.archivedAt) continue;
    const path: number[] = [];
    for (let id: number | null | undefined = child.id; id != null && id !== classId; id = parentOf.get(id)) path.push(id);
    const signed = new Map((JSON.parse(v.content) as RaciSnapshot).cells.map((c) => [`${c.activityId}:${c.partyId}`, c.letter as string]));
    const keys = new Set([...signed.keys(), ...resolved.keys()]);
    let cells = 0;
    for (const key of keys) {
      if (path.some((id) => overridden.has(`${id}|${key}`))) continue;
      if ((resolved.get(key)?.letter ?? null) !== (signed.get(key) ?? null)) cells++;
    }
    if (cells > 0) out.push({ classId: child.id, name: child.name, effectiveVersionNo: v.versionNo, cells });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
