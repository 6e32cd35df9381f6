import { raciCoverageRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/raci/coverage — every device class's RACI status (scope: read). */
export const GET = defineApiRoute(raciCoverageRoute);
