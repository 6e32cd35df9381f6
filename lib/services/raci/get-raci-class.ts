import type { Db } from "@/db/client";
import { assertCan, can, hasReadOnlyAccess, type Actor } from "@/lib/auth/permissions";
import {
  cellAt,
  diffSnapshots,
  raciReadOnlyReason,
  raciStatus,
  requiredSigners,
  signedBasis,
  validateMatrix,
  type Letter,
  type RaciSnapshot,
} from "@/lib/rules/raci";
import { verifyRecordSignatures } from "../signatures/sign-record";
import {
  affectedSignedChildren,
  inactiveUserIds,
  getRevision,
  classScope,
  loadTemplate,
  loadVersions,
  RACI_ENTITY,
  reattestMonths,
  resolveClass,
  signedAncestorSnapshots,
  signedContent,
} from "./raci-records";
import { currentRaciVersions, signerSlots, slotFor } from "./signers";
import { readVersions, versionedCache } from "../versioned-cache";
import { clock } from "@/lib/clock";

export type GridCell = {
  activityId: number;
  partyId: number;
  letter: Letter | null;
  overriddenHere: boolean;
  /** "template", a class name, or null when the cell is empty and nothing set it. */
  from: string | null;
  inheritedLetter: Letter | null;
  inheritedFrom: string | null;
};

/**
 * Everything the class's RACI page shows, in a fixed number of queries. Readable by every signed-in role.
 * The part that is the same for every reader (the resolved matrix, versions, verified signatures) is cached per class
 * and recomputed when the organization or any RACI data changed (lib/services/versioned-cache.ts); the status (which
 * depends on today's date) and what the actor may do are worked out on every call.
 */
export function getRaciClass(db: Db, actor: Actor, classId: number, now = clock.now()) {
  assertCan(actor, "raci.read");
  const base = versionedCache(db, readVersions(db), ["org", "raci"], `raci-class|${classId}`, () => loadRaciClass(db, classId));
  const { effectiveSnapshot, liveSnapshot, hasOwnOverrides, editedAt, ...view } = base;
  const status = raciStatus({
    signatureProblem: Boolean(view.signatureProblem),
    hasOwnOverrides,
    inReview: Boolean(view.review),
    everSubmitted: view.versions.length > 0,
    effective:
      effectiveSnapshot && view.effective
        ? { snapshot: effectiveSnapshot, lastAttestedAt: view.effective.version.lastAttestedAt ?? view.effective.version.effectiveAt! }
        : null,
    editedSinceEffective: Boolean(view.effective && editedAt && editedAt > view.effective.version.effectiveAt!),
    live: liveSnapshot,
    reattestMonths: view.reattestMonths,
    now,
  });
  const editableParties = view.parties.filter((p) => can(actor, "raci.editCell", { partyId: p.id })).map((p) => p.id);
  return {
    ...view,
    status,
    review: view.review ? { ...view.review, mySlot: slotFor(actor, view.review.slots) } : null,
    editableParties,
    readOnlyReason: raciReadOnlyReason({
      scope: "class",
      archived: Boolean(view.deviceClass.archivedAt),
      inReviewVersionNo: view.review?.version.versionNo ?? null,
      readOnlyAccess: hasReadOnlyAccess(actor),
      editableColumnCount: editableParties.length,
    }),
    canSubmit: can(actor, "raci.submit"),
    canReturn: can(actor, "raci.return"),
    myReattestSlot: view.effective ? slotFor(actor, view.effective.reattestSlots) : null,
  };
}

function loadRaciClass(db: Db, classId: number) {
  const r = resolveClass(db, classId);
  const versions = loadVersions(db, classId);
  const { effective, inReview, signatureProblem } = currentRaciVersions(db, versions);
  const rev = getRevision(db, classScope(classId));
  const violations = validateMatrix(r.resolved, r.activities, r.parties);
  const months = reattestMonths(db);
  const effectiveSnapshot = effective ? (JSON.parse(effective.content) as RaciSnapshot) : null;
  const basis = effectiveSnapshot
    ? signedBasis({
        resolved: r.resolved,
        live: r.snapshot,
        effective: effectiveSnapshot,
        template: loadTemplate(db),
        signedAncestors: signedAncestorSnapshots(
          db,
          r.chain.slice(0, -1).map((c) => c.classId),
        ),
      })
    : r.snapshot;
  const src = (s: { kind: string; className?: string }) => (s.kind === "template" ? "template" : s.kind === "class" ? s.className! : null);
  const cells: GridCell[] = [];
  for (const a of r.activities) {
    for (const p of r.parties) {
      const c = cellAt(r.resolved, a.id, p.id);
      cells.push({
        activityId: a.id,
        partyId: p.id,
        letter: c.letter,
        overriddenHere: c.overriddenHere,
        from: src(c.source as { kind: string; className?: string }),
        inheritedLetter: c.inheritedLetter,
        inheritedFrom: src(c.inheritedSource as { kind: string; className?: string }),
      });
    }
  }
  const inactive = inReview ? inactiveUserIds(db) : new Set<number>();
  const review = inReview
    ? {
        version: inReview,
        // A required signer who was deactivated can never sign: the page says so and leads to a new lead.
        slots: signerSlots(db, inReview).map((s) => ({ ...s, signerInactive: s.userId != null && !s.signature && inactive.has(s.userId) })),
        signatures: verifyRecordSignatures(db, { entityType: RACI_ENTITY, entityId: String(inReview.id) }, signedContent(inReview)),
      }
    : null;
  const eff = effective
    ? {
        version: effective,
        signatures: verifyRecordSignatures(db, { entityType: RACI_ENTITY, entityId: String(effective.id) }, signedContent(effective)),
        reattestSlots: signerSlots(db, effective, "reattest", effective.lastAttestedAt ?? undefined),
      }
    : null;
  const lastReturned = [...versions].reverse().find((v) => v.status === "returned") ?? null;
  return {
    deviceClass: r.deviceClass,
    chain: r.chain.map((c) => ({ id: c.classId, name: c.className })),
    activities: r.activities,
    parties: r.parties,
    cells,
    revision: rev.revision,
    violations,
    versions: versions.map((v) => ({ id: v.id, versionNo: v.versionNo, status: v.status, submittedAt: v.submittedAt, effectiveAt: v.effectiveAt })),
    review,
    effective: eff,
    signatureProblem: signatureProblem
      ? {
          versionNo: signatureProblem.version.versionNo,
          problems: signatureProblem.problems,
          signatures: verifyRecordSignatures(
            db,
            { entityType: RACI_ENTITY, entityId: String(signatureProblem.version.id) },
            signedContent(signatureProblem.version),
          ),
        }
      : null,
    lastReturned: lastReturned && (!inReview || lastReturned.versionNo > inReview.versionNo) ? lastReturned : null,
    pendingChanges: effectiveSnapshot ? diffSnapshots(effectiveSnapshot, basis) : [],
    /** Letters that differ from the signed version only because a parent's draft or version in review proposes them. */
    unsignedUpstreamChanges: effectiveSnapshot ? diffSnapshots(basis, r.snapshot) : [],
    affectedSignedChildren: affectedSignedChildren(db, r.deviceClass.id, r.resolved),
    signerPlan: requiredSigners(r.snapshot.cells, r.parties),
    reattestMonths: months,
    effectiveSnapshot,
    liveSnapshot: basis,
    hasOwnOverrides: r.chain[r.chain.length - 1]!.overrides.length > 0,
    editedAt: rev.updatedAt,
  };
}
export type RaciClassView = ReturnType<typeof getRaciClass>;
