import { requestPatchDeferralRoute } from "@/lib/api/v1-routes";
import { defineApiRoute } from "@/lib/server/api-route";

/** POST /api/v1/patches/deferral-requests — ask the Accountable party to defer a patch (scope: write:patches). */
export const POST = defineApiRoute(requestPatchDeferralRoute);
