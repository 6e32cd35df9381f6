import { AppError } from "@/lib/errors";
import { getDeviceClass } from "@/lib/services/admin/list-org";
import { raciExportResponse } from "@/lib/services/raci/export-response";
import { defineRoute } from "@/lib/server/route";

/** One class's resolved RACI matrix and signatures, as CSV or XLSX. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req, params }) => {
    const id = Number(params.classId);
    if (!Number.isInteger(id) || id <= 0) throw new AppError("NOT_FOUND", "This device class was not found.");
    const dc = getDeviceClass(db, actor, id);
    return raciExportResponse(db, actor, new URL(req.url).searchParams.get("format"), id, dc.name);
  },
});
