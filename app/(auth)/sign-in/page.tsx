import type { Metadata } from "next";
import { parseQuery, q } from "@/lib/validation/query";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo-data";
import { getCurrentSession } from "@/lib/auth/current";
import { needsSetup } from "@/lib/services/admin/setup-organization";
import { isDemoMode, localSignInEnabled, ssoConfigFromEnv } from "@/lib/server/config";
import { SSO_REFUSALS } from "@/lib/services/auth/sso-sign-in";
import { SsoButton } from "@/components/auth/sso-button";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, { tone: "info" | "warning"; text: string }> = {
  expired: { tone: "warning", text: "Your session expired. Sign in again." },
  ended: { tone: "warning", text: "Your session has ended. Sign in again." },
  signed_out: { tone: "info", text: "You have signed out." },
  ...Object.fromEntries(Object.entries(SSO_REFUSALS).map(([k, text]) => [`sso_${k}`, { tone: "warning" as const, text }])),
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const db = await getDb();
  if (needsSetup(db)) redirect("/setup");
  const session = await getCurrentSession();
  if (session.actor) redirect("/");
  if (session.reason === "restricted") redirect("/account/security");
  // Unknown reasons and repeated keys are ignored here: nobody types these, so there is nothing to explain.
  const { query } = parseQuery({ reason: q.enum("Reason", Object.keys(REASONS)), callbackUrl: q.text(2000) }, await searchParams);
  const { reason, callbackUrl } = query;
  const notice = reason ? REASONS[reason] : undefined;
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  const demo = isDemoMode();
  const sso = ssoConfigFromEnv();
  const local = localSignInEnabled();
  return (
    <div className="space-y-4">
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <Card title="Sign in">
        <div className="space-y-4">
          {sso && <SsoButton label={sso.displayName} callbackUrl={safeCallback} primary={!local} />}
          {sso && local && <p className="text-center text-sm text-slate-500">or with your Clearline email and password</p>}
          {local && <SignInForm callbackUrl={safeCallback} />}
        </div>
      </Card>
      {demo && local && (
        <Card title="Demo accounts">
          <p className="text-sm text-slate-700">
            This is a demo of Lakeside Regional Health. Every demo account uses the password{" "}
            <code className="rounded bg-slate-100 px-1 font-mono">{DEMO_PASSWORD}</code>.
          </p>
          <ul className="mt-2 space-y-0.5 text-sm">
            {DEMO_USERS.map((u) => (
              <li key={u.email}>
                <code className="font-mono">{u.email}</code> <span className="text-slate-500">— {u.title}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
