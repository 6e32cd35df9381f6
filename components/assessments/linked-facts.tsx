/** A live fact from Clearline's own data, shown as suggested evidence for a subcategory. */
export function LinkedFacts({ fact }: { fact?: string }) {
  if (!fact) return null;
  return (
    <p className="my-2 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
      <span className="font-medium">Suggested evidence (live from Clearline):</span> {fact}
    </p>
  );
}
