"use client";

import { createContext, useActionState, useContext, useEffect, useRef, startTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/server/action";
import { Alert } from "@/components/ui/alert";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** Any action made by defineAction; `prev` is typed loosely because each action narrows its own result. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormAction = (prev: any, input: FormData) => Promise<ActionState<unknown>>;

const FormStateContext = createContext<{ state: ActionState<unknown>; pending: boolean }>({ state: null, pending: false });
export const useFormState = () => useContext(FormStateContext);

/**
 * A form bound to a server action defined with defineAction. Shows the form-level error or success
 * message, passes field errors to the fields, and keeps what the user typed when the server refuses.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingLabel,
  variant = "primary",
  resetOnSuccess = false,
  className,
  successRedirect,
  inline = false,
  ariaLabel,
  submitAriaLabel,
}: {
  action: FormAction;
  children?: React.ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  resetOnSuccess?: boolean;
  className?: string;
  successRedirect?: string;
  inline?: boolean;
  ariaLabel?: string;
  submitAriaLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  const router = useRouter();

  useEffect(() => {
    if (state?.ok && resetOnSuccess) ref.current?.reset();
    if (state?.ok && successRedirect) router.push(successRedirect);
    if (state && !state.ok && state.expired) router.push("/sign-in?reason=expired");
  }, [state, resetOnSuccess, successRedirect, router]);

  return (
    <form
      ref={ref}
      aria-label={ariaLabel}
      noValidate
      className={cn(inline ? "inline-flex flex-wrap items-center gap-2" : "space-y-4", className)}
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        startTransition(() => formAction(fd));
      }}
    >
      {state && !state.ok && state.formError && <Alert tone="error">{state.formError}</Alert>}
      {state?.ok && state.message && <Alert tone="success">{state.message}</Alert>}
      <FormStateContext.Provider value={{ state, pending }}>{children}</FormStateContext.Provider>
      <div>
        <button type="submit" disabled={pending} aria-label={submitAriaLabel} className={buttonClass(variant, inline ? "sm" : "md")}>
          {pending ? (pendingLabel ?? "Saving…") : submitLabel}
        </button>
      </div>
    </form>
  );
}
