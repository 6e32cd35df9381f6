import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { resolveSession } from "@/lib/services/auth/session";
import { loadSecrets, sessionPolicyFromEnv } from "@/lib/server/config";
import { getDb } from "@/lib/server/db";
import type { Actor } from "./permissions";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export type CurrentSession = { actor: Actor } | { actor: null; reason: "none" | "expired" | "ended" };

/** Reads the session cookie and checks the server-side session. Cached per request. */
export const getCurrentSession = cache(async (): Promise<CurrentSession> => {
  const jar = await cookies();
  const raw = COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return { actor: null, reason: "none" };
  let sid: unknown;
  try {
    sid = (await decode({ token: raw, secret: loadSecrets().authSecret }))?.sid;
  } catch {
    return { actor: null, reason: "ended" };
  }
  if (typeof sid !== "string") return { actor: null, reason: "ended" };
  const check = resolveSession(await getDb(), sid, sessionPolicyFromEnv());
  if (check.ok) return { actor: check.actor };
  const expired = check.status === "idle_expired" || check.status === "absolute_expired";
  return { actor: null, reason: expired ? "expired" : "ended" };
});

/** For pages: the actor, or a redirect to sign-in saying why. */
export async function requirePageActor(): Promise<Actor> {
  const s = await getCurrentSession();
  if (s.actor) return s.actor;
  redirect(s.reason === "none" ? "/sign-in" : `/sign-in?reason=${s.reason}`);
}
