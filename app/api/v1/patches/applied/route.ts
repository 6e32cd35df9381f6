import { recordPatchAppliedRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** POST /api/v1/patches/applied — record a patch applied with its work order (scope: write:patches). */
export const POST = defineApiRoute(recordPatchAppliedRoute);
