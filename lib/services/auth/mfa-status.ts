import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { settings, userTotp, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { MFA_SETTING_KEY, accountRestriction, mfaRequiredFor, type AccountRestriction } from "@/lib/rules/mfa";

/** The admin setting "MFA required for admins and signers" (off until an admin turns it on). */
export function mfaRequiredForSigners(db: DbOrTx): boolean {
  return mfaSettingOn(db.select().from(settings).where(eq(settings.key, MFA_SETTING_KEY)).get()?.value);
}

/** The stored value of that setting (JSON `true` when on; no row is off). */
export function mfaSettingOn(value: string | undefined): boolean {
  return value ? JSON.parse(value) === true : false;
}

/** Enrolled = a confirmed authenticator; an enrolment started but never confirmed does not count. */
export function isMfaEnrolled(db: DbOrTx, userId: number): boolean {
  return Boolean(
    db
      .select({ u: userTotp.userId })
      .from(userTotp)
      .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)))
      .get(),
  );
}

/**
 * What this session must do before it may use Clearline, derived on every request from the evidence. resolveSession
 * (./session.ts) derives the same from its prepared reads: a change here goes there too.
 */
export function restrictionFor(db: DbOrTx, actor: Pick<Actor, "id" | "roles" | "leadOfPartyIds">, method: "password" | "sso"): AccountRestriction | null {
  if (method === "sso") return null;
  const u = db.select({ passwordSetBy: users.passwordSetBy }).from(users).where(eq(users.id, actor.id)).get();
  return accountRestriction({
    userId: actor.id,
    passwordSetBy: u?.passwordSetBy ?? null,
    method,
    mfaRequired: mfaRequiredFor(actor, mfaRequiredForSigners(db)),
    mfaEnrolled: isMfaEnrolled(db, actor.id),
  });
}
