import type { Metadata } from "next";
import { loadOr404, parseQuery, pathId, q } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { listActiveUserNames, listParties } from "@/lib/services/admin/list-org";
import { getAssessmentResults } from "@/lib/services/assessments/results";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { markupOf } from "@/components/ui/static-markup";
import { StaticPart } from "@/components/ui/static-part";
import { GapList, ResultScores } from "@/components/assessments/results-sections";
import { SoftLinks } from "@/components/ui/soft-links";
import { ActionItemForm } from "@/components/assessments/action-item-form";
import { ActionItemTable } from "@/components/action-items/action-item-table";
import { isOverdue } from "@/lib/rules/drills";
import { clock } from "@/lib/clock";
import { createActionItemAction } from "../../actions";

export const metadata: Metadata = { title: "Assessment results" };

export default async function ResultsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const gapParam = parseQuery({ gap: q.text(16) }, await searchParams).query.gap;
  const db = await getDb();
  const r = loadOr404(() => getAssessmentResults(db, actor, id));
  const mayCreate = can(actor, "actionItem.create");
  const today = clock.today();
  // One form at a time: the gap whose "Create an action item" link was followed (?gap=), so the page does not carry a
  // hidden form with every party and person for each of dozens of gaps.
  const openGap = mayCreate && typeof gapParam === "string" ? (r.gaps.find((g) => g.subcategoryId === gapParam)?.subcategoryId ?? null) : null;
  const parties = openGap
    ? listParties(db, actor)
        .filter((p) => !p.archivedAt)
        .map((p) => ({ value: String(p.id), label: p.name }))
    : [];
  const people = openGap ? listActiveUserNames(db, actor).map((u) => ({ value: String(u.id), label: u.name })) : [];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/assessments">Assessments</Link> / <Link href={`/assessments/${id}`}>{r.assessment.name}</Link>
      </nav>
      <PageHeader
        title={`Results: ${r.assessment.name}`}
        description={`Average current vs target per function and category (scale 0–3, N/A excluded). ${r.previous ? `Compared with “${r.previous.name}”, approved ${r.previous.approvedAt?.slice(0, 10)}.` : "No earlier approved assessment of this scope to compare with."}`}
      />
      {/* ~170 plain links (categories, gaps) with one client-side navigation handler: components/ui/soft-links.tsx. */}
      <SoftLinks className="space-y-6">
        {/* Read-only parts as markup kept per cached results (decision 0045); the gap list is React while a form is open. */}
        <StaticPart
          className="space-y-6"
          markup={markupOf(r, "scores", () => (
            <ResultScores r={r} />
          ))}
        />
        {openGap ? (
          <GapList
            r={r}
            id={id}
            mayCreate={mayCreate}
            openGap={openGap}
            form={
              <ActionItemForm
                action={createActionItemAction}
                assessmentId={id}
                subcategoryId={openGap}
                defaultTitle={`Close the gap on ${openGap}`}
                parties={parties}
                people={people}
              />
            }
          />
        ) : (
          <StaticPart
            markup={markupOf(r, `gaps|${id}|${mayCreate}`, () => (
              <GapList r={r} id={id} mayCreate={mayCreate} />
            ))}
          />
        )}
        <Card title="Action items">
          {r.actionItems.length === 0 ? (
            <p className="text-sm text-slate-600">None yet.</p>
          ) : (
            <ActionItemTable
              caption="Action items from this assessment"
              titleHeader="Item"
              columns={["subcategory", "owner", "due"]}
              rows={r.actionItems.map((i) => ({
                ...i,
                ownerParty: i.partyName,
                ownerUser: i.userName,
                // Overdue is worked out here, not in the cached results, so it follows the clock.
                overdue: isOverdue(i, today),
                subcategory: i.subcategoryId ? { id: i.subcategoryId, href: `/assessments/${id}/${i.subcategoryId.slice(0, 2)}#h-${i.subcategoryId}` } : null,
              }))}
            />
          )}
        </Card>
      </SoftLinks>
    </>
  );
}
