import { listAssessmentsRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/assessments — CSF assessments (scope: read). */
export const GET = defineApiRoute(listAssessmentsRoute);
