import { eq } from "drizzle-orm";
import { generateSecret, generateURI } from "otplib";
import QRCode from "qrcode";
import { writeTx, type Db } from "@/db/client";
import { userTotp } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { sealTotpSecret } from "@/lib/auth/totp-secret";
import { AppError } from "@/lib/errors";
import { clock } from "@/lib/clock";

export interface TotpEnrolment {
  /** Base32 key for typing into an authenticator app by hand. */
  manualKey: string;
  /** otpauth:// URI (Google Authenticator key-URI format), also encoded in the QR code. */
  uri: string;
  /** The QR code as a PNG data URL, drawn on the server: the key never goes to a third-party QR service. */
  qrDataUrl: string;
}

/**
 * Starts (or restarts) enrolling the actor's own authenticator: a fresh 160-bit secret (RFC 4226 §4 recommends
 * 160 bits) replaces any unconfirmed one. Refused when an authenticator is already confirmed: an admin resets MFA first,
 * so nobody holding a signed-in session can silently swap the second factor.
 */
export async function startTotpEnrolment(db: Db, actor: Actor, now = clock.now()): Promise<TotpEnrolment> {
  assertCan(actor, "account.secure");
  const secret = generateSecret({ length: 20 });
  writeTx(db, (tx) => {
    const existing = tx.select().from(userTotp).where(eq(userTotp.userId, actor.id)).get();
    if (existing?.confirmedAt) throw new AppError("INVALID_STATE", "Your authenticator app is already set up. Ask an admin to reset your MFA if you lost it.");
    const values = { secretEnc: sealTotpSecret(secret), createdAt: now.toISOString(), confirmedAt: null, lastTimeStep: null };
    if (existing) tx.update(userTotp).set(values).where(eq(userTotp.userId, actor.id)).run();
    else
      tx.insert(userTotp)
        .values({ userId: actor.id, ...values })
        .run();
  });
  const uri = generateURI({ issuer: "Clearline", label: actor.email, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 220 });
  return { manualKey: secret.replace(/(.{4})/g, "$1 ").trim(), uri, qrDataUrl };
}
