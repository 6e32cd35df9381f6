import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { parties, raciVersions, signatures } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { SignerPlan } from "@/lib/rules/raci";
import { loadCoverage } from "../raci/list-coverage";
import { RACI_ENTITY } from "../raci/raci-records";
import { clock } from "@/lib/clock";

export interface DeactivationImpact {
  /** Parties the user leads: each is left without anyone who can sign for it. */
  ledParties: { id: number; name: string }[];
  /** RACI versions in review still waiting for this user's signature: they cannot become effective. */
  awaitingSignature: { classId: number; className: string; versionNo: number }[];
  /** Device classes where a party the user leads is Accountable: each gains a rule violation. */
  accountableClasses: number;
}

/**
 * What deactivating a user will block, said before it is done (issue 10, item 3): a party lead's deactivation
 * silently left matrices that nobody could sign. Empty lists and 0 mean nothing is blocked.
 */
export function deactivationImpact(db: DbOrTx, actor: Actor, userId: number, now = clock.now()): DeactivationImpact {
  assertCan(actor, "user.manage");
  const ledParties = db
    .select({ id: parties.id, name: parties.name })
    .from(parties)
    .where(and(eq(parties.leadUserId, userId), isNull(parties.archivedAt)))
    .all();
  const coverage = loadCoverage(db, now);
  const awaitingSignature: DeactivationImpact["awaitingSignature"] = [];
  for (const v of db.select().from(raciVersions).where(eq(raciVersions.status, "in_review")).all()) {
    const plan = JSON.parse(v.requiredSigners) as SignerPlan;
    if (!plan.partySigners.some((s) => s.userId === userId)) continue;
    const signed = db
      .select()
      .from(signatures)
      .where(and(eq(signatures.entityType, RACI_ENTITY), eq(signatures.entityId, String(v.id)), eq(signatures.signerId, userId), eq(signatures.kind, "sign")))
      .get();
    if (signed) continue;
    const entry = coverage.entries.find((e) => e.classId === v.deviceClassId);
    awaitingSignature.push({ classId: v.deviceClassId, className: entry?.name ?? `Class ${v.deviceClassId}`, versionNo: v.versionNo });
  }
  const led = new Set(ledParties.map((p) => p.id));
  const accountableClasses = led.size ? coverage.entries.filter((e) => [...e.resolved.values()].some((c) => c.letter === "A" && led.has(c.partyId))).length : 0;
  return { ledParties, awaitingSignature, accountableClasses };
}

export const blocksSomething = (i: DeactivationImpact) => i.ledParties.length + i.awaitingSignature.length > 0;

/** The impact as one sentence for the confirmation and for a refusal. */
export function impactSentence(i: DeactivationImpact): string {
  const parts: string[] = [];
  if (i.ledParties.length) {
    parts.push(
      `${i.ledParties.map((p) => p.name).join(", ")} will have no active lead, so nobody can sign for ${i.ledParties.length === 1 ? "it" : "them"}` +
        (i.accountableClasses
          ? `, and ${i.accountableClasses} device class${i.accountableClasses === 1 ? "" : "es"} where ${i.ledParties.length === 1 ? "it is" : "they are"} Accountable will break the rule "the Accountable party has a lead"`
          : ""),
    );
  }
  if (i.awaitingSignature.length)
    parts.push(
      `${i.awaitingSignature.map((v) => `${v.className} version ${v.versionNo}`).join(", ")} cannot be signed off while ${i.awaitingSignature.length === 1 ? "it waits" : "they wait"} for this user's signature`,
    );
  return parts.length ? `Deactivating this user blocks work: ${parts.join("; ")}. Name a new lead on the Organization page afterwards.` : "";
}
