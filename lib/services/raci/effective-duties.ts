import type { DbOrTx } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Letter, RaciSnapshot } from "@/lib/rules/raci";
import { loadParties, loadVersions } from "./load";
import { currentRaciVersions } from "./signers";

/**
 * The four duties a device page answers for (DOMAIN.md activities 13, 14, 15 and 11), found by their CSF 2.0 anchor
 * first and by name otherwise (hospitals rename activities; "Unpatchable / legacy devices" must not pass for patching).
 */
export const DEVICE_DUTIES = [
  { key: "patching", label: "Patching", csf: "PR.PS-02", name: /validated patch|deploy.*patch|^patch/i },
  { key: "segmentation", label: "Network segmentation", csf: "PR.IR-01", name: /segmentation/i },
  { key: "vendorAccess", label: "Vendor remote access", csf: "PR.AA-05", name: /remote access/i },
  { key: "recalls", label: "Recalls", csf: null, name: /recall/i },
] as const;

export interface DutyHolder {
  partyId: number;
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
  const { effective } = currentRaciVersions(db, loadVersions(db, deviceClass.id));
  if (!effective) return { deviceClass, version: null, duties: [] };
  const snap = JSON.parse(effective.content) as RaciSnapshot;
  const leads = new Map(loadParties(db).map((p) => [p.id, p.leadName]));
  const holders = (activityId: number, letter: Letter): DutyHolder[] =>
    snap.cells
      .filter((c) => c.activityId === activityId && c.letter === letter)
      .map((c) => ({ partyId: c.partyId, party: snap.parties.find((p) => p.id === c.partyId)?.name ?? `Party ${c.partyId}`, lead: leads.get(c.partyId) ?? null }));
  return {
    deviceClass,
    version: { versionNo: effective.versionNo, effectiveAt: effective.effectiveAt },
    duties: DEVICE_DUTIES.map((d) => {
      const a = (d.csf ? snap.activities.find((x) => x.csfRefs.includes(d.csf)) : undefined) ?? snap.activities.find((x) => d.name.test(x.name));
      return { key: d.key, label: d.label, activity: a?.name ?? null, accountable: a ? holders(a.id, "A") : [], responsible: a ? holders(a.id, "R") : [] };
    }),
  };
}
