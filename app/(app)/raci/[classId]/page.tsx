import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { RaciGrid } from "@/components/raci/raci-grid";
import { packCellsOnce, unpackCells } from "@/components/raci/grid-wire";
import { RaciTableContent, gridViolations } from "@/components/raci/raci-table";
import { markupOf } from "@/components/ui/static-markup";
import { cellKey } from "@/lib/rules/raci";
import { formatUtc } from "@/components/signatures/signature-list";
import { RaciChangeLists } from "@/components/raci/raci-change-lists";
import { RaciSignOffPanel } from "@/components/raci/raci-signoff-panel";
import { RaciStatusBadge } from "@/components/raci/status-badge";
import { reattestRaciAction, returnRaciAction, setRaciCellAction, signRaciAction, submitRaciAction } from "../actions";

export const metadata: Metadata = { title: "RACI" };

export default async function RaciClassPage({ params }: { params: Promise<{ classId: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).classId);
  const db = await getDb();
  const v = loadOr404(() => getRaciClass(db, actor, id));
  const readOnlyReason = v.readOnlyReason;
  const activities = v.activities.map((a) => ({ id: a.id, name: a.name, csfRefs: a.csfRefs }));
  const parties = v.parties.map((p) => ({ id: p.id, name: p.name, leadUserId: p.leadUserId }));
  const cells = packCellsOnce(v.cells, v.activities.length, v.parties.length);
  // The grid's first paint, kept per cached class view (its cells array) and the viewer's editable columns
  // (decision 0045): the grid's own RaciTableContent, drawn from the same packed cells the grid unpacks.
  const firstPaint = markupOf(v.cells, `${v.editableParties.join(",")}|${readOnlyReason ?? ""}`, () => {
    const map = new Map(unpackCells(cells, activities, parties).map((c) => [cellKey(c.activityId, c.partyId), c]));
    return (
      <RaciTableContent
        activities={activities}
        parties={parties}
        cells={map}
        violations={gridViolations(map, activities, parties)}
        pos={[0, 0]}
        isTemplate={false}
        editableParties={v.editableParties}
        readOnlyReason={readOnlyReason ?? null}
      />
    );
  });

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/raci">RACI coverage</Link>
        {v.chain.slice(0, -1).map((c) => (
          <span key={c.id}>
            {" / "}
            <Link href={`/raci/${c.id}`}>{c.name}</Link>
          </span>
        ))}
      </nav>
      <PageHeader
        title={`${v.deviceClass.name} — RACI`}
        description={`Who is Responsible, Accountable, Consulted and Informed for each activity on ${v.deviceClass.name}. Cells inherit from ${v.chain.length > 1 ? `${v.chain[v.chain.length - 2]!.name}, then ` : ""}the organization template unless overridden here.`}
        actions={
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span>
              Status: <RaciStatusBadge status={v.status} />
            </span>
            <Link href={`/raci/${id}/print`}>Print</Link>
            <a href={`/api/raci/classes/${id}/export?format=csv`}>CSV</a>
            <a href={`/api/raci/classes/${id}/export?format=xlsx`}>XLSX</a>
          </div>
        }
      />
      {v.lastReturned && (
        <Alert tone="warning" className="mb-4">
          Version {v.lastReturned.versionNo} was returned to draft{v.lastReturned.returnedAt ? ` on ${formatUtc(v.lastReturned.returnedAt)}` : ""}: “
          {v.lastReturned.returnComment}”
        </Alert>
      )}
      {v.status === "changes_pending" && (
        <Alert tone="warning" className="mb-4">
          Changes pending sign-off: the template or a parent class changed after version {v.effective?.version.versionNo} was signed. Version{" "}
          {v.effective?.version.versionNo} stays in force until a new version is signed.
        </Alert>
      )}
      {v.signatureProblem && (
        <Alert tone="error" className="mb-4">
          Signature problem: version {v.signatureProblem.versionNo} is marked effective, but its signatures do not hold up, so this class has no signed RACI in
          force. {v.signatureProblem.problems.join(" ")} See{" "}
          <Link href={`/raci/${id}/versions/${v.signatureProblem.versionNo}`}>version {v.signatureProblem.versionNo}</Link>; submit the matrix for signature
          again.
        </Alert>
      )}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 2xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <RaciGrid
            scope={id}
            title={`RACI matrix for ${v.deviceClass.name}`}
            activities={activities}
            parties={parties}
            cells={cells}
            firstPaint={firstPaint.id}
            revision={v.revision}
            editableParties={v.editableParties}
            readOnlyReason={readOnlyReason}
            setCell={setRaciCellAction}
          />
          <RaciChangeLists v={v} />
        </div>
        <RaciSignOffPanel v={v} id={id} actions={{ sign: signRaciAction, return: returnRaciAction, submit: submitRaciAction, reattest: reattestRaciAction }} />
      </div>
    </>
  );
}
