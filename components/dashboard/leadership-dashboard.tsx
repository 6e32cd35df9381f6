import { notFound } from "next/navigation";
import { parseQuery } from "@/lib/validation/query";
import { can, type Actor } from "@/lib/auth/permissions";
import { getInventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { InventorySection } from "@/components/inventory/inventory-dashboard-section";
import { PatchSection } from "@/components/patches/patch-dashboard-section";
import { getPatchSummary } from "@/lib/services/patches/get-patch-summary";
import { AdvisorySection } from "@/components/advisories/advisory-dashboard-section";
import { getAdvisorySummary } from "@/lib/services/advisories/get-advisory-summary";
import { getRecallFigures } from "@/lib/services/recalls/get-recall-figures";
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
  const inventory = can(actor, "inventory.read") ? (
    <div className="space-y-6">
      <InventorySection summary={getInventorySummary(db, actor, { siteId: data.scope.siteId }, data.today)} siteId={data.scope.siteId} />
      {can(actor, "advisory.read") && <AdvisorySection summary={getAdvisorySummary(db, actor, { siteId: data.scope.siteId }, data.today)} siteId={data.scope.siteId} />}
      {can(actor, "patch.read") && <PatchSection summary={getPatchSummary(db, actor, { siteId: data.scope.siteId }, data.today)} siteId={data.scope.siteId} />}
      {can(actor, "recall.read") && <RecallsSection figures={getRecallFigures(db, actor, { siteId: data.scope.siteId }, data.today)} siteId={data.scope.siteId} />}
    </div>
  ) : undefined;
  return (
    <>
      <QueryProblems problems={problems} />
      <DashboardView data={data} mine={getMyDashboardItems(db, actor, now)} sites={dashboardSites(db, actor)} orgName={getOrganization(db, actor)?.name ?? "Your organization"} inventory={inventory} />
    </>
  );
}
