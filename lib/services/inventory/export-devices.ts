import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { assertCan } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { escapeSpreadsheetText, toCsv } from "@/lib/rules/spreadsheet";
import { SUPPORT_STATUS_LABELS } from "@/lib/rules/support-status";
import { parseDeviceFilter } from "@/lib/validation/inventory";
import { clock } from "@/lib/clock";
import { deviceFilterWhere, dropUnknownFilterIds, scopeDeviceFilter, selectDevices } from "./list-devices";
import { exportRefusal } from "@/lib/validation/query";

export const DEVICE_EXPORT_HEADER = [
  "Asset tag",
  "Serial number",
  "Manufacturer",
  "Model",
  "Device class",
  "Site",
  "Location",
  "Status",
  "Connected",
  "IP address",
  "Hostname",
  "Stores PHI",
  "Support status",
  "Support ends",
  "Software version",
  "Last inventoried",
] as const;
const STATUS: Record<string, string> = { in_service: "In service", in_storage: "In storage", out_for_repair: "Out for repair", retired: "Retired" };
const FORMATS = ["csv", "xlsx"] as const;
export const DEVICE_EXPORT_FORMAT_MESSAGE = "Choose an export format: format=csv for CSV or format=xlsx for Excel.";

/** The filtered inventory (every page) as rows; every text cell is escaped against spreadsheet formulas (CWE-1236). */
export function deviceExportRows(db: Db, actor: Actor, query: Record<string, string | string[] | undefined>, today = clock.today()): string[][] {
  assertCan(actor, "inventory.read");
  // An export has no pages: a page parameter (a hand-made URL) is not a reason to refuse it.
  const { page: _page, ...filters } = query;
  const parsed = parseDeviceFilter(filters);
  if (!parsed.ok) throw invalid(parsed.message);
  // An id that names nothing would export an empty file that looks like "no such devices": refused with the page's sentence.
  const unknown = dropUnknownFilterIds(db, actor, parsed.filter).problems[0];
  if (unknown) throw invalid(exportRefusal(unknown));
  return selectDevices(db, deviceFilterWhere(db, scopeDeviceFilter(actor, parsed.filter), today), today).map((d) => [
    d.assetTag,
    d.serialNumber ?? "",
    d.manufacturer ?? "",
    d.model ?? "",
    d.deviceClass ?? "",
    d.site,
    d.location ?? "",
    STATUS[d.status]!,
    d.connected ? "Yes" : "No",
    d.ipAddress ?? "",
    d.hostname ?? "",
    d.storesPhi ? "Yes" : "No",
    SUPPORT_STATUS_LABELS[d.support],
    d.supportEndsOn ?? "",
    d.softwareVersion ?? "",
    d.lastInventoriedOn ?? "",
  ]);
}

/** The HTTP answer of GET /api/inventory/export?format=csv|xlsx&<list filters>: an attachment, never cached. */
export async function deviceExportResponse(db: Db, actor: Actor, url: URL): Promise<Response> {
  const format = url.searchParams.get("format");
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw invalid(DEVICE_EXPORT_FORMAT_MESSAGE);
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== "format" && !(k in query)) query[k] = v;
  delete query.page;
  const rows = deviceExportRows(db, actor, query);
  const name = `clearline-inventory-${clock.today()}.${format}`;
  let body: string | Uint8Array<ArrayBuffer>;
  if (format === "csv") body = toCsv([[...DEVICE_EXPORT_HEADER], ...rows]);
  else {
    const wb = new ExcelJS.Workbook();
    wb.creator = "Clearline";
    const ws = wb.addWorksheet("Inventory");
    ws.addRow([...DEVICE_EXPORT_HEADER]).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(escapeSpreadsheetText));
    ws.views = [{ state: "frozen", ySplit: 1 }];
    body = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }
  return new Response(body, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
