import "server-only";
import { cookies } from "next/headers";

/**
 * The signing challenge a browser is re-authenticating for (docs/decisions/0031). Sent only to next-auth's routes
 * (path /api/auth), HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET, which Lax lets through).
 * It only names the challenge: the challenge itself is bound to the user and session on the server.
 */
const SIGNING_COOKIE = "clearline.signing-challenge";
const COOKIE_PATH = "/api/auth";

export async function setSigningChallengeCookie(id: string, maxAgeSeconds: number): Promise<void> {
  (await cookies()).set(SIGNING_COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    path: COOKIE_PATH,
    maxAge: maxAgeSeconds,
    secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  });
}

/** Reads and clears it: one provider round trip answers one challenge. */
export async function takeSigningChallengeCookie(): Promise<string | null> {
  const jar = await cookies();
  const id = jar.get(SIGNING_COOKIE)?.value ?? null;
  if (id) jar.delete({ name: SIGNING_COOKIE, path: COOKIE_PATH });
  return id;
}
