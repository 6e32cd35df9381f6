import { isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, raciOverrides, raciRevisions, raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { buildTree, flattenTree, ancestorsOf } from "@/lib/rules/device-class-tree";
import { raciStatus, resolveMatrix, snapshotOf, validateMatrix, type CellValue, type RaciSnapshot, type RaciStatus } from "@/lib/rules/raci";
import { classScope, loadActivities, loadParties, loadTemplate, reattestMonths } from "./load";

export interface CoverageRow {
  classId: number;
  name: string;
  path: string[];
  depth: number;
  status: RaciStatus;
  violations: string[];
  lastSignedAt: string | null;
  effectiveVersionNo: number | null;
  inReviewVersionNo: number | null;
  snapshot: RaciSnapshot;
  effectiveSnapshot: RaciSnapshot | null;
  inReviewSnapshot: RaciSnapshot | null;
}

/**
 * Every active device class with its sign-off status, open violations and last signed date, in tree
 * order. A constant number of queries: everything is loaded once and resolved in memory.
 */
export function listRaciCoverage(db: Db, actor: Actor, now = new Date()): CoverageRow[] {
  assertCan(actor, "raci.read");
  const classes = db.select({ id: deviceClasses.id, parentId: deviceClasses.parentId, name: deviceClasses.name }).from(deviceClasses).where(isNull(deviceClasses.archivedAt)).all();
  const allClasses = db.select({ id: deviceClasses.id, parentId: deviceClasses.parentId, name: deviceClasses.name }).from(deviceClasses).all();
  const overrides = db.select().from(raciOverrides).all();
  const versions = db.select().from(raciVersions).all();
  const revisions = new Map(db.select().from(raciRevisions).all().map((r) => [r.scope, r]));
  const template = loadTemplate(db);
  const activities = loadActivities(db);
  const parties = loadParties(db);
  const months = reattestMonths(db);
  const byClass = new Map<number, CellValue[]>();
  for (const o of overrides) byClass.set(o.deviceClassId, [...(byClass.get(o.deviceClassId) ?? []), { activityId: o.activityId, partyId: o.partyId, letter: o.letter }]);
  const nameOf = new Map(allClasses.map((c) => [c.id, c.name]));

  return flattenTree(buildTree(classes)).map((c) => {
    const ids = [...ancestorsOf(allClasses, c.id).reverse(), c.id];
    const chain = ids.map((id) => ({ classId: id, className: nameOf.get(id)!, overrides: byClass.get(id) ?? [] }));
    const m = resolveMatrix(template, chain);
    const snapshot = snapshotOf(c, m, activities, parties);
    const mine = versions.filter((v) => v.deviceClassId === c.id);
    const effective = mine.find((v) => v.status === "effective") ?? null;
    const inReview = mine.find((v) => v.status === "in_review") ?? null;
    const effectiveSnapshot = effective ? (JSON.parse(effective.content) as RaciSnapshot) : null;
    const rev = revisions.get(classScope(c.id));
    const status = raciStatus({
      hasOwnOverrides: (byClass.get(c.id) ?? []).length > 0,
      inReview: Boolean(inReview),
      everSubmitted: mine.length > 0,
      effective: effectiveSnapshot ? { snapshot: effectiveSnapshot, lastAttestedAt: effective!.lastAttestedAt ?? effective!.effectiveAt! } : null,
      editedSinceEffective: Boolean(effective && rev?.updatedAt && rev.updatedAt > effective.effectiveAt!),
      live: snapshot,
      reattestMonths: months,
      now,
    });
    return {
      classId: c.id,
      name: c.name,
      path: c.path,
      depth: c.depth,
      status,
      violations: validateMatrix(m, activities, parties).map((v) => v.message),
      lastSignedAt: effective ? [effective.effectiveAt, effective.lastAttestedAt].filter(Boolean).sort().at(-1)! : null,
      effectiveVersionNo: effective?.versionNo ?? null,
      inReviewVersionNo: inReview?.versionNo ?? null,
      snapshot,
      effectiveSnapshot,
      inReviewSnapshot: inReview ? (JSON.parse(inReview.content) as RaciSnapshot) : null,
    };
  });
}
