import { upsertDevicesRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** POST /api/v1/devices/bulk — create or update up to 5,000 devices, all or nothing (scope: write:inventory). */
export const POST = defineApiRoute(upsertDevicesRoute);
