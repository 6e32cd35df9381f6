import { advisoryDevicesRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/advisories/{id}/devices — the devices an advisory affects, or its matches awaiting review (scope: read). */
export const GET = defineApiRoute(advisoryDevicesRoute);
