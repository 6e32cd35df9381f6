import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { signingChallenges, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { safeReturnPath, signingChallengeExpiry } from "@/lib/rules/signing-challenge";
import type { StartSigningChallengeInput } from "@/lib/validation/signing";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";

/**
 * Opens a signing challenge before the signer is sent to the OpenID provider (docs/decisions/0031): bound to this user,
 * this session and this record, open for SIGNING_CHALLENGE_MINUTES. Only an account linked to the provider can satisfy
 * one, so others are refused here with a sentence rather than after a pointless trip to the provider.
 */
export function startSigningChallenge(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: StartSigningChallengeInput,
  now = clock.now(),
): { id: string; returnTo: string } {
  assertCan(actor, "signature.sign");
  const user = db.select({ ssoSubject: users.ssoSubject, active: users.active }).from(users).where(eq(users.id, actor.id)).get();
  if (!user?.active) throw new AppError("UNAUTHENTICATED", "Your session expired. Sign in again.");
  if (!user.ssoSubject) throw new AppError("INVALID_STATE", "Your account is not linked to the identity provider: sign with your Clearline password.");
  const id = crypto.randomBytes(24).toString("base64url");
  const returnTo = safeReturnPath(input.returnTo);
  writeTx(db, (tx) => {
    tx.insert(signingChallenges)
      .values({
        id,
        userId: actor.id,
        sessionId,
        entityType: input.entityType,
        entityId: input.entityId,
        returnTo,
        createdAt: now.toISOString(),
        expiresAt: signingChallengeExpiry(now).toISOString(),
      })
      .run();
    appendAudit(tx, {
      actor,
      action: "SIGNING_CHALLENGE_STARTED",
      entityType: input.entityType,
      entityId: input.entityId,
      newValues: { method: "sso", challenge: id.slice(0, 12) },
      at: now,
    });
  });
  return { id, returnTo };
}
