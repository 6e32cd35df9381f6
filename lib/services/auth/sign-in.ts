import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { loginAttempts, sessions, users } from "@/db/schema";
import { dummyHash, verifyPassword } from "@/lib/auth/password-hash";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { parseSecondFactor } from "@/lib/rules/mfa";
import { isMfaEnrolled } from "./mfa-status";
import { markPasswordAttemptSucceeded, reservePasswordAttempt } from "./reserve-password-attempt";
import { verifySecondFactor } from "./verify-second-factor";
import { clock } from "@/lib/clock";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";
/** Told only after the right password, so the form can ask for the second factor (the form keys on this sentence). */
export const CODE_NEEDED = "Enter the 6-digit code from your authenticator app, or one of your recovery codes.";
export const WRONG_CODE = "That code is incorrect or was already used. Enter the current code from your authenticator app, or an unused recovery code.";

export interface SignInInput {
  email: string;
  password: string;
  /** TOTP or recovery code, for an account enrolled in MFA (sent again with the password: nothing is held between steps). */
  code?: string;
  /** Client key (IP address as seen by the server, or "unknown"). */
  client: string;
}

export interface SignInOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Verifies credentials under throttling and opens a server-side session. The same message answers a
 * wrong password, an unknown email and a deactivated account, so the form does not reveal which
 * accounts exist. Throws AppError UNAUTHENTICATED or RATE_LIMITED.
 */
export async function signIn(db: Db, input: SignInInput, opts: SignInOptions = {}): Promise<{ userId: number; sessionId: string }> {
  const now = opts.now ?? (() => clock.now());
  const sleep = opts.sleep ?? realSleep;
  const emailKey = input.email.trim().toLowerCase();
  const clientKey = input.client || "unknown";

  // Counted before the password is verified, in one immediate transaction (issue #10, finding 15).
  const attempt = await writeTxWhenFree(db, (tx) => reservePasswordAttempt(tx, emailKey, clientKey, now()));
  if (attempt.delayMs > 0) await sleep(attempt.delayMs);

  const user = db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${emailKey}`)
    .get();
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  const at = now();

  if (!ok || !user || !user.active) {
    if (user) {
      await writeTxWhenFree(db, (tx) =>
        appendAudit(tx, {
          actor: null,
          action: user.active ? "SIGN_IN_FAILED" : "SIGN_IN_REFUSED_INACTIVE",
          entityType: "user",
          entityId: user.id,
          newValues: { client: clientKey, method: "password" },
          at,
        }),
      );
    }
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }

  // The second factor rides on the same counted attempt as the password, so wrong codes are throttled exactly as
  // wrong passwords are (issue #14: "throttling covers codes as it covers passwords").
  let secondFactor: "totp" | "recovery" | null = null;
  if (isMfaEnrolled(db, user.id)) {
    const factor = parseSecondFactor(input.code);
    if (factor.kind === "none") {
      // The right password without a code is not a guess: the reserved attempt is withdrawn, not left as a failure.
      await writeTxWhenFree(db, (tx) => tx.delete(loginAttempts).where(eq(loginAttempts.id, attempt.id)).run());
      throw new AppError("UNAUTHENTICATED", CODE_NEEDED);
    }
    const verdict = factor.kind === "malformed" ? { ok: false as const } : await verifySecondFactor(db, user.id, factor, at);
    if (!verdict.ok) {
      await writeTxWhenFree(db, (tx) =>
        appendAudit(tx, {
          actor: null,
          action: "SIGN_IN_FAILED",
          entityType: "user",
          entityId: user.id,
          newValues: { client: clientKey, method: "password", step: "second_factor" },
          at,
        }),
      );
      throw new AppError("UNAUTHENTICATED", WRONG_CODE);
    }
    secondFactor = verdict.kind;
  }

  const sessionId = crypto.randomBytes(32).toString("base64url");
  await writeTxWhenFree(db, (tx) => {
    markPasswordAttemptSucceeded(tx, attempt.id);
    tx.insert(sessions)
      .values({ id: sessionId, userId: user.id, createdAt: at.toISOString(), lastSeenAt: at.toISOString(), client: clientKey, method: "password" })
      .run();
    appendAudit(tx, {
      actor: user,
      action: "SIGN_IN",
      entityType: "user",
      entityId: user.id,
      newValues: { client: clientKey, method: "password", secondFactor },
      at,
    });
  });
  return { userId: user.id, sessionId };
}
