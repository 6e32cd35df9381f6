import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { LETTER_NAMES, STATUS_LABELS, cellAt, type Letter } from "@/lib/rules/raci";
import { escapeSpreadsheetText, toCsv } from "@/lib/rules/spreadsheet";
import { verifyRecordSignatures } from "../signatures/sign-record";
import { listRaciCoverage } from "./list-coverage";
import { RACI_ENTITY, loadVersions, resolveClass, signedContent } from "./load";

const MATRIX_HEADER = ["Device class", "Activity", "CSF 2.0", "Party", "Letter", "Meaning", "Source", "Class status"];
const SIGNATURE_HEADER = ["Device class", "Version", "Version status", "Signer (printed name)", "Meaning", "Kind", "Signed at (UTC)", "Verification"];

export interface RaciExport {
  matrix: string[][];
  signatures: string[][];
}

/**
 * The resolved matrix (inherited vs overridden marked) and the signatures of every version, for one class
 * or, with `classId` undefined, every active class. Readable by anyone who may read RACI.
 */
export function buildRaciExport(db: Db, actor: Actor, classId?: number): RaciExport {
  assertCan(actor, "raci.read");
  const coverage = listRaciCoverage(db, actor);
  const selected = classId === undefined ? coverage : coverage.filter((c) => c.classId === classId);
  if (classId !== undefined && selected.length === 0) throw notFound("device class");
  const matrix: string[][] = [];
  const sigs: string[][] = [];
  for (const c of selected) {
    const r = resolveClass(db, c.classId);
    for (const a of r.activities) {
      for (const p of r.parties) {
        const cell = cellAt(r.resolved, a.id, p.id);
        if (!cell.letter) continue;
        const source = cell.overriddenHere ? "overridden here" : cell.source.kind === "class" ? `inherited from ${cell.source.className}` : "inherited from template";
        matrix.push([c.name, a.name, a.csfRefs.join(" "), p.name, cell.letter, LETTER_NAMES[cell.letter as Letter], source, STATUS_LABELS[c.status]]);
      }
    }
    for (const v of loadVersions(db, c.classId)) {
      for (const s of verifyRecordSignatures(db, { entityType: RACI_ENTITY, entityId: String(v.id) }, signedContent(v))) {
        sigs.push([c.name, String(v.versionNo), v.status, s.printedName, s.meaning, s.kind === "reattest" ? "re-attestation" : "signature", s.signedAt, s.verdict.valid ? "valid" : s.verdict.message]);
      }
    }
  }
  return { matrix, signatures: sigs };
}

export function raciExportCsv(e: RaciExport): string {
  return toCsv([MATRIX_HEADER, ...e.matrix, [], ["Signatures"], SIGNATURE_HEADER, ...e.signatures]);
}

export async function raciExportXlsx(e: RaciExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Clearline";
  const add = (name: string, header: string[], rows: string[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(escapeSpreadsheetText));
    ws.columns.forEach((col) => (col.width = 24));
    ws.views = [{ state: "frozen", ySplit: 1 }];
  };
  add("Matrix", MATRIX_HEADER, e.matrix);
  add("Signatures", SIGNATURE_HEADER, e.signatures);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function exportFileName(scope: string, ext: "csv" | "xlsx", now = new Date()): string {
  const slug = scope.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "export";
  return `clearline-raci-${slug}-${now.toISOString().slice(0, 10)}.${ext}`;
}
