import type { Db } from "@/db/client";
import { can, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { classesOf, patchRoutes } from "./route-patches";
import { cachedPatchPolicy } from "./patch-policy";
import { queueCount, queueIndex } from "./queue-index";
import { readVersions } from "../versioned-cache";

export interface MyPatchItems {
  partyId: number;
  party: string;
  /** Responsible: the party does the work; Accountable: it answers for it (and signs deferrals). */
  letter: "R" | "A";
  open: number;
  overdue: number;
}

/**
 * "My items" for party leads (issue #13 item 4): per party they lead, the open patch items the signed RACI routes to
 * it as Responsible (to do) and, as Accountable, the overdue ones it answers for. Counts, each linking to the queue
 * filtered by the party; site-scoped leads count their site only.
 */
export function listMyPatchItems(db: Db, actor: Actor, today = clock.today()): MyPatchItems[] {
  if (!can(actor, "patch.read") || actor.leadOfPartyIds.length === 0) return [];
  // One read of the data-version counters for the three cached parts below (as the /patches page does).
  const versions = readVersions(db);
  const routes = patchRoutes(db, actor, versions);
  const policy = cachedPatchPolicy(db, versions);
  const index = queueIndex(db, versions);
  const out: MyPatchItems[] = [];
  for (const partyId of actor.leadOfPartyIds) {
    for (const letter of ["R", "A"] as const) {
      const classIds = classesOf(routes, partyId, letter);
      if (classIds.length === 0) continue;
      // Counted in the queue's index (decision 0038), as the /patches page counts the same filter.
      const count = (status: "open" | "overdue") => queueCount(index, { classIds, siteId: actor.siteId ?? null, status }, policy, today);
      const open = letter === "R" ? count("open") : 0;
      const overdue = count("overdue");
      if (open + overdue === 0) continue;
      const party = [...routes.values()].flatMap((r) => [...r.responsible, ...r.accountable]).find((h) => h.partyId === partyId)!.party;
      out.push({ partyId, party, letter, open, overdue });
    }
  }
  return out;
}
