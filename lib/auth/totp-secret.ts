import crypto from "node:crypto";
import { loadSecrets } from "@/lib/server/config";

/**
 * TOTP secrets must be readable by the server (a code is computed from them), so they cannot be hashed like
 * passwords; they are encrypted at rest with AES-256-GCM under a key derived from NEXTAUTH_SECRET, so a copy of the
 * database file alone (a backup, a stolen disk) does not yield working authenticators. Rotating NEXTAUTH_SECRET
 * therefore means every user re-enrols (docs/decisions/0025-mfa-state-and-forced-change.md).
 */
function key(): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", loadSecrets().authSecret, "clearline", "totp-secret-v1", 32));
}

export function sealTotpSecret(secret: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const enc = Buffer.concat([c.update(secret, "utf8"), c.final()]);
  return `v1.${iv.toString("base64url")}.${enc.toString("base64url")}.${c.getAuthTag().toString("base64url")}`;
}

export function openTotpSecret(sealed: string): string | null {
  const [v, iv, enc, tag] = sealed.split(".");
  if (v !== "v1" || !iv || !enc || !tag) return null;
  try {
    const d = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(enc, "base64url")), d.final()]).toString("utf8");
  } catch {
    return null;
  }
}
