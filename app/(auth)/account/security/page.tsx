import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getAccountSession } from "@/lib/auth/current";
import { isMfaEnrolled, mfaRequiredForSigners } from "@/lib/services/auth/mfa-status";
import { mfaRequiredFor } from "@/lib/rules/mfa";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm, TotpEnrolment } from "@/components/account/security-forms";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { changeOwnPasswordAction, confirmTotpEnrolmentAction, startTotpEnrolmentAction } from "./actions";

export const metadata: Metadata = { title: "Account security" };

/**
 * One's own password and authenticator. Also where a restricted session is sent (lib/rules/mfa.ts): an admin-set
 * password to replace, or MFA the policy requires; until done, no other page opens.
 */
export default async function AccountSecurityPage() {
  await connection();
  const s = await getAccountSession();
  if (!s.actor) redirect(s.reason === "none" ? "/sign-in" : `/sign-in?reason=${s.reason}`);
  const db = await getDb();
  const enrolled = isMfaEnrolled(db, s.actor.id);
  const required = mfaRequiredFor(s.actor, mfaRequiredForSigners(db));
  const sso = s.method === "sso";
  return (
    <div className="space-y-4">
      {s.restriction === "change_password" && (
        <Alert tone="warning">Your password was set by an administrator. Choose your own password before you continue.</Alert>
      )}
      {s.restriction === "enrol_mfa" && (
        <Alert tone="warning">Your organization requires multi-factor authentication for your role. Set up an authenticator app before you continue.</Alert>
      )}
      {sso ? (
        <Card title="Account security">
          <p className="text-sm text-slate-700">
            You signed in through your organization&apos;s single sign-on. Your password and second factor are managed there.
          </p>
        </Card>
      ) : s.restriction === "change_password" ? (
        <Card title="Change your password">
          <ChangePasswordForm action={changeOwnPasswordAction} required />
        </Card>
      ) : (
        <>
          <Card title="Authenticator app">
            {enrolled ? (
              <p className="text-sm text-slate-700">
                Your authenticator app is set up (MFA on). If you lose it, sign in with a recovery code, or ask an admin to reset your MFA.
              </p>
            ) : (
              <>
                {required && !s.restriction && <p className="mb-2 text-sm">Required for your role.</p>}
                <TotpEnrolment start={startTotpEnrolmentAction} confirm={confirmTotpEnrolmentAction} continueHref="/" />
              </>
            )}
          </Card>
          {!s.restriction && (
            <Card title="Change your password">
              <ChangePasswordForm action={changeOwnPasswordAction} required={false} />
            </Card>
          )}
        </>
      )}
      <div className="flex items-center justify-between text-sm">
        {s.restriction ? <span /> : <Link href="/">Back to Clearline</Link>}
        <SignOutButton />
      </div>
    </div>
  );
}
