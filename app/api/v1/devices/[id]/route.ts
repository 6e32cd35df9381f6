import { getDeviceRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/devices/{id} — one device (scope: read). */
export const GET = defineApiRoute(getDeviceRoute);
