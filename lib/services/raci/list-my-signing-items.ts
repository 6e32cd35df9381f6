import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { isReattestationDue } from "@/lib/rules/raci";
import { reattestMonths } from "./load";
import { signerSlots, slotFor } from "./signers";

/** What the actor must sign now: versions in review with an open slot for them, and re-attestations due. */
export function listMySigningItems(db: Db, actor: Actor, now = new Date()) {
  assertCan(actor, "raci.read");
  const open = db
    .select({ v: raciVersions, className: deviceClasses.name })
    .from(raciVersions)
    .innerJoin(deviceClasses, eq(deviceClasses.id, raciVersions.deviceClassId))
    .where(inArray(raciVersions.status, ["in_review", "effective"]))
    .all();
  const months = reattestMonths(db);
  const toSign: { classId: number; className: string; versionNo: number; meaning: string }[] = [];
  const toReattest: { classId: number; className: string; versionNo: number; meaning: string }[] = [];
  for (const { v, className } of open) {
    if (v.status === "in_review") {
      const slot = slotFor(actor, signerSlots(db, v));
      if (slot) toSign.push({ classId: v.deviceClassId, className, versionNo: v.versionNo, meaning: slot.meaning });
    } else if (isReattestationDue(v.lastAttestedAt ?? v.effectiveAt!, months, now)) {
      const slot = slotFor(actor, signerSlots(db, v, "reattest", v.lastAttestedAt ?? undefined));
      if (slot) toReattest.push({ classId: v.deviceClassId, className, versionNo: v.versionNo, meaning: slot.meaning });
    }
  }
  return { toSign, toReattest };
}
