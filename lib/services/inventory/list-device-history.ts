import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceEvents, devices } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { historyChanges } from "./history-changes";

/** A device's history of work, newest first, keyset-paginated by event id in SQL. Outside the actor's site: NOT_FOUND. */
export function listDeviceHistory(db: Db, actor: Actor, deviceId: number, page: { before: number | null; limit: number }) {
  assertCan(actor, "inventory.read");
  const d = db.select().from(devices).where(eq(devices.id, deviceId)).get();
  if (!d) throw notFound("device");
  assertInSiteScope(actor, d.siteId, "device");
  const rows = db
    .select()
    .from(deviceEvents)
    .where(and(eq(deviceEvents.deviceId, deviceId), page.before == null ? undefined : lt(deviceEvents.id, page.before)))
    .orderBy(desc(deviceEvents.id))
    .limit(page.limit + 1)
    .all();
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const changes = historyChanges(db, d, shown, page.before == null);
  const items = shown.map((h, i) => ({
    id: h.id,
    at: h.at,
    actor: h.actorLabel.replace(/ <[^>]*>$/, ""),
    kind: h.kind,
    changes: changes[i]!,
    workOrder: h.workOrder,
    note: h.note,
    importId: h.importId,
  }));
  return { items, last: more ? items.at(-1)!.id : null };
}
