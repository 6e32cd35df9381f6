import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { cellAt, type Letter, type RaciSnapshot } from "@/lib/rules/raci";
import { isNull } from "drizzle-orm";
import { deviceClasses } from "@/db/schema";
import { buildTree, flattenTree } from "@/lib/rules/device-class-tree";
import { loadActivities, loadVersions, resolveClass, type ActivityRow } from "./raci-records";
import { currentRaciVersions } from "./signers";

export interface Owner {
  partyId: number;
  party: string;
  /** The party lead's name; null when the party has no lead. */
  lead: string | null;
  /** Where the letter comes from: "template", "this class", or the parent class that set it. */
  inheritedFrom: string;
  overriddenHere: boolean;
}

export interface WhoOwnsResult {
  deviceClass: { id: number; name: string };
  activity: ActivityRow;
  byLetter: Record<Letter, Owner[]>;
  /** The effective (signed) version has exactly these letters for this activity. */
  signed: boolean;
  effectiveVersionNo: number | null;
  /** The version in review, when it has exactly these letters for this activity (awaiting signatures). */
  pendingVersionNo: number | null;
}

/** The same parties hold the same letters for one activity in two snapshots. */
function sameActivityLetters(a: RaciSnapshot, b: RaciSnapshot, activityId: number): boolean {
  const key = (s: RaciSnapshot) =>
    s.cells
      .filter((c) => c.activityId === activityId)
      .map((c) => `${c.partyId}:${c.letter}`)
      .sort()
      .join(",");
  return key(a) === key(b);
}

/**
 * For one class and one activity: the parties holding each letter with their lead's name, where each
 * letter comes from, and whether the live letters are the signed ones. An unknown class or a retired or
 * unknown activity answers NOT_FOUND.
 */
export function whoOwns(db: Db, actor: Actor, classId: number, activityId: number): WhoOwnsResult {
  assertCan(actor, "raci.read");
  const r = resolveClass(db, classId);
  const activity = r.activities.find((a) => a.id === activityId);
  if (!activity) throw notFound("activity");
  const byLetter: Record<Letter, Owner[]> = { R: [], A: [], C: [], I: [] };
  for (const p of r.parties) {
    const c = cellAt(r.resolved, activityId, p.id);
    if (!c.letter) continue;
    byLetter[c.letter].push({
      partyId: p.id,
      party: p.name,
      lead: p.leadName,
      inheritedFrom: c.overriddenHere ? "this class" : c.source.kind === "class" ? c.source.className : "template",
      overriddenHere: c.overriddenHere,
    });
  }
  const { effective, inReview } = currentRaciVersions(db, loadVersions(db, classId));
  const snap = (v: { content: string } | null) => (v ? (JSON.parse(v.content) as RaciSnapshot) : null);
  const eff = snap(effective);
  const rev = snap(inReview);
  const signed = Boolean(eff && sameActivityLetters(eff, r.snapshot, activityId));
  return {
    deviceClass: { id: r.deviceClass.id, name: r.deviceClass.name },
    activity,
    byLetter,
    signed,
    effectiveVersionNo: effective?.versionNo ?? null,
    pendingVersionNo: !signed && inReview && rev && sameActivityLetters(rev, r.snapshot, activityId) ? inReview.versionNo : null,
  };
}

/** The choices of the "Who owns this?" form: active classes in tree order (with depth) and current activities. */
export function whoOwnsOptions(db: Db, actor: Actor) {
  assertCan(actor, "raci.read");
  const classes = db
    .select({ id: deviceClasses.id, parentId: deviceClasses.parentId, name: deviceClasses.name })
    .from(deviceClasses)
    .where(isNull(deviceClasses.archivedAt))
    .all();
  return {
    classes: flattenTree(buildTree(classes)).map((c) => ({ id: c.id, name: c.name, depth: c.depth })),
    activities: loadActivities(db).map((a) => ({ id: a.id, name: a.name })),
  };
}
