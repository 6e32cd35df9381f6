import { getRecallRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/recalls/{id} — one recall and the devices it applies to (scope: read). */
export const GET = defineApiRoute(getRecallRoute);
