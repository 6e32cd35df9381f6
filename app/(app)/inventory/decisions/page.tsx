import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { getDb } from "@/lib/server/db";
import { parseQuery, q } from "@/lib/server/route-params";
import { listSites } from "@/lib/services/admin/list-org";
import { QueryProblems } from "@/components/ui/query-problems";
import { CONTROL_LABELS, SUPPORT_DECISION_STATUS_LABELS } from "@/lib/rules/support-decision";
import { SIGNATURE_AUTH_METHOD_LABELS } from "@/lib/rules/signature";
import { listSupportDecisions, supportDecisionChoices } from "@/lib/services/support-decisions/list-support-decisions";
import { ApproveDecisionForm, SupportDecisionForm } from "@/components/recalls/decision-forms";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { approveSupportDecisionAction, createSupportDecisionAction } from "./actions";

export const metadata: Metadata = { title: "Replace or mitigate" };

const TONE = { awaiting_approval: "warn", approved: "good", review_overdue: "bad" } as const;

const decisionsQuery = { site: q.id("Site") };

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const today = clock.today();
  const { query, problems } = parseQuery(decisionsQuery, await searchParams);
  const site = query.site == null ? null : listSites(db, actor).find((s) => s.id === query.site && (actor.siteId == null || s.id === actor.siteId));
  if (query.site != null && !site) problems.push(`Site "${query.site}" is not one you can see; every site you may see is shown.`);
  const v = listSupportDecisions(db, actor, today, { siteId: site?.id ?? null });
  const choices = can(actor, "supportDecision.create") ? supportDecisionChoices(db, actor, today) : null;
  const mayApprove = can(actor, "supportDecision.approve");
  return (
    <>
      <PageHeader
        title="Replace or mitigate"
        description="Devices past their maker's end of security patches that an open advisory affects need a decision: replace them by a date, or keep them with compensating controls (CSF ID.RA-06/07), approved by leadership and reviewed by a date."
        actions={<Link href="/inventory">Back to the inventory</Link>}
      />
      <QueryProblems problems={problems} />
      {site && (
        <p className="mb-4 text-sm">
          Site: <strong>{site.name}</strong> (decisions for every site included) · <Link href="/inventory/decisions">Show every site</Link>
        </p>
      )}
      <div className="space-y-6">
        <Card title={`Unsupported devices with open advisories and no decision (${v.withoutDecision.length})`}>
          {v.withoutDecision.length === 0 ? (
            <p className="text-sm text-slate-600">None: every unsupported device with an open advisory is covered by a decision.</p>
          ) : (
            <Table caption="Unsupported devices with open advisories and no decision">
              <thead>
                <tr>
                  <Th>Device</Th>
                  <Th>Model</Th>
                  <Th>Site</Th>
                </tr>
              </thead>
              <tbody>
                {v.withoutDecision.map((d) => (
                  <tr key={d.deviceId}>
                    <Td>
                      <Link href={`/inventory/devices/${d.deviceId}`}>{d.assetTag}</Link>
                    </Td>
                    <Td>
                      {d.manufacturer} {d.model}
                    </Td>
                    <Td>{d.site}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title={`Decisions (${v.decisions.length}, ${v.overdue.length} overdue for review)`}>
          {v.decisions.length === 0 ? (
            <p className="text-sm text-slate-600">No decision yet.</p>
          ) : (
            <ul className="space-y-4 text-sm">
              {v.decisions.map((d) => (
                <li key={d.id} className="border-l-2 border-slate-300 pl-3">
                  <p>
                    <strong>{d.kind === "replace" ? "Replace" : "Mitigate"}</strong> {d.manufacturer} {d.model} · {d.site ?? "every site"}{" "}
                    <Badge tone={TONE[d.status]}>{SUPPORT_DECISION_STATUS_LABELS[d.status]}</Badge>
                  </p>
                  <p className="text-slate-700">
                    {d.kind === "replace"
                      ? `By ${d.replaceBy}, capital request ${d.capitalRequestRef}.`
                      : `Controls: ${d.controls.map((c) => CONTROL_LABELS[c as keyof typeof CONTROL_LABELS] ?? c).join(", ")}.`}{" "}
                    Review by {d.reviewOn}. Written by {d.author} on {d.createdAt.slice(0, 10)}.
                  </p>
                  {d.details && <p className="text-slate-700">{d.details}</p>}
                  {d.approval && (
                    <p className="text-slate-700">
                      Approved and signed by {d.approval.printedName} on {d.approval.signedAt.replace("T", " ").slice(0, 16)} UTC (
                      {SIGNATURE_AUTH_METHOD_LABELS[d.approval.authMethod]}).
                    </p>
                  )}
                  {mayApprove && !d.approved && (
                    <ApproveDecisionForm action={approveSupportDecisionAction} decisionId={d.id} label={`${d.manufacturer} ${d.model}`} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {choices && (
          <Card title="Record a decision">
            <SupportDecisionForm action={createSupportDecisionAction} models={choices.models} sites={choices.sites} today={today} />
          </Card>
        )}
      </div>
    </>
  );
}
