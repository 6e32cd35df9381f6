import type { Metadata } from "next";
import { pathId } from "@/lib/server/route-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { drillFormOptions, getDrill } from "@/lib/services/drills/get-drills";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { DrillStatusBadge } from "@/components/drills/drill-labels";
import { ConductForm, CancelDrillForm } from "@/components/drills/drill-forms";
import { ActionItemTable } from "@/components/action-items/action-item-table";
import { LifecycleStepper } from "@/components/drills/lifecycle-stepper";
import { DrillOverviewCard, MeasuredTimesCard } from "@/components/drills/drill-overview";
import { DrillFindingsCard, DrillObjectivesCard } from "@/components/drills/drill-review";
import { DrillAarCard } from "@/components/drills/drill-aar-card";
import {
  addFindingAction,
  addImprovementItemAction,
  addObjectiveAction,
  approveAarAction,
  cancelDrillAction,
  conductDrillAction,
  rateObjectiveAction,
  returnAarAction,
  saveAarSummaryAction,
  submitAarAction,
} from "../actions";
import { updateItemStatusAction } from "../../_shared/action-items/actions";

export const metadata: Metadata = { title: "Drill" };

export default async function DrillPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  let r;
  try {
    r = getDrill(db, actor, id);
  } catch (e) {
    // A read outside the actor's scope answers "not found", like a missing drill.
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
  const { drill: d, may } = r;
  const options = may.editAar || may.addItem ? drillFormOptions(db, actor) : null;
  const parties = options?.parties.map((p) => ({ value: String(p.id), label: p.name })) ?? [];
  const people = options?.users.map((u) => ({ value: String(u.id), label: u.name })) ?? [];
  const areas = r.findings.filter((f) => f.kind === "improvement");
  const areaNo = new Map(areas.map((f, i) => [f.id, i + 1]));

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/drills">Drills and exercises</Link> / {d.title}
      </nav>
      <PageHeader
        title={d.title}
        description={
          <>
            {d.typeLabel} ({d.group}) · {d.site} · Status: <DrillStatusBadge status={d.status} />
          </>
        }
        actions={
          <Link href={`/drills/${d.id}/aar`} className="text-sm">
            Print AAR/IP
          </Link>
        }
      />
      {r.signatureProblem && (
        <Alert tone="error" className="mb-4">
          Signature problem: this after-action report is marked approved, but its approval signature does not hold up, so it does not count as approved.{" "}
          {r.signatureProblem.join(" ")}
        </Alert>
      )}
      <div className="space-y-6">
        <LifecycleStepper status={d.status} kind={d.kind} />
        {d.status === "cancelled" && <Alert tone="info">This drill was cancelled{d.cancelReason ? `: ${d.cancelReason}` : "."}</Alert>}

        <DrillOverviewCard r={r} />

        {may.conduct && (
          <Card title="Record as conducted">
            <ConductForm
              action={conductDrillAction}
              drillId={d.id}
              today={r.today}
              participants={r.participants.map((p) => ({ value: String(p.id), label: p.name }))}
            />
          </Card>
        )}
        {may.cancel && (
          <Card title="Cancel drill">
            <CancelDrillForm action={cancelDrillAction} drillId={d.id} />
          </Card>
        )}

        <DrillObjectivesCard r={r} rateAction={rateObjectiveAction} addAction={addObjectiveAction} />

        <MeasuredTimesCard r={r} />

        <DrillFindingsCard
          r={r}
          options={options && { activities: options.activities, parties, people }}
          addFindingAction={addFindingAction}
          addImprovementItemAction={addImprovementItemAction}
        />

        <Card title="Improvement plan">
          {r.items.length === 0 ? (
            <p className="text-sm text-slate-600">No improvement item yet.{may.addItem ? " Add them under each area for improvement above." : ""}</p>
          ) : (
            <ActionItemTable
              caption="Improvement plan"
              titleHeader="Corrective action"
              columns={["capability", "party", "person", "due", "evidence"]}
              rows={r.items.map((i) => ({ ...i, note: i.findingId && areaNo.has(i.findingId) ? `For area for improvement ${areaNo.get(i.findingId)}` : null }))}
              updateAction={updateItemStatusAction}
            />
          )}
        </Card>

        <DrillAarCard
          r={r}
          actorId={actor.id}
          actions={{ saveSummary: saveAarSummaryAction, submit: submitAarAction, approve: approveAarAction, return: returnAarAction }}
        />
      </div>
    </>
  );
}
