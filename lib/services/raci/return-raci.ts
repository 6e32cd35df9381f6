import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { raciVersions } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import type { ReturnRaciInput } from "@/lib/validation/raci";
import { appendAudit } from "../audit/append-audit";
import { RACI_ENTITY } from "./raci-records";
import { signerSlots } from "./signers";
import { clock } from "@/lib/clock";

/** In review → back to draft, with a comment saying why. Required signers, leadership and admins may. */
export function returnRaci(db: Db, actor: Actor, input: ReturnRaciInput, now = clock.now()) {
  assertCan(actor, "raci.return");
  return writeTx(db, (tx) => {
    const v = tx.select().from(raciVersions).where(eq(raciVersions.id, input.versionId)).get();
    if (!v) throw notFound("RACI version");
    if (v.status !== "in_review") throw new AppError("INVALID_STATE", "Only a version in review can be returned to draft.");
    const isSigner = signerSlots(tx, v).some((s) => s.userId === actor.id);
    if (!isSigner && !can(actor, "raci.returnAny")) {
      throw new AppError("FORBIDDEN", "Only a required signer, leadership or an admin can return this version.");
    }
    const at = now.toISOString();
    tx.update(raciVersions)
      .set({ status: "returned", returnedBy: actor.id, returnedAt: at, returnComment: input.comment })
      .where(eq(raciVersions.id, v.id))
      .run();
    appendAudit(tx, {
      actor,
      action: "RACI_RETURNED",
      entityType: RACI_ENTITY,
      entityId: v.id,
      oldValues: { status: "in_review" },
      newValues: { status: "returned", comment: input.comment },
      at: now,
    });
    return { versionNo: v.versionNo };
  });
}
