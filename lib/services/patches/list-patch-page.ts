import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import type { PatchQueueFilter } from "@/lib/validation/patches";
import { getPatchPolicy } from "./patch-policy";
import { afterRank, queueRank, selectQueue, type QueueRank } from "./patch-queue-sql";
import { queueWhere, toPatchItem, type PatchItem } from "./list-patch-queue";
import { patchRoutes } from "./route-patches";

/**
 * One page of the patch queue for the integration API: the /patches page's filter, rank and site scope (queueWhere,
 * selectQueue), paged by keyset on the rank instead of by page number, so a CMMS that records work while it walks the
 * queue neither skips nor repeats items. `last` is the rank of the page's last item when more follow.
 */
export function listPatchPage(
  db: Db,
  actor: Actor,
  f: Omit<PatchQueueFilter, "page">,
  page: { after: QueueRank | null; limit: number },
  today = clock.today(),
): { items: PatchItem[]; last: QueueRank | null } {
  assertCan(actor, "patch.read");
  const routes = patchRoutes(db, actor);
  const policy = getPatchPolicy(db);
  const { where, outOfScope } = queueWhere(actor, f, routes, policy, today);
  if (outOfScope) return { items: [], last: null };
  if (page.after) where.push(afterRank(page.after));
  const rows = selectQueue(db, where, { limit: page.limit + 1, offset: 0 });
  const kept = rows.slice(0, page.limit);
  return { items: kept.map((r) => toPatchItem(r, routes, policy, today)), last: rows.length > page.limit ? queueRank(kept.at(-1)!) : null };
}
