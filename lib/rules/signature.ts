import { canonicalJson, hmacHex, safeEqualHex } from "./canonical";

/**
 * Electronic signatures modelled on 21 CFR Part 11: §11.50 (printed name, date/time, meaning),
 * §11.70 (signature linked to its record so it cannot be excised, copied or transferred).
 */
export interface SignatureSeal {
  signerId: number;
  printedName: string;
  meaning: string;
  kind: "sign" | "reattest";
  signedAt: string;
  contentHash: string;
  /** How the signer re-authenticated; absent or "password" for every signature made before SSO existed. */
  authMethod?: "password" | "sso";
}

export interface RecordRef {
  entityType: string;
  entityId: string;
}

export interface StoredSignature extends SignatureSeal, RecordRef {
  sealMac: string;
  bindingMac: string;
}

/** Keyed hash of a record version's canonical content. Identical content gives an identical hash. */
export function contentHash(key: string, entityType: string, content: unknown): string {
  return hmacHex(key, `content\n${entityType}\n${canonicalJson(content)}`);
}

export function sealMac(key: string, s: SignatureSeal): string {
  return hmacHex(
    key,
    `seal\n${canonicalJson({
      signerId: s.signerId,
      printedName: s.printedName,
      meaning: s.meaning,
      kind: s.kind,
      signedAt: s.signedAt,
      contentHash: s.contentHash,
      // Sealed only when it is not the original method, so signatures made before it existed keep verifying.
      ...(s.authMethod && s.authMethod !== "password" ? { authMethod: s.authMethod } : {}),
    })}`,
  );
}

export function bindingMac(key: string, ref: RecordRef, seal: string): string {
  return hmacHex(key, `binding\n${ref.entityType}\n${ref.entityId}\n${seal}`);
}

export function buildSignature(key: string, ref: RecordRef, s: Omit<SignatureSeal, "contentHash">, content: unknown): StoredSignature {
  const seal: SignatureSeal = { ...s, contentHash: contentHash(key, ref.entityType, content) };
  const mac = sealMac(key, seal);
  return { ...ref, ...seal, sealMac: mac, bindingMac: bindingMac(key, ref, mac) };
}

export type SignatureVerdict = { valid: true } | { valid: false; reason: "altered" | "wrong_record" | "content_changed"; message: string };

export const SIGNATURE_MESSAGES = {
  altered: "Signature invalid: the signature record was altered",
  wrong_record: "Signature invalid: it was made for another record",
  content_changed: "Signature invalid: content does not match what was signed",
} as const;

/**
 * Checks, in order: the signature row itself is intact; it belongs to this record (not copied from
 * another); the record's current content is the content that was signed. `currentHash` is the current
 * content's contentHash when the caller already has it (one record with several signatures hashes once).
 */
export function verifySignature(key: string, sig: StoredSignature, currentContent: unknown, currentHash?: string): SignatureVerdict {
  if (!safeEqualHex(sealMac(key, sig), sig.sealMac)) {
    return { valid: false, reason: "altered", message: SIGNATURE_MESSAGES.altered };
  }
  if (!safeEqualHex(bindingMac(key, sig, sig.sealMac), sig.bindingMac)) {
    return { valid: false, reason: "wrong_record", message: SIGNATURE_MESSAGES.wrong_record };
  }
  if (!safeEqualHex(currentHash ?? contentHash(key, sig.entityType, currentContent), sig.contentHash)) {
    return { valid: false, reason: "content_changed", message: SIGNATURE_MESSAGES.content_changed };
  }
  return { valid: true };
}

export type SignatureSetVerdict = { ok: true } | { ok: false; problems: string[] };

/**
 * The verdict on a record's *set* of signatures (issue #10, finding 17; 21 CFR 11.70): a record is signed only
 * when every required slot holds a valid signature for its current content and no signature on it is invalid.
 * Each signature verifying on its own is not enough: a deleted signature leaves a slot empty, a status column
 * flipped by hand has no signatures behind it, and a row copied from another record is invalid here.
 * Callers derive "effective" from this verdict, never from a stored status.
 */
export function signatureSetVerdict(slots: readonly { label: string; filled: boolean }[], invalid: readonly { message: string }[]): SignatureSetVerdict {
  const problems = [
    ...slots.filter((s) => !s.filled).map((s) => `Missing signature: ${s.label}.`),
    ...[...new Set(invalid.map((i) => i.message))].map((m) => `${m}.`),
  ];
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

export const SIGNATURE_PROBLEM = "Signature problem";

/** How the signer proved who they were, in words for the page and the printed record (§11.50: the manifestation). */
export const SIGNATURE_AUTH_METHOD_LABELS: Record<string, string> = {
  password: "password re-entered",
  sso: "re-authenticated at the identity provider",
};
