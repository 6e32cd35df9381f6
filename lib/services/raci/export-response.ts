import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { buildRaciExport, exportFileName, toCsv, toXlsx } from "./export-raci";
import { clock } from "@/lib/clock";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const UNKNOWN_FORMAT_MESSAGE = "Choose an export format: format=csv for CSV or format=xlsx for Excel.";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * The HTTP answer to a RACI export: one class (`classId`) or the whole organization, as CSV or XLSX,
 * downloaded as an attachment and never cached (it names people and their signatures).
 * An unknown format is a VALIDATION error (400); the export service checks permission and the class.
 */
export async function raciExportResponse(db: Db, actor: Actor, format: string | null, opts: { classId?: number } = {}, now = clock.now()): Promise<Response> {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw invalid(UNKNOWN_FORMAT_MESSAGE, { format: [UNKNOWN_FORMAT_MESSAGE] });
  const fmt = format as ExportFormat;
  const data = buildRaciExport(db, actor, opts, now);
  const headers = {
    "Cache-Control": "no-store",
    "Content-Type": CONTENT_TYPES[fmt],
    "Content-Disposition": `attachment; filename="${exportFileName(data.scopeName, fmt, now)}"`,
    "X-Content-Type-Options": "nosniff",
  };
  const body = fmt === "csv" ? toCsv(data) : new Uint8Array(await toXlsx(data));
  return new Response(body, { headers });
}
