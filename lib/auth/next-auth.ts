import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { groupsFromClaim } from "@/lib/rules/sso";
import { INVALID_CREDENTIALS, signIn } from "@/lib/services/auth/sign-in";
import { revokeSession } from "@/lib/services/auth/session";
import { SsoRefused, ssoSignIn } from "@/lib/services/auth/sso-sign-in";
import { satisfySigningChallenge } from "@/lib/services/signatures/satisfy-signing-challenge";
import { takeSigningChallengeCookie } from "@/lib/server/signing-cookie";
import { getAccountSession } from "./current";
import { loadSecrets, localSignInEnabled, sessionPolicyFromEnv, ssoConfigFromEnv, type SsoConfig } from "@/lib/server/config";
import { getWritableDb } from "@/lib/server/db";

/** The client's address as scripts/server.mjs recorded it; under another server there is none to trust. */
function clientKeyFrom(h: { get(name: string): string | null | undefined }): string {
  return process.env.CLEARLINE_CLIENT_HEADER === "1" ? (h.get("x-clearline-client") ?? "unknown").slice(0, 64) : "local";
}

/**
 * The OpenID Connect provider (issue #14), through next-auth's generic OAuth provider with discovery. The ID token is
 * validated (signature, issuer, audience, nonce) and PKCE and state protect the redirect (OAuth 2.0 Security BCP).
 */
function oidcProvider(sso: SsoConfig): Provider {
  return {
    id: "oidc",
    name: sso.displayName,
    type: "oauth",
    wellKnown: `${sso.issuer}/.well-known/openid-configuration`,
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    authorization: { params: { scope: sso.scope } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile(claims: Record<string, unknown>) {
      return {
        id: String(claims.sub),
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}

/** The page the signer came from, with what the signing form needs to know about the provider's answer. */
function signingReturnPath(returnTo: string, params: Record<string, string>): string {
  const url = new URL(returnTo, "http://clearline.invalid");
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
}

/**
 * next-auth v4 carries only a session id in its encrypted JWT cookie; the session itself lives in the
 * database (lib/services/auth/session.ts) so it can be revoked. Credentials (password, then a TOTP code when
 * enrolled) and, when configured, an OpenID Connect provider (docs/decisions/0026-sso-oidc.md).
 */
export function authOptions(): NextAuthOptions {
  const sso = ssoConfigFromEnv();
  return {
    secret: loadSecrets().authSecret,
    session: { strategy: "jwt", maxAge: sessionPolicyFromEnv().absoluteHours * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
        },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "");
          const password = String(credentials?.password ?? "");
          const code = credentials?.code ? String(credentials.code) : undefined;
          const raw = (req?.headers ?? {}) as Record<string, string | undefined>;
          // The address scripts/server.mjs took from the connection (and the trusted proxies, if any). Under another
          // server (next dev) there is none to trust: X-Forwarded-For would be the client's own words.
          const client = clientKeyFrom({ get: (n) => raw[n] });
          if (!localSignInEnabled()) throw new Error(INVALID_CREDENTIALS);
          try {
            const { userId, sessionId } = await signIn(await getWritableDb(), { email, password, code, client });
            return { id: String(userId), sid: sessionId };
          } catch (e) {
            // The message travels to the sign-in form as ?error=…; only our own sentences go there.
            if (e instanceof AppError) throw new Error(e.message);
            throw e;
          }
        },
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      /**
       * An SSO sign-in: Clearline decides (lib/services/auth/sso-sign-in.ts) and opens its own server-side session, whose
       * id rides on the user object to the jwt callback below. A refusal goes back to the sign-in page with its reason.
       */
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc" || !sso) return true;
        const claims = (profile ?? {}) as Record<string, unknown>;
        // A re-authentication for a signature (docs/decisions/0031), not a sign-in: the person keeps the session they
        // have; the challenge is satisfied, or refused with its reason on the page they came from.
        // A leftover cookie without a live session (it expired during the round trip) is an ordinary sign-in.
        const challengeId = await takeSigningChallengeCookie();
        const current = challengeId ? await getAccountSession() : null;
        if (challengeId && current?.actor) {
          const r = satisfySigningChallenge(await getWritableDb(), {
            challengeId,
            sessionId: current.sessionId,
            issuer: sso.issuer,
            subject: String(claims.sub ?? ""),
            authTime: claims.auth_time,
          });
          if (!r.ok) return signingReturnPath(r.returnTo, { signing_refused: r.reason });
          (user as { sid?: string }).sid = current.sessionId;
          return true;
        }
        let client = "unknown";
        try {
          client = clientKeyFrom(await headers());
        } catch {
          // Outside a request scope (never in the app): the address stays unknown.
        }
        try {
          const r = ssoSignIn(
            await getWritableDb(),
            {
              issuer: sso.issuer,
              subject: String(claims.sub ?? ""),
              email: typeof claims.email === "string" ? claims.email : "",
              emailVerified: claims.email_verified === true || sso.trustEmail,
              name: typeof claims.name === "string" ? claims.name : "",
              groups: groupsFromClaim(claims[sso.groupsClaim]),
              client,
            },
            { allowedDomains: sso.allowedDomains },
          );
          (user as { sid?: string }).sid = r.sessionId;
          return true;
        } catch (e) {
          if (e instanceof SsoRefused) return `/sign-in?reason=sso_${e.reason}`;
          throw e;
        }
      },
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
        if (sid) revokeSession(await getWritableDb(), sid);
      },
    },
  };
}
