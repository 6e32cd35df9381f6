import { listAdvisoriesRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/advisories — advisories newest first, with cursor pagination (scope: read). */
export const GET = defineApiRoute(listAdvisoriesRoute);
