import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import type { getAssessmentResults } from "@/lib/services/assessments/results";
import { ScoreChart } from "./score-chart";

/**
 * The read-only parts of an assessment's results: scores by function and category, and the gap list. They depend on
 * the cached results alone (and, for the gap list, on whether the viewer may create action items), so the page sends
 * them as markup kept per cached results object (components/ui/static-markup.ts, decision 0045).
 */
export type AssessmentResults = ReturnType<typeof getAssessmentResults>;

const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(2));
const fmtChange = (n: number | null) => (n === null ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(2)}`);
const fname = (fid: string) => CSF_FUNCTIONS.find((f) => f.id === fid)?.name ?? fid;

export function ResultScores({ r }: { r: AssessmentResults }) {
  const change = new Map(r.functionChange.map((c) => [c.id, c.change]));
  return (
    <>
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
    </>
  );
}

/** The gaps, largest first; `form` is the open "new action item" form of one gap (?gap=), when there is one. */
export function GapList({
  r,
  id,
  mayCreate,
  openGap = null,
  form = null,
}: {
  r: AssessmentResults;
  id: number;
  mayCreate: boolean;
  openGap?: string | null;
  form?: React.ReactNode;
}) {
  return (
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
                    {form}
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
  );
}
