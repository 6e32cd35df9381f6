"use client";

import { signOut } from "next-auth/react";
import { buttonClass } from "@/components/ui/button";

/** Signs out through next-auth, whose signOut event revokes the server-side session. */
export function SignOutButton() {
  return (
    <button type="button" className={buttonClass("ghost", "sm")} onClick={() => signOut({ callbackUrl: "/sign-in?reason=signed_out" })}>
      Sign out
    </button>
  );
}
