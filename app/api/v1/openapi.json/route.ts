import { defineRoute } from "@/lib/server/route";
import { openApiDocument } from "@/lib/server/openapi";

/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document; public, it describes no data. */
export const GET = defineRoute({ auth: "none", handler: () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }) });
