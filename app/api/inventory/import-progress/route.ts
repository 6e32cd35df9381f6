import { defineRoute } from "@/lib/server/route";
import { getImportProgress } from "@/lib/services/inventory/get-import-progress";

/** GET ?job=<id> — the progress of a running preview or commit (the import page polls it). */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req }) => {
    const progress = getImportProgress(db, actor, new URL(req.url).searchParams.get("job"));
    return Response.json({ progress }, { headers: { "cache-control": "no-store" } });
  },
});
