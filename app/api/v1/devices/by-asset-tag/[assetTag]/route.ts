import { getDeviceByTagRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/devices/by-asset-tag/{assetTag} — one device by its asset tag (scope: read). */
export const GET = defineApiRoute(getDeviceByTagRoute);
