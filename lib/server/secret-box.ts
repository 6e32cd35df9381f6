import crypto from "node:crypto";
import { loadSecrets } from "./config";

/**
 * Secrets Clearline must read back (webhook signing secrets), sealed with AES-256-GCM under a key derived (HKDF) from
 * the server's signature key. A database copy alone does not reveal them.
 */
function key(): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", loadSecrets().signatureKey, "clearline", "webhook-secrets-v1", 32));
}

export function seal(plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), c.getAuthTag().toString("base64url")].join(".");
}

export function unseal(sealed: string): string {
  const [v, iv, body, tag] = sealed.split(".");
  if (v !== "v1" || !iv || !body || !tag) throw new Error("Not a sealed secret.");
  const d = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
}
