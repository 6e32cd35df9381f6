/** A field's change in a device's history of work. */
export type FieldChange = { old: unknown; new: unknown };

const isPair = (v: unknown): v is FieldChange => typeof v === "object" && v !== null && "new" in v;

/**
 * The field changes of a stored history entry, always as field → { old, new }. A CMMS import stores a new device's
 * entry ("imported") as its values only, { field: value } (decision 0039: at 200,000 devices the null old values cost
 * bytes and time); entries written before that, and every other kind, are stored as pairs already. Values are plain
 * (strings, numbers, booleans, null), never objects, so the two forms cannot be confused.
 */
export function decodeEventChanges(kind: string, changes: string | null): Record<string, FieldChange> | null {
  if (!changes) return null;
  const parsed = JSON.parse(changes) as Record<string, unknown>;
  if (kind !== "imported") return parsed as Record<string, FieldChange>;
  const out: Record<string, FieldChange> = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = isPair(v) ? v : { old: null, new: v };
  return out;
}
