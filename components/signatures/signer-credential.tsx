"use client";

import { useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { startSigningChallengeAction } from "@/app/(app)/_shared/signing/actions";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { SIGNING_CHALLENGE_MINUTES, SIGNING_CHALLENGE_REFUSALS, type SigningChallengeRefusal } from "@/lib/rules/signing-challenge";
import { useSigningMethod } from "./signing-method";

/** The query parameters a signing round trip uses; removed again when a new one starts. */
const SIGNING_PARAMS = ["signing", "signing_for", "signing_refused"];

/**
 * The proof part of a signature form (21 CFR 11.200(a)(1)): the password field for a local account; for a person who
 * signs through the OpenID provider, a button that opens a signing challenge for this record and sends them to the
 * provider with `prompt=login` and `max_age=0`, then, back on this page, the satisfied challenge's id for the form to
 * send (docs/decisions/0031). The server checks the proof either way; this only chooses what to ask for.
 */
export function SignerCredential({ record, children }: { record: { entityType: string; entityId: string }; children: React.ReactNode }) {
  const signing = useSigningMethod();
  const pathname = usePathname();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (signing.method === "password") return <>{children}</>;

  const forThis = params.get("signing_for") === `${record.entityType}:${record.entityId}`;
  const challenge = forThis ? params.get("signing") : null;
  const refusedParam = forThis ? params.get("signing_refused") : null;
  const refused =
    refusedParam && Object.hasOwn(SIGNING_CHALLENGE_REFUSALS, refusedParam) ? (refusedParam as SigningChallengeRefusal) : refusedParam ? "not_satisfied" : null;

  async function reauthenticate() {
    setBusy(true);
    setError(null);
    const rest = new URLSearchParams(params.toString());
    for (const p of SIGNING_PARAMS) rest.delete(p);
    rest.set("signing_for", `${record.entityType}:${record.entityId}`);
    const returnTo = `${pathname}?${rest.toString()}`;
    const r = await startSigningChallengeAction(null, { ...record, returnTo });
    if (!r?.ok || !r.data) {
      setError((r && !r.ok && r.formError) || "The re-authentication could not be started. Reload the page and try again.");
      setBusy(false);
      return;
    }
    const back = new URLSearchParams(rest);
    back.set("signing", r.data.id);
    // OpenID Connect Core §3.1.2.1: prompt=login makes the provider ask again; max_age=0 makes it say when (auth_time).
    await signIn("oidc", { callbackUrl: `${pathname}?${back.toString()}` }, { prompt: "login", max_age: "0" });
  }

  if (challenge) {
    return (
      <div className="space-y-1">
        <input type="hidden" name="signingChallenge" value={challenge} />
        <p className="text-sm text-slate-700">
          <span aria-hidden="true">✓ </span>You re-authenticated with {signing.providerName}. Sign within {SIGNING_CHALLENGE_MINUTES} minutes; each signature
          needs its own re-authentication.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {refused && <Alert tone="error">{SIGNING_CHALLENGE_REFUSALS[refused]}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <button type="button" className={buttonClass("secondary")} onClick={reauthenticate} disabled={busy}>
        {busy ? "Opening your identity provider…" : `Re-authenticate with ${signing.providerName} to sign`}
      </button>
      <p className="text-xs text-slate-500">
        Your identity provider asks you to sign in again: that fresh login confirms that it is you who signs (21 CFR 11.200).
      </p>
    </div>
  );
}
