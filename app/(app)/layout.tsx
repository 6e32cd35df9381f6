import Link from "next/link";
import { getAccountSession, requirePageActor } from "@/lib/auth/current";
import { navigationFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { MainMenu } from "@/components/layout/main-menu";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { SigningMethodProvider, type SigningMethod } from "@/components/signatures/signing-method";
import { ssoConfigFromEnv } from "@/lib/server/config";
import { getDb } from "@/lib/server/db";
import { signingMethodFor } from "@/lib/services/signatures/signing-method";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const session = await getAccountSession();
  const sso = ssoConfigFromEnv();
  const signing: SigningMethod =
    sso && session.actor && signingMethodFor(await getDb(), actor, session.method, true) === "sso"
      ? { method: "sso", providerName: sso.displayName.replace(/^sign in with\s+/i, "") }
      : { method: "password" };
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[110rem] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <Link href="/" className="text-lg font-semibold tracking-tight text-brand-800 no-underline">
            Clearline
          </Link>
          <MainMenu items={navigationFor(actor).map((n) => ({ href: n.href, label: n.label }))} />
          <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm">
            <span className="text-slate-700">
              <span className="font-medium">{actor.name}</span>
              <span className="text-slate-500"> · {actor.roles.map((r) => ROLE_LABELS[r]).join(", ")}</span>
            </span>
            <Link href="/account/security">Account security</Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-[110rem] px-4 py-6">
        <SigningMethodProvider value={signing}>{children}</SigningMethodProvider>
      </main>
    </div>
  );
}
