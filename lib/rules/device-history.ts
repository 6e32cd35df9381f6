/** A field's change in a device's history of work. */
export type FieldChange = { old: unknown; new: unknown };

const isPair = (v: unknown): v is FieldChange => typeof v === "object" && v !== null && "new" in v;

/** The device fields a CMMS import (or the API's bulk upsert) sets, in the order a history entry lists them. */
export const IMPORTED_FIELDS = [
  "assetTag",
  "serialNumber",
  "manufacturerId",
  "modelId",
  "description",
  "siteId",
  "location",
  "status",
  "connected",
  "hostname",
  "ipAddress",
  "macAddress",
  "osName",
  "osVersion",
  "softwareVersion",
  "storesPhi",
  "cmmsSource",
  "cmmsId",
  "lastInventoriedOn",
  "lastSeenOn",
] as const;

/**
 * The field changes of a stored history entry, always as field → { old, new }. A CMMS import stores a new device's
 * entry ("imported") without values since decision 0049 (null: see `valuesAsImported`), and as its values only,
 * { field: value }, between decisions 0039 and 0049; entries written before that, and every other kind, are stored as
 * pairs already. Values are plain (strings, numbers, booleans, null), never objects, so the forms cannot be confused.
 */
export function decodeEventChanges(kind: string, changes: string | null): Record<string, FieldChange> | null {
  if (!changes) return null;
  const parsed = JSON.parse(changes) as Record<string, unknown>;
  if (kind !== "imported") return parsed as Record<string, FieldChange>;
  const out: Record<string, FieldChange> = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = isPair(v) ? v : { old: null, new: v };
  return out;
}

/**
 * The values a device was imported with, for an "imported" entry that does not hold them (decision 0049): the
 * device's values now, with every later entry's changes undone, newest first. Every write to a device's fields writes
 * its entry with the old and new values in the same transaction (import, edit, retirement), and entries are
 * append-only, so this is what the import wrote. Fields without a value (null) are left out; a column the file did not
 * map reads as the value the import gave the device (the table's default: in service, not connected, no PHI).
 *
 * @param current the device as read now (camelCase fields)
 * @param later the decoded changes of the device's entries after the imported one, in any order of ids given
 */
export function valuesAsImported(
  current: Readonly<Record<string, unknown>>,
  later: readonly { id: number; changes: Record<string, FieldChange> | null }[],
): Record<string, FieldChange> {
  const values: Record<string, unknown> = {};
  for (const f of IMPORTED_FIELDS) values[f] = current[f] ?? null;
  for (const e of [...later].sort((a, b) => b.id - a.id)) {
    if (!e.changes) continue;
    for (const [f, ch] of Object.entries(e.changes)) if (Object.hasOwn(values, f)) values[f] = ch.old ?? null;
  }
  const out: Record<string, FieldChange> = {};
  for (const f of IMPORTED_FIELDS) if (values[f] !== null) out[f] = { old: null, new: values[f] };
  return out;
}
