import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { daysBetween } from "@/lib/rules/patch-state";
import { percentOf } from "@/lib/rules/percent";
import { clock } from "@/lib/clock";
import { readVersions, versionedCache } from "../versioned-cache";
import { listAllPatchItems } from "./list-patch-queue";

export const BACKLOG_AGES = [
  { key: "upTo30", label: "Up to 30 days", max: 30 },
  { key: "upTo60", label: "31–60 days", max: 60 },
  { key: "upTo90", label: "61–90 days", max: 90 },
  { key: "over90", label: "Over 90 days", max: Infinity },
] as const;

export interface PatchSummary {
  applied: number;
  appliedWithinPolicy: number;
  /** percentOf(appliedWithinPolicy, applied): the share applied on or before the policy's due date. */
  appliedWithinPolicyPct: number;
  open: number;
  overdue: number;
  /** Open items by days since the OEM validated the patch. */
  byAge: { key: string; label: string; count: number }[];
  /** Open items by the party Responsible for them; partyId null: no signed owner. */
  byParty: { partyId: number | null; party: string; open: number; overdue: number }[];
  noSignedOwner: number;
}

/**
 * The dashboard's patch figures (issue #13 item 7, CSF PR.PS-02) for the whole organization or one site, cached under
 * every counter the queue depends on (decision 0007): RACI and organization (routing), inventory (retired devices),
 * advisories (matches, OEM answers) and patches (recorded work), so a figure is never stale.
 */
export function getPatchSummary(db: Db, actor: Actor, opts: { siteId?: number | null } = {}, today = clock.today()): PatchSummary {
  assertCan(actor, "patch.read");
  const siteId = actor.siteId ?? opts.siteId ?? null;
  return versionedCache(db, readVersions(db), ["org", "raci", "inventory", "advisories", "patches"], `patch-summary|${siteId ?? "all"}|${today}`, () => {
    const items = listAllPatchItems(db, actor, { status: "all", site: siteId ?? undefined }, today);
    const applied = items.filter((i) => i.status === "applied");
    const appliedWithinPolicy = applied.filter((i) => i.appliedOn != null && i.appliedOn <= i.dueOn).length;
    const open = items.filter((i) => i.status === "open" || i.status === "dueSoon" || i.status === "overdue");
    const byParty = new Map<string, { partyId: number | null; party: string; open: number; overdue: number }>();
    for (const i of open) {
      for (const h of i.responsible ?? [{ partyId: null, party: "No signed owner" }]) {
        const k = String(h.partyId);
        const e = byParty.get(k) ?? { partyId: h.partyId, party: h.party, open: 0, overdue: 0 };
        e.open++;
        if (i.status === "overdue") e.overdue++;
        byParty.set(k, e);
      }
    }
    return {
      applied: applied.length,
      appliedWithinPolicy,
      appliedWithinPolicyPct: percentOf(appliedWithinPolicy, applied.length),
      open: open.length,
      overdue: open.filter((i) => i.status === "overdue").length,
      byAge: BACKLOG_AGES.map((b, k) => ({
        key: b.key,
        label: b.label,
        count: open.filter((i) => {
          const age = daysBetween(i.validatedOn, today);
          return age <= b.max && (k === 0 || age > BACKLOG_AGES[k - 1]!.max);
        }).length,
      })),
      byParty: [...byParty.values()].sort((a, b) => (a.partyId === null ? 1 : b.partyId === null ? -1 : b.open - a.open)),
      noSignedOwner: open.filter((i) => i.responsible === null).length,
    };
  });
}
