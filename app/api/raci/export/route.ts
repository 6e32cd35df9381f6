import { defineRoute } from "@/lib/server/route";
import { raciExportResponse } from "@/lib/services/raci/export-response";

/** GET ?format=csv|xlsx — the whole organization's resolved RACI matrices and signatures. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req }) => raciExportResponse(db, actor, new URL(req.url).searchParams.get("format")),
});
