import { and, eq, isNull } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { recoveryCodes, sessions, userTotp, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";

/**
 * Admin removes a user's authenticator and recovery codes (a lost phone). The user's sessions end; at their next
 * sign-in the password alone is asked, and if the policy requires MFA they are led to enrol again. Audited.
 */
export function resetUserMfa(db: Db, actor: Actor, input: { id: number }, now = clock.now()) {
  assertCan(actor, "user.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const user = tx.select({ id: users.id }).from(users).where(eq(users.id, input.id)).get();
    if (!user) throw notFound("user");
    const had = tx.select().from(userTotp).where(eq(userTotp.userId, input.id)).get();
    if (!had) throw new AppError("INVALID_STATE", "This user has no authenticator to reset.");
    tx.delete(userTotp).where(eq(userTotp.userId, input.id)).run();
    const codes = tx
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.userId, input.id), isNull(recoveryCodes.usedAt)))
      .run();
    tx.update(sessions)
      .set({ revokedAt: at, revokeReason: "mfa_reset" })
      .where(and(eq(sessions.userId, input.id), isNull(sessions.revokedAt)))
      .run();
    appendAudit(tx, {
      actor,
      action: "USER_MFA_RESET",
      entityType: "user",
      entityId: input.id,
      oldValues: { enrolled: Boolean(had.confirmedAt), unusedRecoveryCodes: codes.changes },
      at: now,
    });
    return { wasEnrolled: Boolean(had.confirmedAt) };
  });
}
