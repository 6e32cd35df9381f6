import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { listPlans, planFormOptions } from "@/lib/services/plans/get-plans";
import { getDb } from "@/lib/server/db";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { CreatePlanForm } from "@/components/plans/plan-forms";
import { DateText, ReviewBadge } from "@/components/plans/plan-labels";
import { createPlanAction } from "./actions";

export const metadata: Metadata = { title: "Response plans" };

export default async function PlansPage() {
  const actor = await requirePageActor();
  const db = await getDb();
  const rows = listPlans(db, actor);
  const mayManage = can(actor, "plan.manage");
  const mine = rows.filter((r) => r.mustAcknowledge);
  return (
    <>
      <PageHeader
        title="Response plans"
        description="What to do when devices are attacked or unavailable: scenario, devices in scope, steps, contacts and clinical downtime procedures — approved by leadership, acknowledged by the people they name, reviewed and exercised on schedule."
      />
      <div className="space-y-6">
        {mine.length > 0 && (
          <Alert tone="warning">
            You must acknowledge {mine.length === 1 ? "1 plan" : `${mine.length} plans`}: {mine.map((r) => r.title).join(", ")}. Open a plan and read it to
            acknowledge it.
          </Alert>
        )}
        <Card>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">No response plan yet.{mayManage ? " Create one below." : ""}</p>
          ) : (
            <Table caption="Response plans">
              <thead>
                <tr>
                  <Th>Plan</Th>
                  <Th>Site</Th>
                  <Th>Version</Th>
                  <Th>Review</Th>
                  <Th>Acknowledged</Th>
                  <Th>Last exercised</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <Td>
                      <Link href={`/plans/${p.id}`} className="font-medium">
                        {p.title}
                      </Link>
                      {p.mustAcknowledge && (
                        <span className="mt-1 block">
                          <Badge tone="warn">You must acknowledge</Badge>
                        </span>
                      )}
                    </Td>
                    <Td>{p.site}</Td>
                    <Td className="whitespace-nowrap">
                      {p.approvedVersionNo != null
                        ? `Version ${p.approvedVersionNo} in force`
                        : p.signatureProblem
                          ? "Signature problem: no version in force"
                          : "Not approved yet"}
                      {p.draftVersionNo != null && <span className="block text-xs text-slate-600">Draft: version {p.draftVersionNo}</span>}
                    </Td>
                    <Td>
                      <ReviewBadge review={p.review} />
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums">
                      {p.approvedVersionNo != null ? `${p.acknowledged} of ${p.required}` : "No version in force"}
                    </Td>
                    <Td className="whitespace-nowrap">{p.lastExercised ? <DateText iso={p.lastExercised} /> : "Never"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {mayManage && (
          <Card title="New plan">
            <CreatePlanForm action={createPlanAction} sites={planFormOptions(db, actor).sites.map((s) => ({ value: String(s.id), label: s.name }))} />
          </Card>
        )}
      </div>
    </>
  );
}
