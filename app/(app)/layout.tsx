import { getAccountSession, requirePageActor } from "@/lib/auth/current";
import { navigationFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { MainMenu } from "@/components/layout/main-menu";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { SoftLinks } from "@/components/ui/soft-links";
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
        {/* Plain links with one client-side click handler for the whole header (decision 0044): the shell is on every
            signed-in page, and a next/link per link was most of its server time over a bare page. */}
        <SoftLinks className="mx-auto flex max-w-[110rem] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- SoftLinks above navigates client-side (decision 0044). */}
          <a href="/" className="text-lg font-semibold tracking-tight text-brand-800 no-underline">
            Clearline
          </a>
          <MainMenu items={navigationFor(actor).map((n) => ({ href: n.href, label: n.label }))} />
          <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm">
            <span className="text-slate-700">
              <span className="font-medium">{actor.name}</span>
              <span className="text-slate-500"> · {actor.roles.map((r) => ROLE_LABELS[r]).join(", ")}</span>
            </span>
            <a href="/account/security">Account security</a>
            <SignOutButton />
          </div>
        </SoftLinks>
      </header>
      <main id="main" className="mx-auto max-w-[110rem] px-4 py-6">
        <SigningMethodProvider value={signing}>{children}</SigningMethodProvider>
      </main>
    </div>
  );
}
