import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { NO_LOCAL_PASSWORD } from "../auth/sso-sign-in";

/**
 * How this person proves who they are when they sign (docs/decisions/0031): at the OpenID provider when their session
 * came from it or they have no Clearline password (and their account is linked to the provider), else their password.
 * Only decides which form to show; confirmSigner checks whichever proof arrives.
 */
export function signingMethodFor(db: DbOrTx, actor: Actor, sessionMethod: "password" | "sso", ssoConfigured: boolean): "password" | "sso" {
  if (!ssoConfigured) return "password";
  const u = db.select({ ssoSubject: users.ssoSubject, passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id)).get();
  if (!u?.ssoSubject) return "password";
  return sessionMethod === "sso" || u.passwordHash === NO_LOCAL_PASSWORD ? "sso" : "password";
}
