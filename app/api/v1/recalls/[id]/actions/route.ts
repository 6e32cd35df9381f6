import { recordRecallActionRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** POST /api/v1/recalls/{id}/actions — record a recall action with its work order (scope: write:recalls). */
export const POST = defineApiRoute(recordRecallActionRoute);
