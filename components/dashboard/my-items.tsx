import type { getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";

export type MyDashboardItems = ReturnType<typeof getMyDashboardItems>;

/**
 * What the signed-in user must sign, approve, review, re-attest, acknowledge, answer or close, each a link to
 * where it is done (the kinds: MY_ITEM_KINDS in lib/services/dashboard/list-my-items.ts).
 * Shown on the home page and in the dashboard's "My items". Plain links: the caller wraps the list in SoftLinks
 * (components/ui/soft-links.tsx) for client-side navigation.
 */
export function MyItemsList({ mine }: { mine: MyDashboardItems }) {
  const overdue = mine.items.filter((i) => i.overdue);
  const toApprove = mine.aarsToApprove.length + mine.plansToApprove.length + mine.assessmentsToApprove.length;
  const nothing =
    mine.toSign.length +
      mine.toReattest.length +
      toApprove +
      mine.functionsToReview.length +
      mine.toAcknowledge.length +
      mine.items.length +
      mine.functionsToAnswer.length +
      mine.patches.length +
      mine.recalls.length ===
    0;
  return (
    <>
      {nothing ? (
        <p className="text-sm text-slate-600">
          Nothing is waiting for you: nothing to sign, approve, review or acknowledge, no assessment to answer, no open action item.
        </p>
      ) : (
        <div className="grid gap-4 text-sm md:grid-cols-2">
          {mine.toSign.length + mine.toReattest.length > 0 && (
            <Group title="To sign" count={mine.toSign.length + mine.toReattest.length} label="Waiting for your signature">
              {mine.toSign.map((i) => (
                <li key={`s${i.classId}`}>
                  Sign{" "}
                  <a href={`/raci/${i.classId}`}>
                    {i.className} RACI, version {i.versionNo}
                  </a>{" "}
                  — {i.meaning}
                </li>
              ))}
              {mine.toReattest.map((i) => (
                <li key={`r${i.classId}`}>
                  Re-attest{" "}
                  <a href={`/raci/${i.classId}`}>
                    {i.className} RACI, version {i.versionNo}
                  </a>{" "}
                  — {i.meaning}
                </li>
              ))}
            </Group>
          )}
          {toApprove > 0 && (
            <Group title="To approve" count={toApprove} label="Waiting for your approval">
              {mine.aarsToApprove.map((d) => (
                <li key={`d${d.drillId}`}>
                  Approve the after-action report <a href={`/drills/${d.drillId}`}>{d.title}</a>
                </li>
              ))}
              {mine.plansToApprove.map((p) => (
                <li key={`p${p.planId}`}>
                  Approve{" "}
                  <a href={`/plans/${p.planId}`}>
                    {p.title}, version {p.versionNo}
                  </a>
                </li>
              ))}
              {mine.assessmentsToApprove.map((a) => (
                <li key={`a${a.assessmentId}`}>
                  Approve the assessment <a href={`/assessments/${a.assessmentId}`}>{a.name}</a>
                </li>
              ))}
            </Group>
          )}
          {mine.functionsToReview.length > 0 && (
            <Group title="To review" count={mine.functionsToReview.length} label="Waiting for your review">
              {mine.functionsToReview.map((f) => (
                <li key={`v${f.assessmentId}${f.functionId}`}>
                  Review <a href={`/assessments/${f.assessmentId}/${f.functionId}`}>{f.functionName}</a> of {f.name}
                </li>
              ))}
            </Group>
          )}
          {mine.toAcknowledge.length > 0 && (
            <Group title="To acknowledge" count={mine.toAcknowledge.length} label="Plans to acknowledge">
              {mine.toAcknowledge.map((p) => (
                <li key={p.planVersionId}>
                  Acknowledge{" "}
                  <a href={`/plans/${p.planId}`}>
                    {p.title}, version {p.versionNo}
                  </a>
                </li>
              ))}
            </Group>
          )}
          {mine.recalls.length > 0 && (
            <Group title="Recalls to action" count={mine.recalls.length} label="Recalls with devices waiting for your party's action">
              {mine.recalls.map((r) => (
                <li key={`rc${r.recallId}-${r.party}`}>
                  Record the action for <a href={`/recalls/${r.recallId}`}>recall {r.recallNumber}</a>
                  {r.recallClass ? ` (Class ${r.recallClass})` : ""} — {r.devices} {r.devices === 1 ? "device" : "devices"} for {r.party}
                </li>
              ))}
            </Group>
          )}
          {mine.functionsToAnswer.length > 0 && (
            <Group title="Assessments to answer" count={mine.functionsToAnswer.length} label="Assessment functions you must answer">
              {mine.functionsToAnswer.map((f) => (
                <li key={`q${f.assessmentId}${f.functionId}`}>
                  <a href={`/assessments/${f.assessmentId}/${f.functionId}`}>{f.functionName}</a> of {f.name} —{" "}
                  {f.returned ? "returned by the reviewer" : `${f.remaining} to answer`}
                  {f.dueDate ? `, due ${f.dueDate}` : ""}
                </li>
              ))}
            </Group>
          )}
          {mine.patches.length > 0 && (
            <Group
              title="Patches"
              count={mine.patches.reduce((n, p) => n + p.open + (p.letter === "A" ? p.overdue : 0), 0)}
              label="OEM-validated patches for your party"
            >
              {mine.patches.map((p) => (
                <li key={`${p.partyId}${p.letter}`}>
                  {p.letter === "R" ? (
                    <a href={`/patches?party=${p.partyId}&status=open`}>
                      {p.open} open patch item{p.open === 1 ? "" : "s"} for {p.party} to apply
                    </a>
                  ) : (
                    <a href={`/patches?party=${p.partyId}&status=overdue`}>
                      {p.overdue} overdue patch item{p.overdue === 1 ? "" : "s"} {p.party} answers for
                    </a>
                  )}
                  {p.letter === "R" && p.overdue > 0 && <strong className="text-red-800">, {p.overdue} overdue</strong>}
                </li>
              ))}
            </Group>
          )}
          {mine.items.length > 0 && (
            <div>
              <h3 className="mb-1 font-semibold">
                <a href="/actions?mine=1&status=not_closed">
                  {mine.items.length} open action item{mine.items.length === 1 ? "" : "s"}
                </a>
                {overdue.length > 0 && `, ${overdue.length} overdue`}
              </h3>
              <ul className="space-y-1" aria-label="Your open action items">
                {mine.items.slice(0, 8).map((i) => (
                  <li key={i.id}>
                    {i.overdue && <strong className="text-red-800">Overdue: </strong>}
                    <a href={i.sourceHref}>{i.title}</a> — {i.ownerParty}, due {i.dueDate}
                  </li>
                ))}
              </ul>
              {mine.items.length > 8 && (
                <p className="mt-1">
                  <a href="/actions?mine=1&status=not_closed">All {mine.items.length} open items</a>
                </p>
              )}
            </div>
          )}
        </div>
      )}
    </>
  );
}

function Group({ title, count, label, children }: { title: string; count: number; label: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="mb-1 font-semibold">
        {title} ({count})
      </h3>
      <ul className="space-y-1 break-words" aria-label={label}>
        {children}
      </ul>
    </div>
  );
}
