import { z } from "zod";
import { RECALL_ACTION_STATES, RECALL_CLASSES } from "@/db/schema/recalls";
import { calendarDate, id, optionalId, textOf, trimmed } from "./common";

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

/** The recall list's query string; a bad value falls back to the default rather than failing the page. */
export const recallListQuerySchema = z.object({
  recallClass: z.enum(RECALL_CLASSES).optional().catch(undefined),
  status: z.enum(["outstanding", "actioned", "review", "all"]).catch("all").default("all"),
  site: optionalId.catch(null),
  party: z.union([z.literal("none"), z.coerce.number().int().positive()]).optional().catch(undefined),
});
export type RecallListQuery = z.infer<typeof recallListQuerySchema>;
