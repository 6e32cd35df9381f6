"use client";

import { createContext, useContext } from "react";

/** How the signed-in person signs: their password, or a fresh login at the named OpenID provider. Set by the app layout. */
export type SigningMethod = { method: "password" } | { method: "sso"; providerName: string };

const SigningMethodContext = createContext<SigningMethod>({ method: "password" });

export function SigningMethodProvider({ value, children }: { value: SigningMethod; children: React.ReactNode }) {
  return <SigningMethodContext.Provider value={value}>{children}</SigningMethodContext.Provider>;
}

export const useSigningMethod = () => useContext(SigningMethodContext);
