import { eq } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { isReattestationDue } from "@/lib/rules/raci";
import type { SignRaciInput } from "@/lib/validation/raci";
import { appendAudit } from "../audit/append-audit";
import { confirmSigner, writeSignature } from "../signatures/sign-record";
import { RACI_ENTITY, reattestMonths, signedContent } from "./raci-records";
import { signerSlots, slotFor } from "./signers";
import { clock } from "@/lib/clock";

/**
 * Re-attestation: the required signers sign the same, unchanged content again (kind "reattest"). When
 * all have, the version's attestation date moves to now.
 */
export async function reattestRaci(db: Db, actor: Actor, input: SignRaciInput, now = clock.now()) {
  assertCan(actor, "raci.sign");
  const v = db.select().from(raciVersions).where(eq(raciVersions.id, input.versionId)).get();
  if (!v) throw notFound("RACI version");
  if (v.status !== "effective") throw new AppError("INVALID_STATE", "Only the effective version can be re-attested.");
  if (!isReattestationDue(v.lastAttestedAt ?? v.effectiveAt!, reattestMonths(db), now)) throw new AppError("INVALID_STATE", "Re-attestation is not due yet.");
  const slot = slotFor(actor, signerSlots(db, v, "reattest", v.lastAttestedAt ?? undefined));
  if (!slot) throw new AppError("FORBIDDEN", "You are not a required signer of this version, or you have already re-attested it.");
  const proof = await confirmSigner(db, actor, input, { entityType: RACI_ENTITY, entityId: String(v.id) }, now);
  return writeTxWhenFree(db, (tx) => {
    const fresh = tx.select().from(raciVersions).where(eq(raciVersions.id, v.id)).get()!;
    const since = fresh.lastAttestedAt ?? undefined;
    const mine = slotFor(actor, signerSlots(tx, fresh, "reattest", since));
    if (!mine) throw new AppError("CONFLICT", "This re-attestation slot was filled meanwhile.");
    writeSignature(
      tx,
      actor,
      { ref: { entityType: RACI_ENTITY, entityId: String(v.id) }, content: signedContent(fresh), meaning: mine.meaning, kind: "reattest", proof },
      now,
    );
    const remaining = signerSlots(tx, fresh, "reattest", since).filter((s) => !s.signature);
    if (remaining.length === 0) {
      tx.update(raciVersions).set({ lastAttestedAt: now.toISOString() }).where(eq(raciVersions.id, v.id)).run();
      appendAudit(tx, {
        actor,
        action: "RACI_REATTESTED",
        entityType: RACI_ENTITY,
        entityId: v.id,
        oldValues: { lastAttestedAt: fresh.lastAttestedAt },
        newValues: { lastAttestedAt: now.toISOString() },
        at: now,
      });
    }
    return { complete: remaining.length === 0, remaining: remaining.length, waitingFor: remaining.map((x) => x.label) };
  });
}
