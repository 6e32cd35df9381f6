import { asc } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { deviceClasses, raciOverrides, raciRevisions, raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ancestorsOf, buildTree, flattenTree } from "@/lib/rules/device-class-tree";
import {
  raciStatus,
  resolveMatrix,
  signedBasis,
  snapshotOf,
  validateMatrix,
  type CellValue,
  type RaciSnapshot,
  type RaciStatus,
  type ResolvedMatrix,
} from "@/lib/rules/raci";
import { classScope, loadActivities, loadParties, loadTemplate, reattestMonths, type ActivityRow, type PartyRow, type VersionRow } from "./raci-records";
import { currentRaciVersions, raciSignaturesByVersion } from "./signers";
import { clock } from "@/lib/clock";

export interface CoverageRow {
  classId: number;
  name: string;
  /** Ancestor names, root first, ending with the class's own name. */
  path: string[];
  depth: number;
  status: RaciStatus;
  /** Open rule violations of the live matrix, as sentences (the count is `violations.length`). */
  violations: string[];
  violationCount: number;
  /** When the effective version was last signed: its effective date or last re-attestation, whichever is later. */
  lastSignedAt: string | null;
  effectiveVersionNo: number | null;
  inReviewVersionNo: number | null;
  /** The live resolved matrix as it would be signed now. */
  snapshot: RaciSnapshot;
  effectiveSnapshot: RaciSnapshot | null;
  inReviewSnapshot: RaciSnapshot | null;
}

/** A coverage row with what sibling services (exports, my responsibilities) need beyond the list. */
export interface CoverageEntry extends CoverageRow {
  resolved: ResolvedMatrix;
  archived: boolean;
  /** Every version of the class, oldest first. */
  versions: VersionRow[];
}

export interface CoverageData {
  entries: CoverageEntry[];
  activities: ActivityRow[];
  parties: PartyRow[];
}

/**
 * Loads and resolves the RACI of many classes in a constant number of queries (classes, overrides,
 * versions, revisions, template, activities, parties, settings), whatever the number of classes or the
 * depth of the tree. Status and violations follow exactly the rules of `getRaciClass`.
 * No permission check: for services that have checked `raci.read` themselves.
 * `only` limits the result to one class (archived or not); otherwise archived classes are left out.
 */
