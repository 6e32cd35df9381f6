import { AppError } from "@/lib/errors";
import { assessmentExportResponse } from "@/lib/services/assessments/export-assessment";
import { defineRoute } from "@/lib/server/route";

/** An assessment's answers, evidence references and reviewer comments as CSV or XLSX. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, req, params }) => {
    const id = Number(params.id);
    if (!Number.isInteger(id) || id <= 0) throw new AppError("NOT_FOUND", "This assessment was not found.");
    return assessmentExportResponse(db, actor, id, new URL(req.url).searchParams.get("format"));
  },
});
