import { notFound } from "@/lib/errors";
import { defineRoute } from "@/lib/server/route";
import { raciExportResponse } from "@/lib/services/raci/export-response";

/** GET ?format=csv|xlsx — one device class's resolved RACI matrix and signatures. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req, params }) => {
    const classId = Number(params.classId);
    if (!Number.isSafeInteger(classId) || classId <= 0) throw notFound("device class");
    return raciExportResponse(db, actor, new URL(req.url).searchParams.get("format"), { classId });
  },
});
