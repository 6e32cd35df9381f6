"use client";

import { createContext, useActionState, useContext, useEffect, useRef, startTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/server/action";
import { Alert } from "@/components/ui/alert";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useHydrated } from "@/components/ui/use-hydrated";

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
  autoSave = false,
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
  /**
   * Save as the user goes: a choice (select, checkbox, radio) submits at once, typed text when its field loses
   * focus. Submissions queue: React runs a form's action calls one after the other, in order (useActionState).
   * Inputs marked `data-no-autosave` wait for the next change or for the button.
   */
  autoSave?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const typed = useRef(false);
  const hydrated = useHydrated();

  useEffect(() => {
    if (state?.ok && resetOnSuccess) ref.current?.reset();
    if (state?.ok && successRedirect) router.push(successRedirect);
    if (state && !state.ok && state.expired) router.push("/sign-in?reason=expired");
  }, [state, resetOnSuccess, successRedirect, router]);

  const autoSubmit = () => ref.current?.requestSubmit();
  const isText = (t: EventTarget) =>
    (t instanceof HTMLInputElement && !["checkbox", "radio", "file", "hidden"].includes(t.type)) || t instanceof HTMLTextAreaElement;

  return (
    <form
      ref={ref}
      aria-label={ariaLabel}
      noValidate
      className={cn(inline ? "inline-flex flex-wrap items-center gap-2" : "space-y-4", className)}
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        typed.current = false;
        startTransition(() => formAction(fd));
      }}
      onChange={
        autoSave
          ? (e) => {
              const t = e.target as HTMLElement;
              if (t.closest("[data-no-autosave]")) return;
              if (isText(t)) typed.current = true;
              else if (t instanceof HTMLInputElement && t.type === "file") return;
              else autoSubmit();
            }
          : undefined
      }
      onBlur={
        autoSave
          ? (e) => {
              if (typed.current && isText(e.target)) {
                typed.current = false;
                autoSubmit();
              }
            }
          : undefined
      }
    >
      {state && !state.ok && state.formError && <Alert tone="error">{state.formError}</Alert>}
      {state?.ok && state.message && <Alert tone="success">{state.message}</Alert>}
      <FormStateContext.Provider value={{ state, pending }}>{children}</FormStateContext.Provider>
      <div>
        <button type="submit" disabled={pending || !hydrated} aria-label={submitAriaLabel} className={buttonClass(variant, inline ? "sm" : "md")}>
          {pending ? (pendingLabel ?? "Saving…") : submitLabel}
        </button>
      </div>
    </form>
  );
}
