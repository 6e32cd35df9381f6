import { getAssessmentRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/assessments/{id} — one CSF assessment with its scores (scope: read). */
export const GET = defineApiRoute(getAssessmentRoute);
