import { LETTER_NAMES, type Letter } from "@/lib/rules/raci";
import { Card } from "@/components/ui/card";
import type { RaciClassView } from "./raci-class-view";

const letter = (l: Letter | null) => (l ? `${LETTER_NAMES[l]} (${l})` : "none");

/**
 * What differs from the signed version: changes made here or inherited since it was signed, and letters a parent
 * class proposes but has not signed yet (they change nothing signed here until signed there).
 */
export function RaciChangeLists({ v }: { v: RaciClassView }) {
  return (
    <>
      {v.pendingChanges.length > 0 && (
        <Card
          title={`Not yet signed: ${v.pendingChanges.length} change${v.pendingChanges.length > 1 ? "s" : ""} since version ${v.effective?.version.versionNo}`}
        >
          <ul className="list-disc space-y-0.5 pl-5 text-sm">
            {v.pendingChanges.map((c) => (
              <li key={`${c.activityId}:${c.partyId}`}>
                {c.partyName} — {c.activityName}: {letter(c.from)} → {letter(c.to)}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {v.unsignedUpstreamChanges.length > 0 && (
        <Card title="Proposed by a parent class, not yet signed there">
          <p className="mb-2 text-sm text-slate-600">
            The grid shows these inherited letters as a parent class now proposes them. They change nothing signed here until that class&apos;s own version is
            signed; then this class will show &ldquo;Changes pending sign-off&rdquo;.
          </p>
          <ul className="list-disc space-y-0.5 pl-5 text-sm" aria-label="Unsigned changes proposed by a parent class">
            {v.unsignedUpstreamChanges.map((c) => (
              <li key={`${c.activityId}:${c.partyId}`}>
                {c.partyName} — {c.activityName}: {letter(c.from)} → {letter(c.to)}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
