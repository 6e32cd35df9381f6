import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionIdFromCookie } from "./session-cookie";
import { resolveSession } from "@/lib/services/auth/session";
import { loadSecrets, sessionPolicyFromEnv } from "@/lib/server/config";
import { getDb } from "@/lib/server/db";
import type { AccountRestriction } from "@/lib/rules/mfa";
import type { Actor } from "./permissions";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export type CurrentSession = { actor: Actor } | { actor: null; reason: "none" | "expired" | "ended" | "restricted" };

export type AccountSession =
  | { actor: Actor; sessionId: string; method: "password" | "sso"; restriction: AccountRestriction | null }
  | { actor: null; reason: "none" | "expired" | "ended" };

/**
 * Reads the session cookie and checks the server-side session. Cached per request. A session that must first replace
 * its password or enrol in MFA is "restricted": for everything but the account security page it is no session.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession> => {
  const s = await getAccountSession();
  if (!s.actor) return s;
  if (s.restriction) return { actor: null, reason: "restricted" };
  return { actor: s.actor };
});

/** The session as the account security page sees it: restricted sessions included. Cached per request. */
export const getAccountSession = cache(async (): Promise<AccountSession> => {
  const jar = await cookies();
  const raw = COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return { actor: null, reason: "none" };
  let sid: unknown;
  try {
    sid = await sessionIdFromCookie(raw, loadSecrets().authSecret);
  } catch {
    return { actor: null, reason: "ended" };
  }
  if (typeof sid !== "string") return { actor: null, reason: "ended" };
  const check = resolveSession(await getDb(), sid, sessionPolicyFromEnv());
  if (check.ok) return { actor: check.actor, sessionId: sid, method: check.method, restriction: check.restriction };
  const expired = check.status === "idle_expired" || check.status === "absolute_expired";
  return { actor: null, reason: expired ? "expired" : "ended" };
});

/** For pages: the actor, or a redirect to sign-in saying why. */
export async function requirePageActor(): Promise<Actor> {
  const s = await getCurrentSession();
  if (s.actor) return s.actor;
  if (s.reason === "restricted") redirect("/account/security");
  redirect(s.reason === "none" ? "/sign-in" : `/sign-in?reason=${s.reason}`);
}
