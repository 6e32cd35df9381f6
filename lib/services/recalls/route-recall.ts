import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { effectiveDutiesForClass } from "../raci/effective-duties";

export interface RecallOwner {
  partyId: number;
  party: string;
  lead: string | null;
}

/**
 * Who handles recalls for devices of a class: the party Responsible for "Handle recalls and field safety notices"
 * (DOMAIN.md activity 11, ID.AM-08) in the class's effective signed RACI, read through the RACI service. Empty: "no
 * signed owner" (no signed version, or it names no Responsible party). Several Responsible parties each get the item
 * and any of their leads may record the action. A draft is nobody's accepted duty.
 * Returns a memoised resolver: one RACI read per class per request.
 */
export function recallRouter(db: DbOrTx, actor: Actor): (deviceClass: { id: number; name: string } | null) => RecallOwner[] {
  const memo = new Map<number, RecallOwner[]>();
  return (deviceClass) => {
    if (!deviceClass) return [];
    if (!memo.has(deviceClass.id)) {
      const duties = effectiveDutiesForClass(db, actor, deviceClass);
      memo.set(
        deviceClass.id,
        (duties.duties.find((d) => d.key === "recalls")?.responsible ?? []).map((r) => ({ partyId: r.partyId, party: r.party, lead: r.lead })),
      );
    }
    return memo.get(deviceClass.id)!;
  };
}
