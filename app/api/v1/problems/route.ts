import { defineRoute } from "@/lib/server/route";

/** GET /api/v1/problems — problem types resolve to the API reference's list of them. */
export const GET = defineRoute({ auth: "none", handler: ({ req }) => Response.redirect(new URL("/help/api#errors", req.url), 308) });
