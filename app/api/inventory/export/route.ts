import { defineRoute } from "@/lib/server/route";
import { deviceExportResponse } from "@/lib/services/inventory/export-devices";

/** GET ?format=csv|xlsx&<the inventory list's filters> — the filtered inventory, every page. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req }) => deviceExportResponse(db, actor, new URL(req.url)),
});
