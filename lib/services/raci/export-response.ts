import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { buildRaciExport, exportFileName, raciExportCsv, raciExportXlsx } from "./export-raci";

/** Builds the HTTP response for a RACI export in the requested format. */
export async function raciExportResponse(db: Db, actor: Actor, format: string | null, classId?: number, scopeName = "organization"): Promise<Response> {
  if (format !== "csv" && format !== "xlsx") throw new AppError("VALIDATION", "Choose format=csv or format=xlsx.");
  const data = buildRaciExport(db, actor, classId);
  const headers = { "Cache-Control": "no-store", "Content-Disposition": `attachment; filename="${exportFileName(scopeName, format)}"` };
  if (format === "csv") return new Response(raciExportCsv(data), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await raciExportXlsx(data)), { headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
