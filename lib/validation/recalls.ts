import { z } from "zod";
import { RECALL_ACTION_STATES, RECALL_CLASSES } from "@/db/schema/recalls";
import { COMPENSATING_CONTROLS, SUPPORT_DECISION_KINDS } from "@/db/schema/support-decisions";
import { calendarDate, id, optionalId, signerCredential, stringList, textOf, trimmed } from "./common";
import { parseQuery, q, type Raw } from "./query";

const filesOnly = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((f) => f instanceof File && f.size > 0);

/** openFDA device recall or enforcement responses: one or many JSON files. */
export const importRecallsSchema = z.strictObject({
  files: z.preprocess(
    filesOnly,
    z.array(z.instanceof(File)).min(1, "Choose one or more openFDA device recall or enforcement files (.json).").max(20, "Choose at most 20 files at a time."),
  ),
});

/** A Clinical Engineering lead's verdict on an uncertain recall-to-model match; the reason is audited. */
export const reviewRecallMatchSchema = z.strictObject({
  matchId: id,
  decision: z.enum(["confirmed", "dismissed"], { error: "Choose confirm or dismiss." }),
  reason: trimmed("Reason", 2000),
});
export type ReviewRecallMatchInput = z.infer<typeof reviewRecallMatchSchema>;

/** The action taken on one device for one recall (a CMMS work order is always named). */
export const recordRecallActionSchema = z.strictObject({
  recallId: id,
  deviceId: id,
  state: z.enum(RECALL_ACTION_STATES, { error: "Choose what was done: the corrective action, or checked and not affected." }),
  workOrder: trimmed("Work order", 60),
  actionOn: calendarDate("Date of the action", { max: "today" }),
  notes: textOf("text", "Notes"),
});
export type RecordRecallActionInput = z.infer<typeof recordRecallActionSchema>;

export const RECALL_LIST_STATUSES = ["all", "outstanding", "actioned", "review"] as const;

/** The recall list's filter (query string of /recalls; the dashboard's recall figures link here). */
export interface RecallListQuery {
  /** "none": recalls whose class openFDA does not state (the recall endpoint carries none). */
  recallClass?: (typeof RECALL_CLASSES)[number] | "none";
  status: (typeof RECALL_LIST_STATUSES)[number];
  site: number | null;
  /** A party id, or "none": recalls with devices routed to nobody (no signed owner). */
  party?: number | "none";
}

const recallListQuery = {
  class: q.enum("Recall class", [...RECALL_CLASSES, "none"] as const),
  status: q.enum("Status", RECALL_LIST_STATUSES),
  site: q.id("Site"),
  party: q.idOr("Routed to", ["none"] as const),
};

/** Query string → filter, with a sentence for each value that was ignored (never silently dropped). */
export function parseRecallListQuery(raw: Record<string, Raw>): { query: RecallListQuery; problems: string[] } {
  const { query, problems } = parseQuery(recallListQuery, raw);
  return { query: { recallClass: query.class, status: query.status ?? "all", site: query.site ?? null, party: query.party }, problems };
}

/** A replace-or-mitigate decision for an unsupported model (optionally one site). */
export const createSupportDecisionSchema = z
  .strictObject({
    modelId: id,
    siteId: optionalId,
    kind: z.enum(SUPPORT_DECISION_KINDS, { error: "Choose replace or mitigate." }),
    replaceBy: z.preprocess((v) => (v === "" || v == null ? null : v), calendarDate("Replace by", { min: "today" }).nullable()),
    capitalRequestRef: z.string().trim().max(60, "A capital request reference is at most 60 characters.").default(""),
    controls: stringList.pipe(z.array(z.enum(COMPENSATING_CONTROLS, { error: "Choose controls from the list." }))),
    details: textOf("text", "Details"),
    reviewOn: calendarDate("Review date", { min: "today", maxYearsAhead: 3 }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "replace" && !v.replaceBy)
      ctx.addIssue({ code: "custom", path: ["replaceBy"], message: "A replacement needs the date it will be done by." });
    if (v.kind === "replace" && !v.capitalRequestRef)
      ctx.addIssue({ code: "custom", path: ["capitalRequestRef"], message: "A replacement needs its capital request reference." });
    if (v.kind === "mitigate" && v.controls.length === 0)
      ctx.addIssue({ code: "custom", path: ["controls"], message: "Choose at least one compensating control." });
  });
export type CreateSupportDecisionInput = z.infer<typeof createSupportDecisionSchema>;

/** Leadership approval of a decision: the password re-entered at signing (21 CFR 11.200). */
export const approveSupportDecisionSchema = z.strictObject({ decisionId: id, ...signerCredential });
export type ApproveSupportDecisionInput = z.infer<typeof approveSupportDecisionSchema>;
