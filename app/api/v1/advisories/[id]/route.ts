import { getAdvisoryRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/advisories/{id} — one advisory with products, vulnerabilities and KEV status (scope: read). */
export const GET = defineApiRoute(getAdvisoryRoute);
