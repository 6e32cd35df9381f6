import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { buildTree, flattenTree } from "@/lib/rules/device-class-tree";
import { listActiveUserNames, listDeviceClasses, listParties, listSites } from "@/lib/services/admin/list-org";
import { listAssessments } from "@/lib/services/assessments/get-assessment";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Table, Td, Th } from "@/components/ui/table";
import { CreateAssessmentForm } from "@/components/assessments/create-assessment-form";
import { createAssessmentAction } from "./actions";

export const metadata: Metadata = { title: "Assessments" };

const STATUS = { in_progress: ["In progress", "info"], in_review: ["In review", "warn"], approved: ["Approved", "good"] } as const;

export default async function AssessmentsPage() {
  const actor = await requirePageActor();
  const db = await getDb();
  const rows = listAssessments(db, actor);
  const mayCreate = can(actor, "assessment.create");
  return (
    <>
      <PageHeader
        title="NIST CSF 2.0 assessments"
        description="Walk Govern, Identify, Protect, Detect, Respond and Recover for the organization, a site or a device class: current vs target, with evidence."
      />
      <div className="space-y-6">
        <Card>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">No assessment yet.{mayCreate ? " Start one below." : ""}</p>
          ) : (
            <Table caption="Assessments">
              <thead>
                <tr>
                  <Th>Assessment</Th>
                  <Th>Scope</Th>
                  <Th>Status</Th>
                  <Th>Due</Th>
                  <Th>Progress</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <Td>
                      <Link href={`/assessments/${a.id}`}>{a.name}</Link>
                    </Td>
                    <Td>{a.scope}</Td>
                    <Td>
                      <Badge tone={STATUS[a.status][1]}>{STATUS[a.status][0]}</Badge>
                    </Td>
                    <Td className="tabular-nums">{a.dueDate}</Td>
                    <Td className="min-w-[14rem]">
                      <Progress value={a.answered} max={a.total} label={`${a.name} progress`} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {mayCreate && (
          <Card title="Start an assessment">
            <CreateAssessmentForm
              action={createAssessmentAction}
              sites={listSites(db, actor)
                .filter((s) => !s.archivedAt)
                .map((s) => ({ value: String(s.id), label: s.name }))}
              classes={flattenTree(buildTree(listDeviceClasses(db, actor))).map((c) => ({ value: String(c.id), label: `${"— ".repeat(c.depth)}${c.name}` }))}
              assignees={[
                ...listParties(db, actor)
                  .filter((p) => !p.archivedAt)
                  .map((p) => ({ value: `party:${p.id}`, label: `Party: ${p.name}` })),
                ...listActiveUserNames(db, actor).map((u) => ({ value: `user:${u.id}`, label: `${u.name} (${u.email})` })),
              ]}
              functions={CSF_FUNCTIONS.map((f) => ({ id: f.id, name: f.name }))}
            />
          </Card>
        )}
      </div>
    </>
  );
}
