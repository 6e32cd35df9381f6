import crypto from "node:crypto";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { loginAttempts, sessions, users } from "@/db/schema";
import { dummyHash, verifyPassword } from "@/lib/auth/password-hash";
import { AppError } from "@/lib/errors";
import { THROTTLE, lockedMessage, throttleDecision } from "@/lib/rules/login-throttle";
import { appendAudit } from "../audit/append-audit";
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

  const decision = throttle(db, emailKey, clientKey, now());
  if (decision.kind === "locked") throw new AppError("RATE_LIMITED", lockedMessage(decision.retryAfterMinutes));
  if (decision.delayMs > 0) await sleep(decision.delayMs);

  const user = db.select().from(users).where(sql`lower(${users.email}) = ${emailKey}`).get();
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  const at = now();

  if (!ok || !user || !user.active) {
    writeTx(db, (tx) => {
      tx.insert(loginAttempts).values({ emailKey, clientKey, at: at.toISOString(), success: false }).run();
      if (user) {
        appendAudit(tx, {
          actor: null,
          action: user.active ? "SIGN_IN_FAILED" : "SIGN_IN_REFUSED_INACTIVE",
          entityType: "user",
          entityId: user.id,
          newValues: { client: clientKey },
          at,
        });
      }
    });
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }

  const sessionId = crypto.randomBytes(32).toString("base64url");
  writeTx(db, (tx) => {
    tx.insert(loginAttempts).values({ emailKey, clientKey, at: at.toISOString(), success: true }).run();
    tx.insert(sessions).values({ id: sessionId, userId: user.id, createdAt: at.toISOString(), lastSeenAt: at.toISOString(), client: clientKey }).run();
    appendAudit(tx, { actor: user, action: "SIGN_IN", entityType: "user", entityId: user.id, newValues: { client: clientKey }, at });
  });
  return { userId: user.id, sessionId };
}

/** Throttle verdict for an account and a client, from recent attempts. Shared with signature password checks. */
export function throttle(db: Db, emailKey: string, clientKey: string, now: Date) {
  const since = new Date(now.getTime() - (THROTTLE.windowMinutes + THROTTLE.lockMinutes) * 60_000).toISOString();
  const lastSuccess = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.emailKey, emailKey), eq(loginAttempts.success, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(1)
    .get();
  const accountFailures = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.emailKey, emailKey), eq(loginAttempts.success, false), gt(loginAttempts.at, lastSuccess?.at ?? since)))
    .orderBy(loginAttempts.at)
    .all()
    .map((r) => r.at);
  const clientFailures = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.clientKey, clientKey), eq(loginAttempts.success, false), gt(loginAttempts.at, since)))
    .orderBy(loginAttempts.at)
    .all()
    .map((r) => r.at);
  return throttleDecision(accountFailures, clientFailures, now);
}
