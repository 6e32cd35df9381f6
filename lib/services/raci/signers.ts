import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signatures } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { MEANINGS, type SignerPlan } from "@/lib/rules/raci";
import { RACI_ENTITY, type VersionRow } from "./load";

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
  const rows = db
    .select()
    .from(signatures)
    .where(and(eq(signatures.entityType, RACI_ENTITY), inArray(signatures.entityId, versionIds.map(String))))
    .orderBy(asc(signatures.id))
    .all();
  for (const r of rows) out.get(Number(r.entityId))?.push(r);
  return out;
}

/**
 * The signature slots of a version: one per required party lead, and one leadership approval (any
 * leadership user). A slot is filled by a signature of the given kind made since `since`.
 * `loaded`: the version's signatures from `raciSignaturesByVersion`, when many versions are listed at once.
 */
export function signerSlots(db: DbOrTx, v: VersionRow, kind: "sign" | "reattest" = "sign", since?: string, loaded?: readonly SignatureRow[]): SignerSlot[] {
  const plan = JSON.parse(v.requiredSigners) as SignerPlan;
  const sigs = (
    loaded ??
    db
      .select()
      .from(signatures)
      .where(and(eq(signatures.entityType, RACI_ENTITY), eq(signatures.entityId, String(v.id)), eq(signatures.kind, kind)))
      .orderBy(asc(signatures.id))
      .all()
  ).filter((s) => s.kind === kind && (!since || s.signedAt > since));
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

/** The open slot this actor may fill, if any: their own lead slot, else the leadership approval. */
export function slotFor(actor: Actor, slots: SignerSlot[]): SignerSlot | null {
  const own = slots.find((s) => s.userId === actor.id && !s.signature);
  if (own) return own;
  if (actor.roles.includes("leadership")) {
    const lead = slots.find((s) => s.key === "leadership" && !s.signature);
    // One person signs once per version: a lead who is also leadership cannot fill both slots.
    if (lead && !slots.some((s) => s.signature?.signerId === actor.id)) return lead;
  }
  return null;
}
