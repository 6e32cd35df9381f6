import { AppError } from "@/lib/errors";
import { getEvidenceFile } from "@/lib/services/assessments/evidence";
import { defineRoute } from "@/lib/server/route";

/** Evidence files are downloads, never rendered: attachment, checked type, nosniff, and a sandboxing CSP. */
export const GET = defineRoute({
  auth: "required",
  handler: ({ db, actor, params }) => {
    const id = Number(params.id);
    if (!Number.isInteger(id) || id <= 0) throw new AppError("NOT_FOUND", "This evidence file was not found.");
    const f = getEvidenceFile(db, actor, id);
    return new Response(new Uint8Array(f.bytes), {
      headers: {
        "Content-Type": f.contentType,
        "Content-Disposition": `attachment; filename="${f.fileName.replace(/[^\w.\- ]/g, "_")}"`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  },
});
