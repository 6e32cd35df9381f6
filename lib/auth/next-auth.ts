import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { AppError } from "@/lib/errors";
import { signIn } from "@/lib/services/auth/sign-in";
import { revokeSession } from "@/lib/services/auth/session";
import { loadSecrets, sessionPolicyFromEnv } from "@/lib/server/config";
import { getDb } from "@/lib/server/db";

/**
 * next-auth v4 carries only a session id in its encrypted JWT cookie; the session itself lives in the
 * database (lib/services/auth/session.ts) so it can be revoked. Credentials today; an OIDC provider
 * can be added to `providers` later (see docs/decisions/0002-next-auth-v4.md).
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: loadSecrets().authSecret,
    session: { strategy: "jwt", maxAge: sessionPolicyFromEnv().absoluteHours * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Authentication code", type: "text" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "");
          const password = String(credentials?.password ?? "");
          const code = credentials?.code ? String(credentials.code) : undefined;
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          // The address scripts/server.mjs took from the connection (and the trusted proxies, if any). Under another
          // server (next dev) there is none to trust: X-Forwarded-For would be the client's own words.
          const client = process.env.CLEARLINE_CLIENT_HEADER === "1" ? (headers["x-clearline-client"] ?? "unknown").slice(0, 64) : "local";
          try {
            const { userId, sessionId } = await signIn(await getDb(), { email, password, code, client });
            return { id: String(userId), sid: sessionId };
          } catch (e) {
            // The message travels to the sign-in form as ?error=…; only our own sentences go there.
            if (e instanceof AppError) throw new Error(e.message);
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "sid" in user) token.sid = (user as { sid: string }).sid;
        return token;
      },
      // The client never needs the session id or anything else from the token.
      session({ session }) {
        return { expires: session.expires } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as { sid?: string } | null)?.sid;
        if (sid) revokeSession(await getDb(), sid);
      },
    },
  };
}
