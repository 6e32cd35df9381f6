import { listPatchesRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** GET /api/v1/patches — the patch queue, ranked and filtered like /patches (scope: read). */
export const GET = defineApiRoute(listPatchesRoute);
