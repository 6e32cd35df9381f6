"use client";

import { useActionState, startTransition } from "react";
import type { FormAction } from "@/components/forms/action-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

/** Runs the integrity check; a failure is shown as an error with the first bad entry. */
export function VerifyIntegrityButton({ action }: { action: FormAction }) {
  const [state, run, pending] = useActionState(action, null);
  const data = state?.ok ? (state.data as { ok: boolean } | undefined) : undefined;
  return (
    <div className="space-y-2">
      <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={() => startTransition(() => run(new FormData()))}>
        {pending ? "Verifying…" : "Verify integrity"}
      </button>
      {state?.ok && <Alert tone={data?.ok ? "success" : "error"}>{state.message}</Alert>}
      {state && !state.ok && <Alert tone="error">{state.formError}</Alert>}
    </div>
  );
}
