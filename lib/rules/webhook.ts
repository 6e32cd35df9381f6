/**
 * Outbound webhooks: how a delivery is signed and when a failed one is tried again. Pure.
 *
 * Signature: `Clearline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The timestamp is
 * inside the MAC so a receiver can refuse replays older than a few minutes; `v1` names the scheme so it can change.
 */
import crypto from "node:crypto";

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: true when the header is a valid signature of `body` made within `toleranceSeconds`. */
export function verifySignature(secret: string, body: string, header: string | null, nowSeconds: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureHeader(secret, body, t).split("v1=")[1]!, "hex");
  return crypto.timingSafeEqual(expected, Buffer.from(m[2]!, "hex"));
}

/** Minutes to wait after the n-th failed attempt (1-based); after the last, the delivery has failed. */
export const RETRY_MINUTES = [1, 5, 30, 120, 720] as const;

export function nextAttempt(attemptsMade: number, now: Date): { state: "pending"; at: string } | { state: "failed" } {
  const wait = RETRY_MINUTES[attemptsMade - 1];
  if (wait === undefined) return { state: "failed" };
  return { state: "pending", at: new Date(now.getTime() + wait * 60_000).toISOString() };
}

/** A receiver URL: http(s), no credentials in it (they would land in logs), no fragment. */
export function webhookUrlProblem(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return "Enter a full URL, such as https://integration.hospital.example/clearline.";
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return "The URL must start with https:// (or http:// inside the hospital's network).";
  if (u.username || u.password) return "Put no user name or password in the URL: the signature authenticates Clearline.";
  if (u.hash) return "Remove the #fragment from the URL.";
  return null;
}
