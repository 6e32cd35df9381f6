import { DEVICE_FIELD_LABELS, showValue } from "./labels";

/** Old → new per field, as text (the arrow is also spelled out for screen readers). */
export function FieldChangeList({ changes }: { changes: Record<string, { old: unknown; new: unknown } | undefined> }) {
  return (
    <ul className="ml-4 list-disc text-sm">
      {Object.entries(changes).map(([f, c]) => (
        <li key={f}>
          {DEVICE_FIELD_LABELS[f] ?? f}: {showValue(c?.old)} <span aria-hidden="true">→</span>
          <span className="sr-only">changed to</span> {showValue(c?.new)}
        </li>
      ))}
    </ul>
  );
}
