import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { signingChallenges, users } from "@/db/schema";
import { reauthenticationVerdict, type SigningChallengeRefusal } from "@/lib/rules/signing-challenge";
import { appendAudit } from "../audit/append-audit";
import { clock } from "@/lib/clock";

export interface ProviderReauthentication {
  challengeId: string;
  /** The Clearline session the browser came back with (null: none, or no longer valid). */
  sessionId: string | null;
  issuer: string;
  subject: string;
  /** The validated ID token's `auth_time` claim, as sent. */
  authTime: unknown;
}

export type SatisfyResult = { ok: true; returnTo: string } | { ok: false; reason: SigningChallengeRefusal; returnTo: string };

/**
 * The provider sent the signer back (called from next-auth's signIn callback, where the validated ID token is at hand):
 * the challenge is satisfied only when the same person (issuer + sub of the linked account), in the same Clearline
 * session, logged in at the provider no earlier than the challenge was opened — a login the provider reused instead of
 * asking again has an older `auth_time` and is refused. Either outcome is audited with the method and committed.
 */
export function satisfySigningChallenge(db: Db, login: ProviderReauthentication, now = clock.now()): SatisfyResult {
  return writeTx(db, (tx) => {
    const ch = tx.select().from(signingChallenges).where(eq(signingChallenges.id, login.challengeId)).get();
    if (!ch) return { ok: false, reason: "missing", returnTo: "/" } as const;
    const user = tx.select().from(users).where(eq(users.id, ch.userId)).get()!;
    const verdict: { ok: true; authTime: Date } | { ok: false; reason: SigningChallengeRefusal } = !user.active
      ? { ok: false, reason: "inactive" }
      : user.ssoSubject !== `${login.issuer} ${login.subject}`
        ? { ok: false, reason: "other_identity" }
        : reauthenticationVerdict(ch, { sessionId: login.sessionId, authTime: login.authTime, now });
    const subject = `${login.issuer} ${login.subject}`;
    const challenge = ch.id.slice(0, 12);
    if (!verdict.ok) {
      appendAudit(tx, {
        actor: user,
        action: "SIGNING_REAUTHENTICATION_REFUSED",
        entityType: ch.entityType,
        entityId: ch.entityId,
        newValues: { method: "sso", reason: verdict.reason, challenge, subject, authTime: typeof login.authTime === "number" ? login.authTime : null },
        at: now,
      });
      return { ok: false, reason: verdict.reason, returnTo: ch.returnTo };
    }
    tx.update(signingChallenges).set({ satisfiedAt: now.toISOString(), authTime: verdict.authTime.toISOString() }).where(eq(signingChallenges.id, ch.id)).run();
    appendAudit(tx, {
      actor: user,
      action: "SIGNING_REAUTHENTICATED",
      entityType: ch.entityType,
      entityId: ch.entityId,
      newValues: { method: "sso", challenge, subject, authTime: verdict.authTime.toISOString() },
      at: now,
    });
    return { ok: true, returnTo: ch.returnTo };
  });
}
