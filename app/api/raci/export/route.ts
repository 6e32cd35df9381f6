import { defineRoute } from "@/lib/server/route";
import { raciExportResponse } from "@/lib/services/raci/export-response";

/** The whole organization's resolved RACI matrices and signatures, as CSV or XLSX. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req }) => raciExportResponse(db, actor, new URL(req.url).searchParams.get("format")),
});
