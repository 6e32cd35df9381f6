import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { toCsv } from "@/lib/rules/spreadsheet";
import { PATCH_STATUS_LABELS } from "@/lib/rules/patch-state";
import { parsePatchQueueFilter } from "@/lib/validation/patches";
import { clock } from "@/lib/clock";
import { dropUnknownPatchFilterIds, listAllPatchItems } from "./list-patch-queue";
import { invalid } from "@/lib/errors";
import { exportRefusal } from "@/lib/validation/query";

/**
 * The columns a CMMS needs to open work orders. "Work order" and "Date applied" are left blank: filled in by the CMMS
 * and imported back as completions (import-patch-completions.ts reads the same header names).
 */
export const PATCH_EXPORT_HEADER = [
  "Asset tag",
  "Advisory",
  "Advisory title",
  "Site",
  "Manufacturer",
  "Model",
  "Device class",
  "Known exploited",
  "CVSS",
  "Validated version",
  "OEM bulletin",
  "Validated on",
  "Due",
  "Status",
  "Responsible",
  "Accountable",
  "Work order",
  "Date applied",
] as const;

/** GET /api/patches/export?<the queue's filters>: every item of the filter, ranked, as CSV (formula-escaped). */
export function patchExportResponse(db: Db, actor: Actor, url: URL, today = clock.today()): Response {
  // An export has no pages: a page parameter (a hand-made URL) is not a reason to refuse it.
  const params = new URLSearchParams(url.searchParams);
  params.delete("page");
  const parsed = parsePatchQueueFilter(params);
  // A bad or unknown filter value refuses the export, as the inventory's does: a file must match what was asked (found
  // by a probe: "party=abc" and "site=0x1" exported every row, "site=99999" an unexplained empty file).
  const problem = parsed.problems[0] ?? dropUnknownPatchFilterIds(db, actor, parsed.filter).problems[0];
  if (problem) throw invalid(exportRefusal(problem));
  const filter = parsed.filter;
  const rows = listAllPatchItems(db, actor, { ...filter, page: undefined }, today).map((r) => [
    r.assetTag,
    r.trackingId,
    r.advisoryTitle,
    r.site,
    r.manufacturer,
    r.model,
    r.deviceClass,
    r.onKev ? "yes" : "no",
    r.cvss,
    r.validatedVersion,
    r.bulletin,
    r.validatedOn,
    r.dueOn,
    PATCH_STATUS_LABELS[r.status],
    r.responsible?.map((h) => h.party).join("; ") ?? "no signed owner",
    r.accountable?.map((h) => h.party).join("; ") ?? "no signed owner",
    r.workOrder,
    r.appliedOn,
  ]);
  return new Response(toCsv([[...PATCH_EXPORT_HEADER], ...rows]), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="clearline-patch-queue-${today}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
