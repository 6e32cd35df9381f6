import { and, eq, isNull, ne } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { markPasswordAttemptSucceeded, reservePasswordAttempt } from "../auth/reserve-password-attempt";
import { requireAcceptablePassword } from "../admin/user-guards";
import { clock } from "@/lib/clock";

export const WRONG_CURRENT_PASSWORD = "Your current password is incorrect. Nothing was changed.";

/**
 * The actor replaces their own password (required after an admin set it: NIST SP 800-63B §6.1.2.3). The current one is
 * re-entered and counted like a sign-in attempt, so a session left open cannot be used to guess it. The user's other
 * sessions end; this one continues.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  sessionId: string | null,
  now = clock.now(),
) {
  assertCan(actor, "account.secure");
  const user = db.select().from(users).where(eq(users.id, actor.id)).get();
  if (!user) throw invalid(WRONG_CURRENT_PASSWORD);
  const attempt = await writeTxWhenFree(db, (tx) => reservePasswordAttempt(tx, user.email.toLowerCase(), `account:${actor.id}`, now, true));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await writeTxWhenFree(db, (tx) => appendAudit(tx, { actor, action: "PASSWORD_CHANGE_REFUSED", entityType: "user", entityId: actor.id, at: now }));
    throw invalid(WRONG_CURRENT_PASSWORD, { currentPassword: [WRONG_CURRENT_PASSWORD] });
  }
  if (input.newPassword === input.currentPassword)
    throw invalid("Choose a password different from the current one.", { newPassword: ["Choose a password different from the current one."] });
  try {
    requireAcceptablePassword(input.newPassword, user);
  } catch (e) {
    await writeTxWhenFree(db, (tx) => markPasswordAttemptSucceeded(tx, attempt.id));
    const fe = (e as { fieldErrors?: Record<string, string[]> }).fieldErrors;
    throw invalid((e as Error).message, { newPassword: fe?.password ?? [(e as Error).message] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const at = now.toISOString();
  await writeTxWhenFree(db, (tx) => {
    markPasswordAttemptSucceeded(tx, attempt.id);
    tx.update(users).set({ passwordHash, passwordSetBy: actor.id, updatedAt: at }).where(eq(users.id, actor.id)).run();
    const others = and(eq(sessions.userId, actor.id), isNull(sessions.revokedAt), ...(sessionId ? [ne(sessions.id, sessionId)] : []));
    tx.update(sessions).set({ revokedAt: at, revokeReason: "password_changed" }).where(others).run();
    appendAudit(tx, {
      actor,
      action: "PASSWORD_CHANGED",
      entityType: "user",
      entityId: actor.id,
      newValues: { wasSetByAdmin: user.passwordSetBy != null && user.passwordSetBy !== actor.id },
      at: now,
    });
  });
}
