import { and, asc, eq } from "drizzle-orm";
import { writeTxWhenFree, type Db, type DbOrTx } from "@/db/client";
import { signatures, signingChallenges, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, invalid } from "@/lib/errors";
import { challengeUseVerdict, SIGNING_CHALLENGE_REFUSALS, type SigningChallengeRefusal } from "@/lib/rules/signing-challenge";
import {
  buildSignature,
  contentHash,
  signatureSetVerdict,
  verifySignature,
  type RecordRef,
  type SignatureSetVerdict,
  type SignatureVerdict,
} from "@/lib/rules/signature";
import { loadSecrets } from "@/lib/server/config";
import { appendAudit } from "../audit/append-audit";
import { markPasswordAttemptSucceeded, reservePasswordAttempt } from "../auth/reserve-password-attempt";
import { clock } from "@/lib/clock";

export const WRONG_SIGNING_PASSWORD = "The password is incorrect. Nothing was signed.";

/**
 * 21 CFR 11.200(a)(1): the signer re-enters their password at the moment of signing. A wrong password
 * writes no signature; it is recorded in the audit trail and counts toward sign-in throttling.
 * Call before opening the transaction that writes the signature (hashing is asynchronous).
 */
export async function confirmSignerPassword(db: Db, actor: Actor, password: string, ref: RecordRef, now = clock.now()): Promise<void> {
  const emailKey = actor.email.toLowerCase();
  // Counted before verifying, atomically (issue #10, finding 15). The signer is signed in already, so the
  // per-account ceiling meant for anonymous guessers does not apply; the per-(account, signing) pause does.
  const attempt = await writeTxWhenFree(db, (tx) => reservePasswordAttempt(tx, emailKey, `signing:${actor.id}`, now, true));
  const user = db.select({ passwordHash: users.passwordHash, active: users.active }).from(users).where(eq(users.id, actor.id)).get();
  if (user?.active && password && (await verifyPassword(user.passwordHash, password))) {
    await writeTxWhenFree(db, (tx) => markPasswordAttemptSucceeded(tx, attempt.id));
    return;
  }
  await writeTxWhenFree(db, (tx) =>
    appendAudit(tx, {
      actor,
      action: "SIGNATURE_REFUSED_WRONG_PASSWORD",
      entityType: ref.entityType,
      entityId: ref.entityId,
      at: now,
    }),
  );
  throw invalid(WRONG_SIGNING_PASSWORD, { password: [WRONG_SIGNING_PASSWORD] });
}

const ENTER_PASSWORD_TO_SIGN = "Enter your password to sign.";

/** What the signer offers as proof: their password, or a re-authentication at the OpenID provider (its challenge id). */
export interface SignerCredential {
  password?: string;
  signingChallenge?: string;
}

/** How the signer proved who they are, checked; writeSignature records it (and uses the challenge up). */
export type SignerProof = { method: "password" } | { method: "sso"; challengeId: string };

/**
 * 21 CFR 11.200(a)(1): the signer proves who they are at the moment of signing — with their Clearline password, or
 * (docs/decisions/0031) with a fresh login at the OpenID provider, satisfied on a challenge for this very record.
 * A refusal writes no signature, is audited with the method, and says why. Call before the signing transaction.
 */
export async function confirmSigner(db: Db, actor: Actor, credential: SignerCredential, ref: RecordRef, now = clock.now()): Promise<SignerProof> {
  if (credential.signingChallenge === undefined && credential.password !== undefined) {
    await confirmSignerPassword(db, actor, credential.password, ref, now);
    return { method: "password" };
  }
  // Neither a password nor a challenge. For a person whose account is not linked to the OpenID provider the password
  // is the only proof there is: the field was left out (found by a probe, which was told to re-authenticate at a
  // provider that does not exist for them).
  if (credential.signingChallenge === undefined && !db.select({ s: users.ssoSubject }).from(users).where(eq(users.id, actor.id)).get()?.s) {
    throw invalid(ENTER_PASSWORD_TO_SIGN, { password: [ENTER_PASSWORD_TO_SIGN] });
  }
  // A re-authentication form submitted before the provider round trip.
  const challengeId = credential.signingChallenge ?? "";
  const refusal = challengeId ? challengeRefusal(db, actor, challengeId, ref, now) : "missing";
  if (refusal) {
    await writeTxWhenFree(db, (tx) =>
      appendAudit(tx, {
        actor,
        action: "SIGNATURE_REFUSED_REAUTHENTICATION",
        entityType: ref.entityType,
        entityId: ref.entityId,
        newValues: { method: "sso", reason: refusal, challenge: challengeId.slice(0, 12) },
        at: now,
      }),
    );
    throw invalid(SIGNING_CHALLENGE_REFUSALS[refusal]);
  }
  return { method: "sso", challengeId };
}

