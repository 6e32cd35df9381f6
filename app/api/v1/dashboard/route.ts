import { dashboardRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/dashboard — the dashboard's figures; a site-restricted token gets its site (scope: read). */
export const GET = defineApiRoute(dashboardRoute);
