import { listRecallsRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/recalls — FDA recalls with their outstanding devices (scope: read). */
export const GET = defineApiRoute(listRecallsRoute);
