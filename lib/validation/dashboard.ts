import { z } from "zod";
import { q } from "./query";

/** The `site` query parameter of the dashboard, the board report and the XLSX export: a site id; absent or empty means the whole organization. */
export const dashboardQuerySchema = z.object({
  site: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** The dashboard's and board report's query at the page boundary: a malformed site is named and the whole organization shown. */
export const dashboardQuery = { site: q.id("Site") };

/** The requested site id (null for the whole organization), or "invalid" for a malformed value. */
export function parseDashboardSite(raw: unknown): number | null | "invalid" {
  const r = dashboardQuerySchema.safeParse({ site: raw });
  return r.success ? (r.data.site ?? null) : "invalid";
}
