import { invalid } from "@/lib/errors";
import { exportDashboard } from "@/lib/services/dashboard/export-dashboard";
import { parseDashboardSite } from "@/lib/validation/dashboard";
import { defineRoute } from "@/lib/server/route";

/** Every figure of the leadership dashboard for `?site=` (or the whole organization) as XLSX. */
export const GET = defineRoute({
  auth: "required",
  handler: async ({ db, actor, req }) => {
    const site = parseDashboardSite(new URL(req.url).searchParams.getAll("site"));
    if ("problem" in site) throw invalid(site.problem);
    const { siteId } = site;
    const { fileName, body } = await exportDashboard(db, actor, { siteId });
    return new Response(body, {
      headers: {
        "Cache-Control": "no-store",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    });
  },
});
