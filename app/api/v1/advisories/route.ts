import { listAdvisoriesRoute, uploadAdvisoryRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/advisories — advisories newest first, with cursor pagination (scope: read). */
export const GET = defineApiRoute(listAdvisoriesRoute);
/** POST /api/v1/advisories — upload one CSAF 2.0 advisory (scope: write:advisories). */
export const POST = defineApiRoute(uploadAdvisoryRoute);
