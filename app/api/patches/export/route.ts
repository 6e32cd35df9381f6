import { defineRoute } from "@/lib/server/route";
import { patchExportResponse } from "@/lib/services/patches/export-patch-queue";

/** GET ?<the patch queue's filters> — the filtered queue as CSV for the CMMS, every page. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req }) => patchExportResponse(db, actor, new URL(req.url)),
});
