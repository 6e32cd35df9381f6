import { defineRoute } from "@/lib/server/route";
import { requireQuery } from "@/lib/server/route-params";
import { exportAuditCsv } from "@/lib/services/audit/export-audit";
import { auditQuery } from "@/lib/validation/audit";

/** GET ?entityType=&entityId=&actorId=&from=&to= — the filtered audit trail as CSV with the chain verification result. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req }) => {
    const { page: _page, ...filter } = requireQuery(auditQuery, new URL(req.url).searchParams);
    const { filename, csv } = exportAuditCsv(db, actor, filter);
    return new Response(csv, {
      headers: {
        "Cache-Control": "no-store",
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
