import { patchCompletionsRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** POST /api/v1/patches/completions — record up to 5,000 completed work orders, all or nothing (scope: write:patches). */
export const POST = defineApiRoute(patchCompletionsRoute);
