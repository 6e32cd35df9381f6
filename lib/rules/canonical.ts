import crypto from "node:crypto";

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, strings NFC-normalized, no
 * whitespace. Two values that mean the same thing serialize to the same bytes, so re-saving identical
 * content never changes a hash.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

const ASCII = /^[\x00-\x7f]*$/;

function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // ASCII text is already in NFC; the test is cheaper than normalize() on the many short strings of a snapshot.
  if (typeof value === "string") return ASCII.test(value) ? value : value.normalize("NFC");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("Cannot canonicalize a non-finite number");
    return Object.is(value, -0) ? 0 : value;
  }
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalize(v);
    }
    return out;
  }
  throw new TypeError(`Cannot canonicalize a ${typeof value}`);
}

export function hmacHex(key: string, message: string): string {
  return crypto.createHmac("sha256", key).update(message, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests. */
export function safeEqualHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}
