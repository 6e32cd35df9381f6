import { notFound } from "next/navigation";
import { parseQuery } from "@/lib/validation/query";
import { can, type Actor } from "@/lib/auth/permissions";
import { getInventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { InventorySection } from "@/components/inventory/inventory-dashboard-section";
import { PatchSection } from "@/components/patches/patch-dashboard-section";
import { AdvisorySection } from "@/components/advisories/advisory-dashboard-section";
import { getRiskFigures } from "@/lib/services/dashboard/get-risk-figures";
import { RecallsSection } from "@/components/recalls/recalls-dashboard-section";
import { AppError } from "@/lib/errors";
import { getOrganization } from "@/lib/services/admin/list-org";
import { dashboardSites, getDashboard, getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";
import { dashboardQuery } from "@/lib/validation/dashboard";
import { QueryProblems } from "@/components/ui/query-problems";
import { getDb } from "@/lib/server/db";
import { DashboardView } from "./dashboard-view";
import { clock } from "@/lib/clock";

/**
 * Loads and shows the leadership dashboard for `?site=`; shared by `/dashboard` and, for leadership, `/`.
 * A malformed site id is named and ignored (whole organization); a site outside the actor's reach is "not found".
 */
export async function LeadershipDashboard({ actor, site }: { actor: Actor; site: string | string[] | undefined }) {
  const db = await getDb();
  const { query, problems } = parseQuery(dashboardQuery, { site });
  const now = clock.now();
  let data;
  try {
    data = getDashboard(db, actor, { siteId: query.site ?? null }, now);
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
  // The same figures as the board report and the CSF linked facts (one source: getRiskFigures).
  const risk = getRiskFigures(db, actor, { siteId: data.scope.siteId }, data.today);
  const inventory = can(actor, "inventory.read") ? (
    <div className="space-y-6">
      <InventorySection summary={getInventorySummary(db, actor, { siteId: data.scope.siteId }, data.today)} siteId={data.scope.siteId} />
      {risk.advisories && <AdvisorySection summary={risk.advisories} siteId={data.scope.siteId} />}
      {risk.patches && <PatchSection summary={risk.patches} siteId={data.scope.siteId} />}
      {risk.recalls && <RecallsSection figures={risk.recalls} siteId={data.scope.siteId} />}
    </div>
  ) : undefined;
  return (
    <>
      <QueryProblems problems={problems} />
      <DashboardView
        data={data}
        mine={getMyDashboardItems(db, actor, now)}
        sites={dashboardSites(db, actor)}
        orgName={getOrganization(db, actor)?.name ?? "Your organization"}
        inventory={inventory}
      />
    </>
  );
}
