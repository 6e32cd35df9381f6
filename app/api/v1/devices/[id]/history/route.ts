import { deviceHistoryRoute, recordDeviceWorkRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/devices/{id}/history — the device's history, newest first (scope: read). */
export const GET = defineApiRoute(deviceHistoryRoute);
/** POST /api/v1/devices/{id}/history — append a work event with its CMMS work order (scope: write:inventory). */
export const POST = defineApiRoute(recordDeviceWorkRoute);
