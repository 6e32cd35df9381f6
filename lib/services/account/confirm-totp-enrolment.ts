import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { recoveryCodes, userTotp } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, invalid } from "@/lib/errors";
import { RECOVERY_CODE_COUNT, formatRecoveryCode, parseSecondFactor } from "@/lib/rules/mfa";
import { appendAudit } from "../audit/append-audit";
import { verifySecondFactor } from "../auth/verify-second-factor";
import { clock } from "@/lib/clock";

export const WRONG_ENROLMENT_CODE = "That code does not match. Check the time on your phone and enter the code your app shows now.";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => BASE32[b & 31]).join("");
}

/**
 * Completes enrolment with a code from the app (proving it holds the secret), and issues 10 recovery codes. Only their
 * argon2id hashes are stored: the codes are returned once, for the page to show once (NIST SP 800-63B §5.1.2 treats
 * them as look-up secrets, each usable once).
 */
export async function confirmTotpEnrolment(db: Db, actor: Actor, input: { code: string }, now = clock.now()): Promise<{ recoveryCodes: string[] }> {
  assertCan(actor, "account.secure");
  const pending = db.select().from(userTotp).where(eq(userTotp.userId, actor.id)).get();
  if (!pending) throw new AppError("INVALID_STATE", "Start again: scan the QR code first.");
  if (pending.confirmedAt) throw new AppError("INVALID_STATE", "Your authenticator app is already set up.");
  const factor = parseSecondFactor(input.code);
  if (factor.kind !== "totp") throw invalid("Enter the 6-digit code your app shows.", { code: ["Enter the 6-digit code your app shows."] });
  const verdict = await verifySecondFactor(db, actor.id, factor, now, { requireConfirmed: false });
  if (!verdict.ok) throw invalid(WRONG_ENROLMENT_CODE, { code: [WRONG_ENROLMENT_CODE] });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashPassword(c)));
  const at = now.toISOString();
  await writeTxWhenFree(db, (tx) => {
    const done = tx
      .update(userTotp)
      .set({ confirmedAt: at })
      .where(and(eq(userTotp.userId, actor.id), isNull(userTotp.confirmedAt)))
      .run();
    if (done.changes !== 1) throw new AppError("CONFLICT", "Your authenticator was set up in another window meanwhile.");
    tx.update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.userId, actor.id), isNull(recoveryCodes.usedAt)))
      .run();
    for (const codeHash of hashes) tx.insert(recoveryCodes).values({ userId: actor.id, codeHash, createdAt: at }).run();
    appendAudit(tx, {
      actor,
      action: "MFA_ENROLLED",
      entityType: "user",
      entityId: actor.id,
      newValues: { method: "totp", recoveryCodes: RECOVERY_CODE_COUNT },
      at: now,
    });
  });
  return { recoveryCodes: codes.map(formatRecoveryCode) };
}
