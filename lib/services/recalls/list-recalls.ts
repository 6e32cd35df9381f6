import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { parties, recallModelMatches, recalls, sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { RecallListQuery } from "@/lib/validation/recalls";
import { recallDevices, type RecallDeviceRow } from "./affected";
import { recallRouter, type RecallOwner } from "./route-recall";

export interface RecallListRow {
  id: number;
  recallNumber: string;
  recallClass: string | null;
  firm: string | null;
  productCode: string;
  productDescription: string | null;
  initiatedOn: string | null;
  status: string | null;
  devices: number;
  outstanding: number;
  awaitingReview: number;
  /** Parties the outstanding devices are routed to; "No signed owner" for a class without one. */
  owners: string[];
}

export const NO_SIGNED_OWNER = "No signed owner";

/**
 * Recalls with, within the actor's site scope (or the chosen site), how many devices they apply to and how many are
 * still outstanding, who the outstanding ones are routed to, and how many model matches wait for review. Filters:
 * recall class, status (outstanding / actioned / awaiting review), site, party (or "none": no signed owner).
 */
export function listRecalls(db: Db, actor: Actor, q: RecallListQuery): RecallListRow[] {
  assertCan(actor, "recall.read");
  const siteId = actor.siteId ?? q.site ?? null;
  const route = recallRouter(db, actor);
  const byRecall = new Map<number, (RecallDeviceRow & { owners: RecallOwner[] })[]>();
  for (const d of recallDevices(db, { siteId })) {
    const owners = route(d.deviceClassId ? { id: d.deviceClassId, name: d.deviceClass ?? "" } : null);
    byRecall.set(d.recallId, [...(byRecall.get(d.recallId) ?? []), { ...d, owners }]);
  }
  const pending = new Map<number, number>();
  for (const m of db
    .select({ recallId: recallModelMatches.recallId })
    .from(recallModelMatches)
    .where(and(eq(recallModelMatches.confidence, "confirm"), isNull(recallModelMatches.reviewDecision)))
    .all()) {
    pending.set(m.recallId, (pending.get(m.recallId) ?? 0) + 1);
  }
  const rows = db.select().from(recalls).orderBy(desc(recalls.initiatedOn), asc(recalls.recallNumber)).all();
  return rows
    .filter((r) => !q.recallClass || (q.recallClass === "none" ? r.recallClass == null : r.recallClass === q.recallClass))
    .map((r) => {
      const devs = byRecall.get(r.id) ?? [];
      const open = devs.filter((d) => !d.actionId);
      const partyFilter = q.party;
      const routed =
        partyFilter === undefined
          ? open
          : open.filter((d) => (partyFilter === "none" ? d.owners.length === 0 : d.owners.some((o) => o.partyId === partyFilter)));
      return {
        row: {
          id: r.id,
          recallNumber: r.recallNumber,
          recallClass: r.recallClass,
          firm: r.firm,
          productCode: r.productCode,
          productDescription: r.productDescription,
          initiatedOn: r.initiatedOn,
          status: r.status,
          devices: devs.length,
          outstanding: open.length,
          awaitingReview: pending.get(r.id) ?? 0,
          owners: [...new Set(open.flatMap((d) => (d.owners.length ? d.owners.map((o) => o.party) : [NO_SIGNED_OWNER])))].sort(),
        },
        routed: routed.length,
      };
    })
    .filter(({ row, routed }) => {
      if (q.party !== undefined && routed === 0) return false;
      if (q.status === "outstanding") return row.outstanding > 0;
      if (q.status === "actioned") return row.devices > 0 && row.outstanding === 0;
      if (q.status === "review") return row.awaitingReview > 0;
      if (siteId !== null && q.site != null) return row.devices > 0;
      return true;
    })
    .map(({ row }) => row);
}

/** The filter choices: sites (all, or the actor's own) and parties. */
export function recallFilterOptions(db: Db, actor: Actor) {
  assertCan(actor, "recall.read");
  const siteRows = db.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.name)).all();
  return {
    sites: actor.siteId != null ? siteRows.filter((s) => s.id === actor.siteId) : siteRows,
    parties: db
      .select({ id: parties.id, name: parties.name })
      .from(parties)
      .where(isNull(parties.archivedAt))
      .orderBy(asc(parties.sortOrder), asc(parties.name))
      .all(),
  };
}
