import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signatures } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { MEANINGS, type SignerPlan } from "@/lib/rules/raci";
import { contentHash, signatureSetVerdict, verifySignature, type SignatureSetVerdict } from "@/lib/rules/signature";
import { loadSecrets } from "@/lib/server/config";
import { RACI_ENTITY, signedContent, type VersionRow } from "./raci-records";

export interface SignerSlot {
  key: string;
  label: string;
  meaning: string;
  userId: number | null;
  signature: { id: number; signerId: number; printedName: string; signedAt: string; meaning: string; kind: string } | null;
}

type SignatureRow = typeof signatures.$inferSelect;

/** Every signature of these versions (any kind) in one query, per version id, in the order they were made. */
export function raciSignaturesByVersion(db: DbOrTx, versionIds: readonly number[]): Map<number, SignatureRow[]> {
  const out = new Map<number, SignatureRow[]>(versionIds.map((id) => [id, []]));
  if (versionIds.length === 0) return out;
  // INDEXED BY: on a large organization ANALYZE's statistics make SQLite prefer a full scan for a long IN list, though
  // the (entity_type, entity_id) index finds the few rows directly. PostgreSQL needs no hint for the same query.
  const rows = db.all<SignatureRow>(sql`
    select id, entity_type as entityType, entity_id as entityId, signer_id as signerId, printed_name as printedName, meaning, kind,
           signed_at as signedAt, content_hash as contentHash, seal_mac as sealMac, binding_mac as bindingMac
    from ${signatures} indexed by signatures_entity_idx
    where entity_type = ${RACI_ENTITY} and entity_id in (${sql.join(
      versionIds.map((id) => sql`${String(id)}`),
      sql`, `,
    )})`);
  for (const r of rows.sort((x, y) => x.id - y.id)) out.get(Number(r.entityId))?.push(r);
  return out;
}

/**
 * The signature slots of a version: one per required party lead, and one leadership approval (any
 * leadership user). A slot is filled only by a signature of the given kind made since `since` that is
 * *valid for this version's content* (21 CFR 11.70): a row altered, copied from another version or made
 * over other content fills nothing.
 * `loaded`: the version's signatures from `raciSignaturesByVersion`, when many versions are listed at once.
 */
export function signerSlots(db: DbOrTx, v: VersionRow, kind: "sign" | "reattest" = "sign", since?: string, loaded?: readonly SignatureRow[]): SignerSlot[] {
  const plan = JSON.parse(v.requiredSigners) as SignerPlan;
  const { valid } = checkedSignatures(v, loadedOrRead(db, v, loaded));
  const sigs = valid.filter((s) => s.kind === kind && (!since || s.signedAt > since));
  const slots: SignerSlot[] = plan.partySigners.map((s) => ({
    key: `lead:${s.userId}`,
    label: `${s.name} — lead of ${s.partyNames.join(", ")}`,
    meaning: s.meaning,
    userId: s.userId,
    signature: sigs.find((x) => x.signerId === s.userId && x.meaning === s.meaning) ?? null,
  }));
  slots.push({
    key: "leadership",
    label: "Leadership approval",
    meaning: MEANINGS.approved,
    userId: null,
    signature: sigs.find((x) => x.meaning === MEANINGS.approved) ?? null,
  });
  return slots;
}

function loadedOrRead(db: DbOrTx, v: VersionRow, loaded?: readonly SignatureRow[]): readonly SignatureRow[] {
  return (
    loaded ??
    db
      .select()
      .from(signatures)
      .where(and(eq(signatures.entityType, RACI_ENTITY), eq(signatures.entityId, String(v.id))))
      .orderBy(asc(signatures.id))
      .all()
  );
}

/** Splits a version's signatures into those valid for its content and the invalid ones (with why). */
function checkedSignatures(v: VersionRow, rows: readonly SignatureRow[]) {
  const valid: SignatureRow[] = [];
  const invalid: { message: string }[] = [];
  if (rows.length === 0) return { valid, invalid };
  const key = loadSecrets().signatureKey;
  let content: unknown;
  let hash: string | undefined;
  try {
    content = signedContent(v);
    hash = contentHash(key, RACI_ENTITY, content);
  } catch {
    // Unreadable content cannot be what anyone signed.
    return { valid, invalid: rows.map(() => ({ message: "Signature invalid: content does not match what was signed" })) };
  }
  for (const r of rows) {
    const verdict = verifySignature(key, r, content, hash);
    if (verdict.valid) valid.push(r);
    else invalid.push({ message: verdict.message });
  }
  return { valid, invalid };
}

/**
 * Whether a version's sign-off is complete and sound: every required slot holds a valid signing signature and
 * no signature on it is invalid (lib/rules/signature.ts `signatureSetVerdict`). The one verdict every page and
 * count uses for "effective"; the status column is never trusted alone (issue #10, finding 17).
 */
export function raciSignatureSet(db: DbOrTx, v: VersionRow, loaded?: readonly SignatureRow[]): SignatureSetVerdict {
  const rows = loadedOrRead(db, v, loaded);
  const slots = signerSlots(db, v, "sign", undefined, rows);
  return signatureSetVerdict(
    slots.map((s) => ({ label: s.label, filled: Boolean(s.signature) })),
    checkedSignatures(v, rows).invalid,
  );
}

export interface CurrentVersions {
  /** The version in force: status effective *and* a sound, complete set of signatures. */
  effective: VersionRow | null;
  inReview: VersionRow | null;
  /** A version marked effective whose signatures do not hold up: shown as "Signature problem", never counted. */
  signatureProblem: { version: VersionRow; problems: string[] } | null;
}

/** The class's current versions, with "effective" computed from the signatures (see `raciSignatureSet`). */
export function currentRaciVersions(db: DbOrTx, versions: readonly VersionRow[], loaded?: ReadonlyMap<number, readonly SignatureRow[]>): CurrentVersions {
  const marked = versions.find((v) => v.status === "effective") ?? null;
  const verdict = marked ? raciSignatureSet(db, marked, loaded?.get(marked.id)) : null;
  return {
    effective: marked && verdict?.ok ? marked : null,
    inReview: versions.find((v) => v.status === "in_review") ?? null,
    signatureProblem: marked && verdict && !verdict.ok ? { version: marked, problems: verdict.problems } : null,
  };
}

/** The open slot this actor may fill, if any: their own lead slot, else the leadership approval. */
export function slotFor(actor: Actor, slots: SignerSlot[]): SignerSlot | null {
  const own = slots.find((s) => s.userId === actor.id && !s.signature);
  if (own) return own;
  if (can(actor, "raci.approve")) {
    const lead = slots.find((s) => s.key === "leadership" && !s.signature);
    // One person signs once per version: a lead who is also leadership cannot fill both slots.
    if (lead && !slots.some((s) => s.signature?.signerId === actor.id)) return lead;
  }
  return null;
}
