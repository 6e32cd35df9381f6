import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Thrown when the server must not start: the message says exactly what to set. */
export class ConfigError extends Error {}

export interface Secrets {
  /** Signs the next-auth session cookie (JWT). */
  authSecret: string;
  /** Keys the audit trail's hash chain. */
  auditKey: string;
  /** Keys electronic signatures' content hashes. */
  signatureKey: string;
}

const SECRET_ENV: Record<keyof Secrets, string> = {
  authSecret: "NEXTAUTH_SECRET",
  auditKey: "AUDIT_HMAC_KEY",
  signatureKey: "SIGNATURE_HMAC_KEY",
};

export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH ?? path.join(process.cwd(), "data", "clearline.db"));
}

export function dataDir(): string {
  return path.dirname(databasePath());
}

/** Demo mode (the default) seeds Lakeside Regional Health into an empty database. SEED_DEMO=0 turns it off. */
export function isDemoMode(): boolean {
  return process.env.SEED_DEMO !== "0";
}

export function sessionPolicyFromEnv(): { idleMinutes: number; absoluteHours: number } {
  const idle = Number(process.env.SESSION_IDLE_MINUTES ?? 30);
  const abs = Number(process.env.SESSION_MAX_HOURS ?? 12);
  return {
    idleMinutes: Number.isFinite(idle) && idle > 0 ? idle : 30,
    absoluteHours: Number.isFinite(abs) && abs > 0 ? abs : 12,
  };
}

let cached: Secrets | undefined;

/**
 * Secrets come from the environment. In demo mode (or outside production) missing ones are generated
 * once into `<data>/secrets.json` with owner-only permissions, so a demo survives restarts. In production
 * without them the server refuses to start.
 */
export function loadSecrets(): Secrets {
  if (cached) return cached;
  const fromEnv: Partial<Secrets> = {};
  for (const [k, env] of Object.entries(SECRET_ENV) as [keyof Secrets, string][]) {
    const v = process.env[env];
    if (v) {
      if (v.length < 32) throw new ConfigError(`${env} must be at least 32 characters long.`);
      fromEnv[k] = v;
    }
  }
  const missing = (Object.keys(SECRET_ENV) as (keyof Secrets)[]).filter((k) => !fromEnv[k]);
  if (missing.length === 0) return (cached = fromEnv as Secrets);

  const mayGenerate = isDemoMode() || process.env.NODE_ENV !== "production";
  if (!mayGenerate) {
    throw new ConfigError(
      `Clearline will not start: ${missing.map((k) => SECRET_ENV[k]).join(", ")} ${missing.length > 1 ? "are" : "is"} not set. ` +
        `Set each to a random value of at least 32 characters (for example: openssl rand -hex 32).`,
    );
  }
  const file = path.join(dataDir(), "secrets.json");
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
  let changed = false;
  for (const k of missing) {
    if (!stored[k]) {
      stored[k] = crypto.randomBytes(32).toString("hex");
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  fs.chmodSync(file, 0o600);
  cached = { ...stored, ...fromEnv } as Secrets;
  return cached;
}

/** For tests: fixed secrets without touching disk. */
export function setSecretsForTests(s: Secrets): void {
  cached = s;
}

/** Single sign-on through an OpenID Connect provider (issue #14), configured by environment. */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's words, e.g. "Sign in with Microsoft Entra ID". */
  displayName: string;
  /** Email domains whose people are provisioned at their first sign-in; empty: only accounts an admin created. */
  allowedDomains: string[];
  /** The claim holding the person's groups (Entra ID and Okta: "groups"). */
  groupsClaim: string;
  /** Scopes asked for; some providers need an extra one for groups (OIDC_SCOPE, default "openid email profile"). */
  scope: string;
  /**
   * Providers that vouch for the email without an `email_verified` claim (Entra ID sends none): OIDC_EMAIL_VERIFIED=1.
   * Otherwise an email not marked verified is never used to provision or to link an existing account.
   */
  trustEmail: boolean;
}

/** OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together turn SSO on; a partial set is a configuration error. */
export function ssoConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret)
    throw new ConfigError("Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together; set all three or none.");
  try {
    new URL(issuer);
  } catch {
    throw new ConfigError(`OIDC_ISSUER must be the provider's issuer URL (for example https://login.microsoftonline.com/<tenant>/v2.0); got "${issuer}".`);
  }
  return {
    issuer: issuer.replace(/\/$/, ""),
    clientId,
    clientSecret,
    displayName: env.OIDC_DISPLAY_NAME?.trim() || "Sign in with single sign-on",
    allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? "")
      .split(",")
      .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean),
    groupsClaim: env.OIDC_GROUPS_CLAIM?.trim() || "groups",
    scope: env.OIDC_SCOPE?.trim() || "openid email profile",
    trustEmail: env.OIDC_EMAIL_VERIFIED === "1",
  };
}

/** LOCAL_SIGN_IN=0 hides the email/password form and refuses password sign-in (only when SSO is configured). */
export function localSignInEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LOCAL_SIGN_IN !== "0" || ssoConfigFromEnv(env) === null;
}
