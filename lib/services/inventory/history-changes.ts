import { and, eq, gt, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceEvents } from "@/db/schema";
import { decodeEventChanges, valuesAsImported, type FieldChange } from "@/lib/rules/device-history";

/**
 * The changes of a device's history entries, decoded (decodeEventChanges); an "imported" entry written without its
 * values (decision 0049) gets them from the device as it is now and the entries after it (valuesAsImported): those
 * given when `fromNewest` (the rows reach the device's newest entry), else read here (a later page of the history).
 */
export function historyChanges(
  db: Db,
  device: Readonly<Record<string, unknown>> & { id: number },
  rows: readonly { id: number; kind: string; changes: string | null }[],
  fromNewest: boolean,
): (Record<string, FieldChange> | null)[] {
  const decoded = rows.map((r) => decodeEventChanges(r.kind, r.changes));
  const bare = rows.findIndex((r) => r.kind === "imported" && r.changes === null);
  if (bare < 0) return decoded;
  const bareId = rows[bare]!.id;
  const after = fromNewest
    ? rows.flatMap((r, i) => (r.id > bareId ? [{ id: r.id, changes: decoded[i]! }] : []))
    : db
        .select({ id: deviceEvents.id, kind: deviceEvents.kind, changes: deviceEvents.changes })
        .from(deviceEvents)
        .where(and(eq(deviceEvents.deviceId, device.id), gt(deviceEvents.id, bareId), isNotNull(deviceEvents.changes)))
        .all()
        .map((e) => ({ id: e.id, changes: decodeEventChanges(e.kind, e.changes) }));
  decoded[bare] = valuesAsImported(device, after);
  return decoded;
}
