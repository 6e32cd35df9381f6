import type { Role } from "@/db/schema/enums";
import { can } from "@/lib/auth/permissions";

/**
 * Multi-factor rules (issue #14). NIST SP 800-63B AAL2 asks for a second factor; HHS 405(d) HICP and the CISA
 * cross-sector goals single out privileged accounts. Clearline's setting makes it required for admins (privileged) and
 * for everyone who signs records (leadership and party leads), whose e-signatures carry accountability.
 */
export const MFA_SETTING_KEY = "auth.mfaRequiredForSigners";
export const RECOVERY_CODE_COUNT = 10;

/** Whether the policy asks this user for MFA. Contributors and auditors may still enrol of their own accord. */
export function mfaRequiredFor(user: { roles: readonly Role[]; leadOfPartyIds: readonly number[] }, requiredForSigners: boolean): boolean {
  if (!requiredForSigners) return false;
  return can(user, "account.mfaRequired") || user.leadOfPartyIds.length > 0;
}

/** What a session must do before it may use Clearline: replace an admin-set password, then enrol in MFA. */
export type AccountRestriction = "change_password" | "enrol_mfa";

export function accountRestriction(s: {
  userId: number;
  passwordSetBy: number | null;
  method: "password" | "sso";
  mfaRequired: boolean;
  mfaEnrolled: boolean;
}): AccountRestriction | null {
  // An SSO session never used the Clearline password, and its second factor is the identity provider's business.
  if (s.method === "sso") return null;
  // An initial or reset password was chosen and seen by someone else (NIST SP 800-63B §6.1.2.3): replace it first.
  if (s.passwordSetBy != null && s.passwordSetBy !== s.userId) return "change_password";
  if (s.mfaRequired && !s.mfaEnrolled) return "enrol_mfa";
  return null;
}

export type SecondFactor = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | { kind: "none" };

/** A TOTP code is 6 digits (spaces tolerated, as apps show "123 456"); a recovery code is 10 letters/digits, dash optional. */
export function parseSecondFactor(raw: string | undefined | null): SecondFactor | { kind: "malformed" } {
  const v = (raw ?? "").replace(/\s+/g, "");
  if (!v) return { kind: "none" };
  if (/^\d{6}$/.test(v)) return { kind: "totp", code: v };
  const r = v.replace(/-/g, "").toUpperCase();
  if (/^[A-Z2-7]{10}$/.test(r)) return { kind: "recovery", code: r };
  return { kind: "malformed" };
}

/** Recovery codes are shown as "ABCDE-FGHIJ" from the base32 alphabet (no 0/1/8/9 to confuse with O/I/B/g). */
export function formatRecoveryCode(normalized: string): string {
  return `${normalized.slice(0, 5)}-${normalized.slice(5)}`;
}
