import { listDevicesRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/devices — the inventory, filtered and paged by asset tag (scope: read). */
export const GET = defineApiRoute(listDevicesRoute);
