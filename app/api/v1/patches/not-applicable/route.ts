import { markPatchNotApplicableRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** POST /api/v1/patches/not-applicable — record a patch not applicable (scope: write:patches). */
export const POST = defineApiRoute(markPatchNotApplicableRoute);
