"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { buttonClass } from "@/components/ui/button";

/** Starts the OpenID Connect redirect (next-auth fetches the provider's URL, then the browser navigates there). */
export function SsoButton({ label, callbackUrl, primary }: { label: string; callbackUrl: string; primary: boolean }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      className={buttonClass(primary ? "primary" : "secondary") + " w-full"}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
    >
      {pending ? "Redirecting…" : label}
    </button>
  );
}
