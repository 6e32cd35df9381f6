import Link from "next/link";
import type { getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";

export type MyDashboardItems = ReturnType<typeof getMyDashboardItems>;

/**
 * What the signed-in user must sign, re-attest, acknowledge, answer or close, each a link to where it is done.
 * Shown on the home page and in the dashboard's "My items".
 */
export function MyItemsList({ mine }: { mine: MyDashboardItems }) {
  const overdue = mine.items.filter((i) => i.overdue);
  const nothing = mine.toSign.length + mine.toReattest.length + mine.toAcknowledge.length + mine.items.length + mine.assessmentsInProgress.length === 0;
  return (
    <>
      {nothing ? (
        <p className="text-sm text-slate-600">Nothing is waiting for you: no signature, no plan to acknowledge, no assessment to answer, no open action item.</p>
      ) : (
        <div className="grid gap-4 text-sm md:grid-cols-2">
          {mine.toSign.length + mine.toReattest.length > 0 && (
            <div>
              <h3 className="mb-1 font-semibold">To sign ({mine.toSign.length + mine.toReattest.length})</h3>
              <ul className="space-y-1" aria-label="Waiting for your signature">
                {mine.toSign.map((i) => (
                  <li key={`s${i.classId}`}>
                    Sign <Link href={`/raci/${i.classId}`}>{i.className} RACI, version {i.versionNo}</Link> — {i.meaning}
                  </li>
                ))}
                {mine.toReattest.map((i) => (
                  <li key={`r${i.classId}`}>
                    Re-attest <Link href={`/raci/${i.classId}`}>{i.className} RACI, version {i.versionNo}</Link> — {i.meaning}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {mine.toAcknowledge.length > 0 && (
            <div>
              <h3 className="mb-1 font-semibold">To acknowledge ({mine.toAcknowledge.length})</h3>
              <ul className="space-y-1" aria-label="Plans to acknowledge">
                {mine.toAcknowledge.map((p) => (
                  <li key={p.planVersionId}>
                    Acknowledge <Link href={`/plans/${p.planId}`}>{p.title}, version {p.versionNo}</Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {mine.assessmentsInProgress.length > 0 && (
            <div>
              <h3 className="mb-1 font-semibold">Assessments to answer ({mine.assessmentsInProgress.length})</h3>
              <ul className="space-y-1" aria-label="Assessments in progress">
                {mine.assessmentsInProgress.map((a) => (
                  <li key={a.id}>
                    <Link href={`/assessments/${a.id}`}>{a.name}</Link>
                    {a.dueDate ? ` — due ${a.dueDate}` : ""}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {mine.items.length > 0 && (
            <div>
              <h3 className="mb-1 font-semibold">
                <Link href="/actions?mine=1&status=not_closed">
                  {mine.items.length} open action item{mine.items.length === 1 ? "" : "s"}
                </Link>
                {overdue.length > 0 && `, ${overdue.length} overdue`}
              </h3>
              <ul className="space-y-1" aria-label="Your open action items">
                {mine.items.slice(0, 8).map((i) => (
                  <li key={i.id}>
                    {i.overdue && <strong className="text-red-800">Overdue: </strong>}
                    <Link href={i.sourceHref}>{i.title}</Link> — {i.ownerParty}, due {i.dueDate}
                  </li>
                ))}
              </ul>
              {mine.items.length > 8 && (
                <p className="mt-1">
                  <Link href="/actions?mine=1&status=not_closed">All {mine.items.length} open items</Link>
                </p>
              )}
            </div>
          )}
        </div>
      )}
    </>
  );
}
