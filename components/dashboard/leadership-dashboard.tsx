import { notFound } from "next/navigation";
import { parseQuery } from "@/lib/validation/query";
import { can, type Actor } from "@/lib/auth/permissions";
import { getInventorySummary } from "@/lib/services/inventory/get-inventory-summary";
import { InventorySection } from "@/components/inventory/inventory-dashboard-section";
import { PatchSection } from "@/components/patches/patch-dashboard-section";
import { AdvisorySection } from "@/components/advisories/advisory-dashboard-section";
import { getRiskFigures } from "@/lib/services/dashboard/get-risk-figures";
import { RecallsSection } from "@/components/recalls/recalls-dashboard-section";
import { markupOf, type StaticMarkup } from "@/components/ui/static-markup";
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
  // Each section's markup is kept per its cached summary (decision 0045): a committed write yields a new summary.
  const siteId = data.scope.siteId;
  const key = String(siteId ?? "all");
  const summary = can(actor, "inventory.read") ? getInventorySummary(db, actor, { siteId }, data.today) : null;
  const inventory = summary
    ? [
        markupOf(summary, key, () => <InventorySection summary={summary} siteId={siteId} />),
        risk.advisories && markupOf(risk.advisories, key, () => <AdvisorySection summary={risk.advisories!} siteId={siteId} />),
        risk.patches && markupOf(risk.patches, key, () => <PatchSection summary={risk.patches!} siteId={siteId} />),
        risk.recalls && markupOf(risk.recalls, key, () => <RecallsSection figures={risk.recalls!} siteId={siteId} />),
      ].filter((m): m is StaticMarkup => Boolean(m))
    : undefined;
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