export function loadCoverage(db: DbOrTx, now: Date, opts: { only?: number } = {}): CoverageData {
  const allClasses = db
    .select({ id: deviceClasses.id, parentId: deviceClasses.parentId, name: deviceClasses.name, archivedAt: deviceClasses.archivedAt })
    .from(deviceClasses)
    .all();
  // Every override and version is needed (each class resolves through its ancestors); read in the order
  // of their unique indexes, which is also the order they are grouped in below.
  const overrides = db.select().from(raciOverrides).orderBy(asc(raciOverrides.deviceClassId), asc(raciOverrides.activityId), asc(raciOverrides.partyId)).all();
  const versions = db.select().from(raciVersions).orderBy(asc(raciVersions.deviceClassId), asc(raciVersions.versionNo)).all();
  const revisions = new Map(
    db
      .select()
      .from(raciRevisions)
      .all()
      .map((r) => [r.scope, r]),
  );
  const template = loadTemplate(db);
  const activities = loadActivities(db);
  const parties = loadParties(db);
  const months = reattestMonths(db);

  const overridesByClass = new Map<number, CellValue[]>();
  for (const o of overrides) {
    const list = overridesByClass.get(o.deviceClassId) ?? [];
    list.push({ activityId: o.activityId, partyId: o.partyId, letter: o.letter });
    overridesByClass.set(o.deviceClassId, list);
  }
  const versionsByClass = new Map<number, VersionRow[]>();
  for (const v of [...versions].sort((a, b) => a.versionNo - b.versionNo)) {
    const list = versionsByClass.get(v.deviceClassId) ?? [];
    list.push(v);
    versionsByClass.set(v.deviceClassId, list);
  }
  const nameOf = new Map(allClasses.map((c) => [c.id, c.name]));
  // Only versions marked effective need their signature set checked; one query for all of them.
  const signaturesOf = raciSignaturesByVersion(
    db,
    versions.filter((v) => v.status === "effective").map((v) => v.id),
  );
  // Each class's verified effective version, worked out once (ancestors are asked for by every descendant).
  const effectiveById = new Map<number, VersionRow | null>();
  const effectiveOf = (classId: number) => {
    if (!effectiveById.has(classId)) effectiveById.set(classId, currentRaciVersions(db, versionsByClass.get(classId) ?? [], signaturesOf).effective);
    return effectiveById.get(classId)!;
  };

  // The tree is built over every class, so a path always names the real ancestors.
  const ordered = flattenTree(buildTree(allClasses)).filter((c) => (opts.only === undefined ? !c.archivedAt : c.id === opts.only));

  const entries = ordered.map((c): CoverageEntry => {
    const ids = [...ancestorsOf(allClasses, c.id).reverse(), c.id];
    const chain = ids.map((id) => ({ classId: id, className: nameOf.get(id)!, overrides: overridesByClass.get(id) ?? [] }));
    const resolved = resolveMatrix(template, chain);
    const snapshot = snapshotOf(c, resolved, activities, parties);
    const mine = versionsByClass.get(c.id) ?? [];
    const { effective, inReview, signatureProblem } = currentRaciVersions(db, mine, signaturesOf);
    const effectiveSnapshot = effective ? (JSON.parse(effective.content) as RaciSnapshot) : null;
    const rev = revisions.get(classScope(c.id));
    const signedAncestors = ids.slice(0, -1).map((id) => {
      const eff = effectiveOf(id);
      return eff ? (JSON.parse(eff.content) as RaciSnapshot) : null;
    });
    const basis = effectiveSnapshot ? signedBasis({ resolved, live: snapshot, effective: effectiveSnapshot, template, signedAncestors }) : snapshot;
    const status = raciStatus({
      signatureProblem: Boolean(signatureProblem),
      hasOwnOverrides: (overridesByClass.get(c.id) ?? []).length > 0,
      inReview: Boolean(inReview),
      everSubmitted: mine.length > 0,
      effective: effectiveSnapshot ? { snapshot: effectiveSnapshot, lastAttestedAt: effective!.lastAttestedAt ?? effective!.effectiveAt! } : null,
      editedSinceEffective: Boolean(effective && rev?.updatedAt && rev.updatedAt > effective.effectiveAt!),
      live: basis,
      reattestMonths: months,
      now,
    });
    const violations = validateMatrix(resolved, activities, parties).map((v) => v.message);
    const signedDates = effective ? [effective.effectiveAt, effective.lastAttestedAt].filter((d): d is string => Boolean(d)).sort() : [];
    return {
      classId: c.id,
      name: c.name,
      path: c.path,
      depth: c.depth,
      status,
      violations,
      violationCount: violations.length,
      lastSignedAt: signedDates.at(-1) ?? null,
      effectiveVersionNo: effective?.versionNo ?? null,
      inReviewVersionNo: inReview?.versionNo ?? null,
      snapshot,
      effectiveSnapshot,
      inReviewSnapshot: inReview ? (JSON.parse(inReview.content) as RaciSnapshot) : null,
      resolved,
      archived: Boolean(c.archivedAt),
      versions: mine,
    };
  });
  return { entries, activities, parties };
}

/**
 * Every active device class with its sign-off status, open violations and last signed date, in tree
 * order (parents before children, siblings by name). Readable by every role that may read RACI.
 */
export function listRaciCoverage(db: Db, actor: Actor, now = clock.now()): CoverageRow[] {
  assertCan(actor, "raci.read");
  return loadCoverage(db, now).entries.map(({ resolved: _r, archived: _a, versions: _v, ...row }) => row);
}
