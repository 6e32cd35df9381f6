"use client";

import { useId, useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
// Only after a sign-in has waited its bound for a large import's COMMIT (decision 0048).
import { IMPORT_WRITING_MESSAGE } from "@/lib/errors";
import { buttonClass } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

const GENERIC = "Email or password is incorrect.";
// The server's sentences (lib/services/auth/sign-in.ts); the form keys on them.
const CODE_NEEDED = "Enter the 6-digit code from your authenticator app, or one of your recovery codes.";
const WRONG_CODE_PREFIX = "That code is incorrect or was already used.";

/** Only our own sentences are shown; anything else from the auth library becomes the generic message. */
function messageFor(error: string): string {
  if (error === GENERIC || error === IMPORT_WRITING_MESSAGE || error.startsWith("Too many failed sign-in attempts") || error.startsWith(WRONG_CODE_PREFIX))
    return error;
  return GENERIC;
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ email?: string; password?: string; code?: string }>({});
  const [pending, setPending] = useState(false);
  // After the right password of an account with MFA: the code step. The password stays in this component's memory
  // only, and is sent again with the code (the server holds nothing between the two steps).
  const [askCode, setAskCode] = useState(false);
  const hydrated = useHydrated();
  const emailId = useId();
  const passwordId = useId();
  const codeId = useId();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    // An empty field is not a wrong password: say what is missing and send nothing (no failed attempt is counted).
    const email = String(fd.get("email") ?? "").trim();
    const password = String(fd.get("password") ?? "");
    const code = String(fd.get("code") ?? "").trim();
    const empty = {
      email: email ? undefined : "Enter your email address.",
      password: password ? undefined : "Enter your password.",
      code: askCode && !code ? "Enter the code from your authenticator app, or a recovery code." : undefined,
    };
    setMissing(empty);
    if (empty.email || empty.password || empty.code) {
      setError(null);
      (e.currentTarget.elements.namedItem(empty.email ? "email" : empty.password ? "password" : "code") as HTMLInputElement | null)?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, ...(askCode ? { code } : {}), redirect: false });
      if (!res || res.error) {
        if (res?.error === CODE_NEEDED) {
          setAskCode(true);
          return;
        }
        setError(messageFor(res?.error ?? ""));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Clearline could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="space-y-1">
        <label htmlFor={emailId} className="block text-sm font-medium">
          Email
        </label>
        <input
          id={emailId}
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={missing.email ? true : undefined}
          aria-describedby={missing.email ? `${emailId}-error` : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
        />
        {missing.email && (
          <p id={`${emailId}-error`} className="text-sm text-red-700">
            {missing.email}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor={passwordId} className="block text-sm font-medium">
          Password
        </label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={missing.password ? true : undefined}
          aria-describedby={missing.password ? `${passwordId}-error` : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
        />
        {missing.password && (
          <p id={`${passwordId}-error`} className="text-sm text-red-700">
            {missing.password}
          </p>
        )}
      </div>
      {askCode && (
        <div className="space-y-1">
          <label htmlFor={codeId} className="block text-sm font-medium">
            Authentication code
          </label>
          <p id={`${codeId}-hint`} className="text-xs text-slate-500">
            {CODE_NEEDED}
          </p>
          {/* Focused when it appears: the person's next step is this field. */}
          <input
            id={codeId}
            name="code"
            autoFocus
            inputMode="text"
            autoComplete="one-time-code"
            aria-invalid={missing.code ? true : undefined}
            aria-describedby={`${codeId}-hint${missing.code ? ` ${codeId}-error` : ""}`}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600"
          />
          {missing.code && (
            <p id={`${codeId}-error`} className="text-sm text-red-700">
              {missing.code}
            </p>
          )}
        </div>
      )}
      <button type="submit" disabled={pending || !hydrated} className={buttonClass("primary") + " w-full"}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
