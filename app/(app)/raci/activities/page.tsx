import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { assertCan, can } from "@/lib/auth/permissions";
import { loadActivities } from "@/lib/services/raci/raci-records";
import { getDb } from "@/lib/server/db";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ActivityForm, SmallActionButton } from "@/components/raci/activity-forms";
import { createActivityAction, moveActivityAction, retireActivityAction, updateActivityAction } from "./actions";

export const metadata: Metadata = { title: "Activities" };

export default async function ActivitiesPage() {
  const actor = await requirePageActor();
  assertCan(actor, "raci.read");
  const manage = can(actor, "activity.manage");
  const all = loadActivities(await getDb(), { includeRetired: true });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/raci">RACI coverage</Link> / <Link href="/raci/template">Template</Link>
      </nav>
      <PageHeader
        title="Activities"
        description="The governance duties that make the rows of every RACI matrix, each anchored to NIST CSF 2.0 subcategories. Retired activities leave live matrices; signed versions keep them."
      />
      <div className="space-y-6">
        <Card>
          <Table caption="Activities in matrix order">
            <thead>
              <tr>
                <Th>#</Th>
                <Th>Activity</Th>
                <Th>CSF 2.0</Th>
                <Th>Status</Th>
                {manage && <Th>Change</Th>}
              </tr>
            </thead>
            <tbody>
              {all.map((a, i) => (
                <tr key={a.id}>
                  <Td className="tabular-nums text-slate-500">{i + 1}</Td>
                  <Td>
                    {a.name}
                    {a.description && <div className="text-xs text-slate-500">{a.description}</div>}
                  </Td>
                  <Td className="whitespace-nowrap">{a.csfRefs.join(", ")}</Td>
                  <Td>{a.retiredAt ? <Badge>Retired</Badge> : <Badge tone="good">Active</Badge>}</Td>
                  {manage && (
                    <Td>
                      <div className="flex flex-wrap gap-1">
                        <SmallActionButton
                          action={moveActivityAction}
                          fields={{ id: String(a.id), direction: "up" }}
                          label={`Move up: ${a.name}`}
                          text="↑ Up"
                        />
                        <SmallActionButton
                          action={moveActivityAction}
                          fields={{ id: String(a.id), direction: "down" }}
                          label={`Move down: ${a.name}`}
                          text="↓ Down"
                        />
                        <SmallActionButton
                          action={retireActivityAction}
                          fields={{ id: String(a.id), retired: a.retiredAt ? "false" : "true" }}
                          label={`${a.retiredAt ? "Restore" : "Retire"}: ${a.name}`}
                          text={a.retiredAt ? "Restore" : "Retire"}
                          variant={a.retiredAt ? "secondary" : "danger"}
                        />
                      </div>
                      <details className="mt-1">
                        <summary className="cursor-pointer text-sm">Edit</summary>
                        <div className="mt-2 w-[28rem] max-w-full">
                          <ActivityForm action={updateActivityAction} activity={a} submitLabel="Save activity" />
                        </div>
                      </details>
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        {manage && (
          <Card title="Add an activity">
            <ActivityForm action={createActivityAction} submitLabel="Add activity" />
          </Card>
        )}
      </div>
    </>
  );
}
