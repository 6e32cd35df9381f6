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
 * figures are cached under the counters of everything they read — decisions and their approval signatures (`recalls`,
 * migrations 0017 and 0021), devices and models with their support dates (`inventory`), advisory matches
 * (`advisories`), sites and people (`org`) — and the day, since support ends and reviews fall due by date. Verifying
 * every decision's signatures and listing the unsupported affected devices took ~300 ms per dashboard view of the
 * large database (issue #15).
 */
export function getRecallFigures(db: Db, actor: Actor, opts: { siteId?: number | null } = {}, today = clock.today()): RecallFigures {
  assertCan(actor, "recall.read");
  const siteId = actor.siteId ?? opts.siteId ?? null;
  const versions = readVersions(db);
  const recallPart = versionedCache(db, versions, ["recalls", "inventory", "org"], `recall-figures|${siteId ?? "all"}`, () => {
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
  // listSupportDecisions' own check, which a cached answer would skip.
  assertCan(actor, "inventory.read");
  const decisionPart = versionedCache(
    db,
    versions,
    ["recalls", "inventory", "advisories", "org"],
    `support-decision-figures|${siteId ?? "all"}|${today}`,
    () => {
      const decisions = listSupportDecisions(db, actor, today, { siteId });
      return { unsupportedWithoutDecision: decisions.withoutDecision.length, decisionsOverdue: decisions.overdue.length };
    },
  );
  return { ...recallPart, ...decisionPart };
}
