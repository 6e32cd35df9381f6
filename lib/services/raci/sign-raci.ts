import { and, eq } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import type { SignRaciInput } from "@/lib/validation/raci";
import { appendAudit } from "../audit/append-audit";
import { confirmSigner, writeSignature } from "../signatures/sign-record";
import { RACI_ENTITY, signedContent } from "./raci-records";
import { signerSlots, slotFor } from "./signers";
import { clock } from "@/lib/clock";

/**
 * A required signer signs a version in review, with their password re-entered and the meaning of their
 * slot. When every slot is signed, the version becomes effective and the previous effective version is
 * superseded — signature, audit rows and state change in one transaction.
 */
export async function signRaci(db: Db, actor: Actor, input: SignRaciInput, now = clock.now()) {
  assertCan(actor, "raci.sign");
  const v = db.select().from(raciVersions).where(eq(raciVersions.id, input.versionId)).get();
  if (!v) throw notFound("RACI version");
  if (v.status !== "in_review") throw new AppError("INVALID_STATE", "This version is not awaiting signatures.");
  const slot = slotFor(actor, signerSlots(db, v));
  if (!slot) throw new AppError("FORBIDDEN", "You are not a required signer of this version, or you have already signed it.");
  const proof = await confirmSigner(db, actor, input, { entityType: RACI_ENTITY, entityId: String(v.id) }, now);

  return writeTxWhenFree(db, (tx) => {
    // Re-check inside the write lock: another signer or a return may have happened meanwhile.
    const fresh = tx.select().from(raciVersions).where(eq(raciVersions.id, v.id)).get()!;
    if (fresh.status !== "in_review") throw new AppError("INVALID_STATE", "This version is no longer awaiting signatures.");
    const mySlot = slotFor(actor, signerSlots(tx, fresh));
    if (!mySlot) throw new AppError("CONFLICT", "This signature slot was filled meanwhile.");
    writeSignature(tx, actor, { ref: { entityType: RACI_ENTITY, entityId: String(v.id) }, content: signedContent(fresh), meaning: mySlot.meaning, proof }, now);
    const remaining = signerSlots(tx, fresh).filter((s) => !s.signature);
    if (remaining.length === 0) {
      const at = now.toISOString();
      const prev = tx
        .select()
        .from(raciVersions)
        .where(and(eq(raciVersions.deviceClassId, v.deviceClassId), eq(raciVersions.status, "effective")))
        .get();
      if (prev) {
        tx.update(raciVersions).set({ status: "superseded", supersededAt: at }).where(eq(raciVersions.id, prev.id)).run();
        appendAudit(tx, {
          actor,
          action: "RACI_SUPERSEDED",
          entityType: RACI_ENTITY,
          entityId: prev.id,
          oldValues: { status: "effective" },
          newValues: { status: "superseded" },
          at: now,
        });
      }
      tx.update(raciVersions).set({ status: "effective", effectiveAt: at, lastAttestedAt: at }).where(eq(raciVersions.id, v.id)).run();
      appendAudit(tx, {
        actor,
        action: "RACI_EFFECTIVE",
        entityType: RACI_ENTITY,
        entityId: v.id,
        oldValues: { status: "in_review" },
        newValues: { status: "effective" },
        at: now,
      });
      return { effective: true, remaining: 0 };
    }
    return { effective: false, remaining: remaining.length };
  });
}
