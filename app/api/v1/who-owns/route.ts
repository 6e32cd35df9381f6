import { whoOwnsRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/who-owns — responsibilities for a device class or a device (scope: read). */
export const GET = defineApiRoute(whoOwnsRoute);
