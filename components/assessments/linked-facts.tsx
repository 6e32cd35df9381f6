import Link from "next/link";
import type { LinkedFact } from "@/lib/services/assessments/linked-facts";

/** A live fact from Clearline's own data, shown as suggested evidence for a subcategory. */
export function LinkedFacts({ fact }: { fact?: LinkedFact }) {
  if (!fact) return null;
  return (
    <div className="my-2 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
      <p>
        <span className="font-medium">Suggested evidence (live from Clearline):</span> {fact.text}
      </p>
      {fact.links && fact.links.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fact.links.map((l, i) => (
            <li key={i}>
              <Link href={l.href}>{l.label}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
