import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { escapeSpreadsheetText, toCsv } from "@/lib/rules/spreadsheet";
import { listEvidence } from "./evidence";
import { getAssessment } from "./get-assessment";
import { clock } from "@/lib/clock";

const HEADER = [
  "Function",
  "Category",
  "Subcategory",
  "Outcome",
  "Current",
  "Target",
  "Not applicable",
  "N/A reason",
  "Notes",
  "Evidence",
  "Function review",
  "Reviewer comment",
];

/** Answers with scores, evidence references and reviewer comments, one row per subcategory. */
export function assessmentExportRows(db: Db, actor: Actor, id: number): string[][] {
  assertCan(actor, "assessment.read");
  const v = getAssessment(db, actor, id);
  const evidence = listEvidence(db, actor, id);
  const rows: string[][] = [];
  for (const f of CSF_FUNCTIONS) {
    const review = v.reviews.find((r) => r.functionId === f.id);
    for (const c of f.categories) {
      for (const s of c.subcategories) {
        const a = v.answers[s.id];
        const ev = evidence
          .filter((e) => e.subcategoryId === s.id)
          .map((e) => (e.kind === "file" ? `file: ${e.fileName} (sha256 ${e.sha256?.slice(0, 12)})` : e.kind === "link" ? `link: ${e.url}` : `note: ${e.body}`))
          .join("; ");
        rows.push([
          f.name,
          `${c.id} ${c.name}`,
          s.id,
          s.outcome,
          a?.current != null ? String(a.current) : "",
          a?.target != null ? String(a.target) : "",
          a?.notApplicable ? "yes" : "",
          a?.naReason ?? "",
          a?.notes ?? "",
          ev,
          review?.status ?? "",
          review?.comment ?? "",
        ]);
      }
    }
  }
  return rows;
}

export async function assessmentExportResponse(db: Db, actor: Actor, id: number, format: string | null): Promise<Response> {
  if (format !== "csv" && format !== "xlsx") throw new AppError("VALIDATION", "Choose format=csv or format=xlsx.");
  const rows = assessmentExportRows(db, actor, id);
  const name = `clearline-assessment-${id}-${clock.now().toISOString().slice(0, 10)}.${format}`;
  const headers = { "Cache-Control": "no-store", "Content-Disposition": `attachment; filename="${name}"` };
  if (format === "csv") return new Response(toCsv([HEADER, ...rows]), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const wb = new ExcelJS.Workbook();
  wb.creator = "Clearline";
  const ws = wb.addWorksheet("Answers");
  ws.addRow(HEADER).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(escapeSpreadsheetText));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  return new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
