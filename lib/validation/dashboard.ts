import { exportRefusal, parseQuery, q } from "./query";

/** The dashboard's and board report's query at the page boundary: a malformed site is named and the whole organization shown. */
export const dashboardQuery = { site: q.id("Site") };

/**
 * The XLSX export's reading of the same parameter, with the pages' parser (found by a probe: "site=0x1" exported
 * site 1 while the pages ignored it, and "site=abc" was called a missing site): the site id (null for the whole
 * organization), or the pages' sentence as a refusal.
 */
export function parseDashboardSite(raw: string | string[] | null | undefined): { siteId: number | null } | { problem: string } {
  const { query, problems } = parseQuery(dashboardQuery, { site: raw ?? undefined });
  return problems.length ? { problem: exportRefusal(problems[0]!) } : { siteId: query.site ?? null };
}
