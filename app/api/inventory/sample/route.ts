import { defineRoute } from "@/lib/server/route";
import { sampleCmmsExportResponse } from "@/lib/services/inventory/sample-export";

/** GET — the sample CMMS export of the demo inventory, for trying the import. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor }) => sampleCmmsExportResponse(db, actor),
});
