import type { Db } from "@/db/client";
import { recalls } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { readVersions, versionedCache } from "../versioned-cache";
import { listSupportDecisions } from "../support-decisions/list-support-decisions";
import { recallDevices } from "./affected";

export interface RecallFigures {
  /** Devices with an outstanding recall, by FDA recall class ("none" when not stated). */
  outstandingByClass: { recallClass: "I" | "II" | "III" | null; devices: number }[];
  outstanding: number;
  unsupportedWithoutDecision: number;
  decisionsOverdue: number;
}

/**
 * The dashboard's recall and replace-or-mitigate figures (issue #13 item 7) for a site or the organization. The recall
 * figures are cached under the `recalls`, `inventory` and `org` counters (decision 0007). The replace-or-mitigate
 * figures follow a decision's approval signature, whose insert bumps no `recalls` counter (migration 0006's trigger
 * names raci, assessments, plans and drills), so they are computed on every read rather than risk a stale number.
 */
export function getRecallFigures(db: Db, actor: Actor, opts: { siteId?: number | null } = {}, today = clock.today()): RecallFigures {
  assertCan(actor, "recall.read");
  const siteId = actor.siteId ?? opts.siteId ?? null;
  const recallPart = versionedCache(db, readVersions(db), ["recalls", "inventory", "org"], `recall-figures|${siteId ?? "all"}`, () => {
    const classes = new Map(
      db
        .select({ id: recalls.id, recallClass: recalls.recallClass })
        .from(recalls)
        .all()
        .map((r) => [r.id, r.recallClass]),
    );
    const counts = new Map<string, number>();
    const open = recallDevices(db, { siteId, outstandingOnly: true });
    for (const d of open) {
      const c = classes.get(d.recallId) ?? null;
      counts.set(c ?? "", (counts.get(c ?? "") ?? 0) + 1);
    }
    const order = ["I", "II", "III", ""] as const;
    return {
      outstandingByClass: order.filter((c) => counts.has(c)).map((c) => ({ recallClass: c === "" ? null : c, devices: counts.get(c)! })),
      outstanding: open.length,
    };
  });
  const decisions = listSupportDecisions(db, actor, today, { siteId });
  return { ...recallPart, unsupportedWithoutDecision: decisions.withoutDecision.length, decisionsOverdue: decisions.overdue.length };
}
