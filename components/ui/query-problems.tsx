import { Alert } from "./alert";

/** The sentences for query parameters a page ignored (lib/server/route-params.ts), above its content. */
export function QueryProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <Alert tone="warning" className="mb-4">
      {problems.length === 1 ? (
        problems[0]
      ) : (
        <ul className="list-disc pl-5">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
