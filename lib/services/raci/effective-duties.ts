import type { DbOrTx } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Letter, RaciSnapshot } from "@/lib/rules/raci";
import { currentVersions, loadParties, loadVersions } from "./load";

/** The four duties a device page answers for (DOMAIN.md activities 13, 14, 15 and 11). */
export const DEVICE_DUTIES = [
  { key: "patching", label: "Patching", match: (a: { name: string; csfRefs: string[] }) => a.csfRefs.includes("PR.PS-02") || /patch/i.test(a.name) },
  { key: "segmentation", label: "Network segmentation", match: (a: { name: string; csfRefs: string[] }) => a.csfRefs.includes("PR.IR-01") || /segmentation/i.test(a.name) },
  { key: "vendorAccess", label: "Vendor remote access", match: (a: { name: string; csfRefs: string[] }) => /vendor remote access|remote access/i.test(a.name) || a.csfRefs.includes("PR.AA-05") },
  { key: "recalls", label: "Recalls", match: (a: { name: string; csfRefs: string[] }) => /recall/i.test(a.name) },
] as const;

export interface DutyHolder {
  party: string;
  /** The party's lead today; null when it has none. */
  lead: string | null;
}

export interface EffectiveDuties {
  deviceClass: { id: number; name: string };
  /** Null: the class has no effective (signed) version — "no signed responsibilities". */
  version: { versionNo: number; effectiveAt: string | null } | null;
  duties: { key: string; label: string; activity: string | null; accountable: DutyHolder[]; responsible: DutyHolder[] }[];
}

/**
 * The device class's effective signed RACI read for a device: for patching, segmentation, vendor access and
 * recalls, the Accountable and Responsible parties of the signed version with their leads' names. Only the signed
 * (effective) version counts: a draft or a version in review is not yet anyone's accepted responsibility
 * (21 CFR 11.50 signature meaning "Accountable — accepts accountability").
 */
export function effectiveDutiesForClass(db: DbOrTx, actor: Actor, deviceClass: { id: number; name: string }): EffectiveDuties {
  assertCan(actor, "raci.read");
  const { effective } = currentVersions(loadVersions(db, deviceClass.id));
  if (!effective) return { deviceClass, version: null, duties: [] };
  const snap = JSON.parse(effective.content) as RaciSnapshot;
  const leads = new Map(loadParties(db).map((p) => [p.id, p.leadName]));
  const holders = (activityId: number, letter: Letter): DutyHolder[] =>
    snap.cells
      .filter((c) => c.activityId === activityId && c.letter === letter)
      .map((c) => ({ party: snap.parties.find((p) => p.id === c.partyId)?.name ?? `Party ${c.partyId}`, lead: leads.get(c.partyId) ?? null }));
  return {
    deviceClass,
    version: { versionNo: effective.versionNo, effectiveAt: effective.effectiveAt },
    duties: DEVICE_DUTIES.map((d) => {
      const a = snap.activities.find((x) => d.match(x));
      return { key: d.key, label: d.label, activity: a?.name ?? null, accountable: a ? holders(a.id, "A") : [], responsible: a ? holders(a.id, "R") : [] };
    }),
  };
}
