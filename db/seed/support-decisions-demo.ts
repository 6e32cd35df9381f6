import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { deviceModels } from "../schema";
import type { Actor } from "@/lib/auth/permissions";
import { writeSignature } from "@/lib/services/signatures/sign-record";
import { writeSupportDecision } from "@/lib/services/support-decisions/create-support-decision";
import { SUPPORT_DECISION_ENTITY, supportDecisionContent } from "@/lib/services/support-decisions/load";

const days = (now: Date, n: number) => new Date(now.getTime() + n * 86_400_000);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Replace or mitigate in the demo (issue #13 item 8): the legacy Alaris 8000 PC units are kept with compensating
 * controls, approved by the CIO and due for review in four months; GE's Clinical Information Center was approved for
 * replacement a year ago and its review date has passed (overdue). The CE lead wrote both; the CIO signed.
 */
export function seedSupportDecisionsDemo(tx: Tx, ctx: { author: Actor; approver: Actor; now: Date }): void {
  const model = (name: string) => tx.select().from(deviceModels).where(eq(deviceModels.name, name)).get()!;
  const approve = (d: ReturnType<typeof writeSupportDecision>, at: Date) =>
    writeSignature(
      tx,
      ctx.approver,
      { ref: { entityType: SUPPORT_DECISION_ENTITY, entityId: String(d.id) }, content: supportDecisionContent(d), meaning: "Approved" },
      at,
    );
  const writtenAt = days(ctx.now, -20);
  const mitigate = writeSupportDecision(
    tx,
    ctx.author,
    {
      modelId: model("Alaris 8000 PC Unit").id,
      siteId: null,
      kind: "mitigate",
      replaceBy: null,
      capitalRequestRef: "",
      controls: ["monitoring", "network_segmentation", "remote_access_disabled"],
      details:
        "Pumps moved to the biomed VLAN with no route to the internet; vendor remote access off; IDS alerts to the SOC. Replacement is in the FY2028 capital plan.",
      reviewOn: iso(days(ctx.now, 120)),
    },
    writtenAt,
  );
  approve(mitigate, days(writtenAt, 2));
  const yearAgo = days(ctx.now, -400);
  const replace = writeSupportDecision(
    tx,
    ctx.author,
    {
      modelId: model("Clinical Information Center (CIC)").id,
      siteId: null,
      kind: "replace",
      replaceBy: iso(days(ctx.now, 60)),
      capitalRequestRef: "CR-2025-0418",
      controls: [],
      details: "Central stations replaced with CARESCAPE Central Station.",
      reviewOn: iso(days(ctx.now, -35)),
    },
    yearAgo,
  );
  approve(replace, days(yearAgo, 3));
}
