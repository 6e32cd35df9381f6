import { and, eq, isNull, lt, or } from "drizzle-orm";
import { verify } from "otplib";
import { writeTxWhenFree, type Db } from "@/db/client";
import { recoveryCodes, userTotp } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { openTotpSecret } from "@/lib/auth/totp-secret";
import type { SecondFactor } from "@/lib/rules/mfa";

/** RFC 6238 §5.2: accept the previous and next 30-second step too, for clock drift between phone and server. */
export const TOTP_TOLERANCE_SECONDS = 30;

export type SecondFactorResult = { ok: true; kind: "totp" | "recovery"; recoveryCodesLeft?: number } | { ok: false };

/**
 * Checks a TOTP code against the user's confirmed authenticator, or a recovery code against their unused ones.
 * Each success is consumed atomically: a TOTP step can be used once (RFC 6238 §5.2, "the verifier MUST NOT accept
 * the second attempt of the OTP after the successful validation"), a recovery code once ever. Throttling is the
 * caller's: sign-in counts the attempt before calling this.
 */
export async function verifySecondFactor(
  db: Db,
  userId: number,
  factor: SecondFactor,
  now: Date,
  opts: { requireConfirmed?: boolean } = {},
): Promise<SecondFactorResult> {
  if (factor.kind === "totp") {
    const row = db.select().from(userTotp).where(eq(userTotp.userId, userId)).get();
    if (!row || (opts.requireConfirmed !== false && !row.confirmedAt)) return { ok: false };
    const secret = openTotpSecret(row.secretEnc);
    if (!secret) return { ok: false };
    const r = await verify({
      secret,
      token: factor.code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(row.lastTimeStep != null ? { afterTimeStep: row.lastTimeStep } : {}),
    });
    if (!r.valid || !("timeStep" in r)) return { ok: false };
    const step = r.timeStep;
    const claimed = await writeTxWhenFree(db, (tx) =>
      tx
        .update(userTotp)
        .set({ lastTimeStep: step })
        .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastTimeStep), lt(userTotp.lastTimeStep, step))))
        .run(),
    );
    return claimed.changes === 1 ? { ok: true, kind: "totp" } : { ok: false };
  }
  if (factor.kind === "recovery") {
    const unused = db
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      .all();
    for (const c of unused) {
      if (!(await verifyPassword(c.codeHash, factor.code))) continue;
      const used = await writeTxWhenFree(db, (tx) =>
        tx
          .update(recoveryCodes)
          .set({ usedAt: now.toISOString() })
          .where(and(eq(recoveryCodes.id, c.id), isNull(recoveryCodes.usedAt)))
          .run(),
      );
      return used.changes === 1 ? { ok: true, kind: "recovery", recoveryCodesLeft: unused.length - 1 } : { ok: false };
    }
  }
  return { ok: false };
}
