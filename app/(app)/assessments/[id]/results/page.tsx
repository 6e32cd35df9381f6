import type { Metadata } from "next";
import { loadOr404, parseQuery, pathId, q } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { listActiveUserNames, listParties } from "@/lib/services/admin/list-org";
import { getAssessmentResults } from "@/lib/services/assessments/results";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { SoftLinks } from "@/components/ui/soft-links";
import { ActionItemForm } from "@/components/assessments/action-item-form";
import { ActionItemTable } from "@/components/action-items/action-item-table";
import { isOverdue } from "@/lib/rules/drills";
import { clock } from "@/lib/clock";
import { ScoreChart } from "@/components/assessments/score-chart";
import { createActionItemAction } from "../../actions";

export const metadata: Metadata = { title: "Assessment results" };

const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(2));
const fmtChange = (n: number | null) => (n === null ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(2)}`);

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
  const fname = (fid: string) => CSF_FUNCTIONS.find((f) => f.id === fid)?.name ?? fid;
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
  const change = new Map(r.functionChange.map((c) => [c.id, c.change]));
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
        <Card title="By function">
          <div className="grid gap-6 lg:grid-cols-2">
            <ScoreChart rows={r.functions.map((f) => ({ label: fname(f.id), current: f.current, target: f.target }))} />
            <Table caption="Scores by function">
              <thead>
                <tr>
                  <Th>Function</Th>
                  <Th>Current</Th>
                  <Th>Target</Th>
                  <Th>Gap</Th>
                  <Th>Answered</Th>
                  {r.previous && <Th>Change</Th>}
                </tr>
              </thead>
              <tbody>
                {r.functions.map((f) => (
                  <tr key={f.id}>
                    <Td>{fname(f.id)}</Td>
                    <Td className="tabular-nums">{fmt(f.current)}</Td>
                    <Td className="tabular-nums">{fmt(f.target)}</Td>
                    <Td className="tabular-nums">{fmt(f.gap)}</Td>
                    <Td className="tabular-nums">
                      {f.answered}/{f.total}
                    </Td>
                    {r.previous && <Td className="tabular-nums">{fmtChange(change.get(f.id) ?? null)}</Td>}
                  </tr>
                ))}
                <tr>
                  <Td className="font-semibold">Overall</Td>
                  <Td className="tabular-nums font-semibold">{fmt(r.overall.current)}</Td>
                  <Td className="tabular-nums font-semibold">{fmt(r.overall.target)}</Td>
                  <Td className="tabular-nums font-semibold">{fmt(r.overall.gap)}</Td>
                  <Td className="tabular-nums">
                    {r.overall.answered}/{r.overall.total}
                  </Td>
                  {r.previous && <Td />}
                </tr>
              </tbody>
            </Table>
          </div>
        </Card>
        <Card title="By category">
          <Table caption="Scores by category">
            <thead>
              <tr>
                <Th>Category</Th>
                <Th>Current</Th>
                <Th>Target</Th>
                <Th>Gap</Th>
                {r.previous && <Th>Change</Th>}
              </tr>
            </thead>
            <tbody>
              {r.categories.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <a href={c.href}>
                      {c.id} — {c.name}
                    </a>
                  </Td>
                  <Td className="tabular-nums">{fmt(c.current)}</Td>
                  <Td className="tabular-nums">{fmt(c.target)}</Td>
                  <Td className="tabular-nums">{fmt(c.gap)}</Td>
                  {r.previous && <Td className="tabular-nums">{fmtChange(r.categoryChange.find((x) => x.id === c.id)?.change ?? null)}</Td>}
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card title={`Gaps (${r.gaps.length}), largest first`}>
          {r.gaps.length === 0 ? (
            <p className="text-sm text-slate-600">No subcategory is below its target.</p>
          ) : (
            <ol className="space-y-3" aria-label="Gap list">
              {r.gaps.map((g) => (
                <li key={g.subcategoryId} id={`gap-${g.subcategoryId}`} className="scroll-mt-4 border-b border-slate-100 pb-3">
                  <div className="text-sm">
                    <a href={g.href} className="font-semibold">
                      {g.subcategoryId}
                    </a>{" "}
                    <span className="text-slate-600">({g.categoryName})</span> — current {g.current}, target {g.target}, gap {g.gap}{" "}
                    {g.deviceAnchored && <Badge tone="info">Device governance duty</Badge>}
                  </div>
                  <p className="text-sm text-slate-600">{g.outcome}</p>
                  {mayCreate &&
                    (openGap === g.subcategoryId ? (
                      <div className="mt-2 rounded-md border border-slate-200 p-3">
                        <h3 className="mb-2 text-sm font-semibold">New action item for {g.subcategoryId}</h3>
                        <ActionItemForm
                          action={createActionItemAction}
                          assessmentId={id}
                          subcategoryId={g.subcategoryId}
                          defaultTitle={`Close the gap on ${g.subcategoryId}`}
                          parties={parties}
                          people={people}
                        />
                        <a href={`/assessments/${id}/results#gap-${g.subcategoryId}`} className="mt-2 inline-block text-sm">
                          Close the form
                        </a>
                      </div>
                    ) : (
                      <a href={`/assessments/${id}/results?gap=${encodeURIComponent(g.subcategoryId)}#gap-${g.subcategoryId}`} className="text-sm">
                        Create an action item for {g.subcategoryId}
                      </a>
                    ))}
                </li>
              ))}
            </ol>
          )}
        </Card>
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
