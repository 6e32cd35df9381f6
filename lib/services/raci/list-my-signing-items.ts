import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { isReattestationDue } from "@/lib/rules/raci";
import { reattestMonths } from "./raci-records";
import { raciSignaturesByVersion, signerSlots, slotFor } from "./signers";
import { clock } from "@/lib/clock";

/** What the actor must sign now: versions in review with an open slot for them, and re-attestations due. */
export function listMySigningItems(db: Db, actor: Actor, now = clock.now()) {
  assertCan(actor, "raci.read");
  // Class by class through raci_versions_class_status_idx, rather than every version ever signed.
  const open = db
    .select({ v: raciVersions, className: deviceClasses.name })
    .from(deviceClasses)
    .innerJoin(raciVersions, eq(raciVersions.deviceClassId, deviceClasses.id))
    .where(inArray(raciVersions.status, ["in_review", "effective"]))
    .orderBy(asc(deviceClasses.id))
    .all();
  const months = reattestMonths(db);
  const toSign: { classId: number; className: string; versionNo: number; meaning: string }[] = [];
  const toReattest: { classId: number; className: string; versionNo: number; meaning: string }[] = [];
  const candidates = open.filter(({ v }) => v.status === "in_review" || isReattestationDue(v.lastAttestedAt ?? v.effectiveAt!, months, now));
  // The signatures of every candidate in one query (not one per version).
  const sigs = raciSignaturesByVersion(
    db,
    candidates.map(({ v }) => v.id),
  );
  for (const { v, className } of candidates) {
    if (v.status === "in_review") {
      const slot = slotFor(actor, signerSlots(db, v, "sign", undefined, sigs.get(v.id)));
      if (slot) toSign.push({ classId: v.deviceClassId, className, versionNo: v.versionNo, meaning: slot.meaning });
    } else {
      const slot = slotFor(actor, signerSlots(db, v, "reattest", v.lastAttestedAt ?? undefined, sigs.get(v.id)));
      if (slot) toReattest.push({ classId: v.deviceClassId, className, versionNo: v.versionNo, meaning: slot.meaning });
    }
  }
  return { toSign, toReattest };
}