function challengeRefusal(db: DbOrTx, actor: Actor, challengeId: string, ref: RecordRef, now: Date): SigningChallengeRefusal | null {
  const user = db.select({ active: users.active }).from(users).where(eq(users.id, actor.id)).get();
  if (!user?.active) return "inactive";
  const ch = db.select().from(signingChallenges).where(eq(signingChallenges.id, challengeId)).get();
  const verdict = challengeUseVerdict(ch, { userId: actor.id, ref, now });
  return verdict.ok ? null : verdict.reason;
}

export interface WriteSignatureInput {
  ref: RecordRef;
  /** The record version's content, exactly as it will be verified later. */
  content: unknown;
  /** §11.50(a)(3): what the signature means, e.g. "Accepts accountability". */
  meaning: string;
  kind?: "sign" | "reattest";
  /** From confirmSigner. Absent only where no person signs at a form (the demo seed's signatures): a password. */
  proof?: SignerProof;
}

/**
 * Writes a signature and its audit row inside the caller's transaction, so the state change it
 * authorizes commits with it or not at all. The signer is always the actor: nobody signs for another.
 */
export function writeSignature(tx: DbOrTx, actor: Actor, input: WriteSignatureInput, now = clock.now()) {
  const signer = tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id)).get();
  if (!signer) throw new AppError("UNAUTHENTICATED", "Your session expired. Sign in again.");
  const proof: SignerProof = input.proof ?? { method: "password" };
  if (proof.method === "sso") {
    // Checked again under the write lock: two submissions racing for one challenge get one signature between them.
    const refusal = challengeRefusal(tx, actor, proof.challengeId, input.ref, now);
    if (refusal) throw new AppError("CONFLICT", SIGNING_CHALLENGE_REFUSALS[refusal]);
  }
  const sig = buildSignature(
    loadSecrets().signatureKey,
    input.ref,
    { signerId: actor.id, printedName: signer.name, meaning: input.meaning, kind: input.kind ?? "sign", signedAt: now.toISOString(), authMethod: proof.method },
    input.content,
  );
  const row = tx.insert(signatures).values(sig).returning().get();
  if (proof.method === "sso") {
    tx.update(signingChallenges).set({ usedAt: now.toISOString(), signatureId: row.id }).where(eq(signingChallenges.id, proof.challengeId)).run();
  }
  appendAudit(tx, {
    actor,
    action: sig.kind === "reattest" ? "RECORD_REATTESTED" : "RECORD_SIGNED",
    entityType: input.ref.entityType,
    entityId: input.ref.entityId,
    newValues: {
      signatureId: row.id,
      meaning: sig.meaning,
      contentHash: sig.contentHash,
      method: proof.method,
      ...(proof.method === "sso" ? { challenge: proof.challengeId.slice(0, 12) } : {}),
    },
    at: now,
  });
  return row;
}

/** The whole act for callers without a state change of their own: the signer's proof, then sign. */
export async function signRecord(db: Db, actor: Actor, input: Omit<WriteSignatureInput, "proof"> & SignerCredential, now = clock.now()) {
  assertCan(actor, "signature.sign");
  if (!input.meaning.trim()) throw invalid("State what your signature means.", { meaning: ["State what your signature means."] });
  const proof = await confirmSigner(db, actor, input, input.ref, now);
  return writeTxWhenFree(db, (tx) => writeSignature(tx, actor, { ...input, proof }, now));
}

export type VerifiedSignature = typeof signatures.$inferSelect & { verdict: SignatureVerdict };

/** Every signature stored for a record, each checked against the record's current content. */
export function verifyRecordSignatures(db: DbOrTx, ref: RecordRef, currentContent: unknown): VerifiedSignature[] {
  const key = loadSecrets().signatureKey;
  const rows = db
    .select()
    .from(signatures)
    .where(and(eq(signatures.entityType, ref.entityType), eq(signatures.entityId, ref.entityId)))
    .orderBy(asc(signatures.signedAt), asc(signatures.id))
    .all();
  // The record's content is hashed once, not once per signature (a RACI version has three or more).
  const hash = rows.length ? contentHash(key, ref.entityType, currentContent) : "";
  return rows.map((s) => ({ ...s, verdict: verifySignature(key, s, currentContent, hash) }));
}

/**
 * The verdict on a record approved by one signature (a plan version, an AAR, an assessment): sound only when the
 * approver's "Approved" signature is present and valid for the record's current content and no signature on it is
 * invalid (issue #10, finding 17). `approverId` null: the record does not name its approver, so any valid approval counts. Callers treat the record as approved only on `ok`, whatever its status column says.
 */
export function approvalVerdict(db: DbOrTx, ref: RecordRef, content: unknown, approverId: number | null, label = "Leadership approval"): SignatureSetVerdict {
  const sigs = verifyRecordSignatures(db, ref, content);
  const filled = sigs.some((s) => s.verdict.valid && s.kind === "sign" && s.meaning === "Approved" && (approverId == null || s.signerId === approverId));
  return signatureSetVerdict(
    [{ label, filled }],
    sigs.flatMap((s) => (s.verdict.valid ? [] : [{ message: s.verdict.message }])),
  );
}
