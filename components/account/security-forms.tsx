"use client";

import { startTransition, useActionState, useId } from "react";
import Link from "next/link";
import type { ActionState } from "@/lib/server/action";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/fields";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

export function ChangePasswordForm({ action, required }: { action: FormAction; required: boolean }) {
  return (
    <ActionForm action={action} submitLabel="Change password" resetOnSuccess successRedirect={required ? "/account/security" : undefined}>
      <TextField name="currentPassword" label="Current password" type="password" required autoComplete="current-password" />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 15 characters; not a common password."
      />
    </ActionForm>
  );
}

interface Enrolment {
  manualKey: string;
  uri: string;
  qrDataUrl: string;
}
type EnrolAction = (prev: ActionState<Enrolment>, input: FormData) => Promise<ActionState<Enrolment>>;
type ConfirmAction = (prev: ActionState<{ recoveryCodes: string[] }>, input: FormData) => Promise<ActionState<{ recoveryCodes: string[] }>>;

/**
 * Enrolment in three steps on one page: start (a new secret, drawn as a QR code on the server), confirm with a code
 * from the app, then the recovery codes, shown this once only.
 */
export function TotpEnrolment({ start, confirm, continueHref }: { start: EnrolAction; confirm: ConfirmAction; continueHref: string }) {
  const [started, startAction, starting] = useActionState(start, null);
  const [confirmed, confirmAction, confirming] = useActionState(confirm, null);
  const codeId = useId();
  const keyId = useId();
  const hydrated = useHydrated();

  if (confirmed?.ok && confirmed.data) {
    return (
      <div className="space-y-3">
        <Alert tone="success">Your authenticator app is set up. From now on Clearline asks for a code after your password.</Alert>
        <h3 className="text-sm font-semibold">Your recovery codes</h3>
        <p className="text-sm text-slate-700">
          Each code signs you in once if you lose your phone. Store them somewhere safe now: Clearline keeps only a hash and cannot show them again.
        </p>
        <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
          {confirmed.data.recoveryCodes.map((c) => (
            <li key={c} className="rounded bg-slate-100 px-2 py-1">
              {c}
            </li>
          ))}
        </ol>
        <Link href={continueHref} className={buttonClass("primary")}>
          I have stored my recovery codes — continue
        </Link>
      </div>
    );
  }

  if (!started?.ok || !started.data) {
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          startTransition(() => startAction(fd));
        }}
        className="space-y-3"
      >
        {started && !started.ok && started.formError && <Alert tone="error">{started.formError}</Alert>}
        <p className="text-sm text-slate-700">Use an authenticator app (Microsoft Authenticator, Google Authenticator, 1Password…) on your phone.</p>
        <button type="submit" disabled={starting || !hydrated} className={buttonClass("primary")}>
          {starting ? "Preparing…" : "Set up authenticator app"}
        </button>
      </form>
    );
  }

  const e = started.data;
  const fieldErrors = confirmed && !confirmed.ok ? confirmed.fieldErrors?.code : undefined;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">Scan this QR code with your authenticator app, or type the key by hand.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server; nothing to optimize */}
      <img src={e.qrDataUrl} width={220} height={220} alt="QR code for your authenticator app (the same key is written below)" />
      <div>
        <p id={keyId} className="text-sm font-medium">
          Key for manual entry
        </p>
        <code aria-labelledby={keyId} data-testid="totp-manual-key" className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm">
          {e.manualKey}
        </code>
        <p className="text-xs text-slate-500">Time-based, 6 digits, every 30 seconds.</p>
      </div>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          const fd = new FormData(ev.currentTarget);
          startTransition(() => confirmAction(fd));
        }}
        className="space-y-3"
        noValidate
      >
        {confirmed && !confirmed.ok && confirmed.formError && <Alert tone="error">{confirmed.formError}</Alert>}
        <div className="space-y-1">
          <label htmlFor={codeId} className="block text-sm font-medium">
            Code from the app
          </label>
          <input
            id={codeId}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            aria-invalid={fieldErrors ? true : undefined}
            aria-describedby={fieldErrors ? `${codeId}-error` : undefined}
            className="block w-40 rounded-md border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600"
          />
          {fieldErrors && (
            <p id={`${codeId}-error`} className="text-sm text-red-700">
              {fieldErrors.join(" ")}
            </p>
          )}
        </div>
        <button type="submit" disabled={confirming} className={buttonClass("primary")}>
          {confirming ? "Checking…" : "Confirm code"}
        </button>
      </form>
    </div>
  );
}
