import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { dummyHash, verifyPassword } from "@/lib/auth/password-hash";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { markPasswordAttemptSucceeded, reservePasswordAttempt } from "./reserve-password-attempt";
import { clock } from "@/lib/clock";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

export interface SignInInput {
  email: string;
  password: string;
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
  const attempt = writeTx(db, (tx) => reservePasswordAttempt(tx, emailKey, clientKey, now()));
  if (attempt.delayMs > 0) await sleep(attempt.delayMs);

  const user = db.select().from(users).where(sql`lower(${users.email}) = ${emailKey}`).get();
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  const at = now();

  if (!ok || !user || !user.active) {
    if (user) {
      writeTx(db, (tx) =>
        appendAudit(tx, {
          actor: null,
          action: user.active ? "SIGN_IN_FAILED" : "SIGN_IN_REFUSED_INACTIVE",
          entityType: "user",
          entityId: user.id,
          newValues: { client: clientKey },
          at,
        }),
      );
    }
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }

  const sessionId = crypto.randomBytes(32).toString("base64url");
  writeTx(db, (tx) => {
    markPasswordAttemptSucceeded(tx, attempt.id);
    tx.insert(sessions).values({ id: sessionId, userId: user.id, createdAt: at.toISOString(), lastSeenAt: at.toISOString(), client: clientKey }).run();
    appendAudit(tx, { actor: user, action: "SIGN_IN", entityType: "user", entityId: user.id, newValues: { client: clientKey }, at });
  });
  return { userId: user.id, sessionId };
}
