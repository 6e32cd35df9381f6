import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { getAssessment } from "@/lib/services/assessments/get-assessment";
import { getDb } from "@/lib/server/db";
import { Card, PageHeader } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";

export const metadata: Metadata = { title: "Assessment" };

export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  let v;
  try {
    v = getAssessment(await getDb(), actor, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const mine = v.functions.filter((f) => f.myRemaining > 0);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/assessments">Assessments</Link>
      </nav>
      <PageHeader title={v.assessment.name} description={`${v.scope} · due ${v.assessment.dueDate} · started by ${v.authorName}${v.assessment.carriedFromId ? " · started from the previous assessment" : ""}`} />
      <div className="space-y-6">
        <Card title="Progress">
          <Progress value={v.answered} max={v.total} label="Overall" />
          {mine.length > 0 && (
            <p className="mt-3 text-sm">
              Your remaining items: {mine.map((f) => `${f.name} ${f.myRemaining}`).join(", ")}.
            </p>
          )}
        </Card>
        <Card title="Steps">
          <ol className="space-y-4">
            {v.functions.map((f, i) => (
              <li key={f.id} className="grid gap-2 md:grid-cols-[16rem_1fr] md:items-center">
                <div>
                  <Link href={`/assessments/${id}/${f.id}`} className="font-medium">
                    {i + 1}. {f.name} ({f.id})
                  </Link>
                  <div className="text-xs text-slate-600">{f.assignees.length ? `Assigned: ${f.assignees.join(", ")}` : "Unassigned"}</div>
                </div>
                <Progress value={f.answered} max={f.total} label={`${f.name} progress`} />
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
