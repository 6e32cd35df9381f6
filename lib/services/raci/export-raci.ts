import { and, asc, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "@/db/client";
import { signatures } from "@/db/schema";
import type { RaciVersionStatus } from "@/db/schema/raci";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { LETTER_NAMES, STATUS_LABELS, cellAt, type RaciStatus, type ResolvedMatrix } from "@/lib/rules/raci";
import { verifySignature, type SignatureVerdict } from "@/lib/rules/signature";
import { escapeSpreadsheetText, toCsv as csvOf } from "@/lib/rules/spreadsheet";
import { loadSecrets } from "@/lib/server/config";
import { loadCoverage } from "./list-coverage";
import { RACI_ENTITY, signedContent, type VersionRow } from "./raci-records";
import { clock } from "@/lib/clock";

/** Column headers of the Matrix part. Spreadsheets and scripts downstream rely on this order. */
export const MATRIX_HEADER = ["Device class", "Activity", "CSF 2.0", "Party", "Letter", "Meaning", "Source", "Class status"] as const;
/** Column headers of the Signatures part (21 CFR 11.50: printed name, date and time, meaning). */
export const SIGNATURE_HEADER = [
  "Device class",
  "Version",
  "Version status",
  "Signer (printed name)",
  "Meaning",
  "Kind",
  "Signed at (UTC)",
  "Verification",
] as const;

export const VERSION_STATUS_LABELS: Record<RaciVersionStatus, string> = {
  in_review: "in review",
  returned: "returned",
  effective: "effective",
  superseded: "superseded",
};

export interface RaciExport {
  /** "organization" or the device class's name: names the file. */
  scopeName: string;
  matrix: string[][];
  signatures: string[][];
}

/**
 * One class's resolved matrix as export rows: one row per letter, marked "overridden here", "inherited
 * from <parent class>" or "inherited from template" (DOMAIN: always show inherited vs overridden). A
 * letter this class removes from its inheritance is listed too, with no letter, so the removal is visible.
 */
export function raciRowsForClass(
  cls: { name: string; status: RaciStatus; resolved: ResolvedMatrix },
  activities: readonly { id: number; name: string; csfRefs: readonly string[] }[],
  parties: readonly { id: number; name: string }[],
): string[][] {
  const rows: string[][] = [];
  for (const a of activities) {
    for (const p of parties) {
      const cell = cellAt(cls.resolved, a.id, p.id);
      const base = [cls.name, a.name, a.csfRefs.join(" "), p.name];
      if (cell.letter) {
        const source = cell.overriddenHere
          ? "overridden here"
          : cell.source.kind === "class"
            ? `inherited from ${cell.source.className}`
            : "inherited from template";
        rows.push([...base, cell.letter, LETTER_NAMES[cell.letter], source, STATUS_LABELS[cls.status]]);
      } else if (cell.overriddenHere && cell.inheritedLetter) {
        rows.push([...base, "", `None (removes the inherited ${LETTER_NAMES[cell.inheritedLetter]})`, "overridden here", STATUS_LABELS[cls.status]]);
      }
    }
  }
  return rows;
}

export interface SignatureLine {
  versionId: number;
  printedName: string;
  meaning: string;
  kind: string;
  signedAt: string;
  verdict: SignatureVerdict;
}

/** One class's signatures, version by version, each with its verification verdict (21 CFR 11.70). */
export function raciSignatureRows(className: string, versions: readonly VersionRow[], lines: readonly SignatureLine[]): string[][] {
  const rows: string[][] = [];
  for (const v of versions) {
    for (const s of lines.filter((l) => l.versionId === v.id)) {
      rows.push([
        className,
        String(v.versionNo),
        VERSION_STATUS_LABELS[v.status],
        s.printedName,
        s.meaning,
        s.kind === "reattest" ? "re-attestation" : "signature",
        s.signedAt,
        s.verdict.valid ? "valid" : s.verdict.message,
      ]);
    }
  }
  return rows;
}

/**
 * The resolved matrices and every version's signatures of one class (`classId`, archived or not) or of
 * every active class, in tree order. A constant number of queries whatever the number of classes.
 * Readable by every role that may read RACI; an unknown class answers NOT_FOUND.
 */
export function buildRaciExport(db: Db, actor: Actor, opts: { classId?: number } = {}, now = clock.now()): RaciExport {
  assertCan(actor, "raci.read");
  const { entries, activities, parties } = loadCoverage(db, now, { only: opts.classId });
  if (opts.classId !== undefined && entries.length === 0) throw notFound("device class");

  const versionIds = entries.flatMap((e) => e.versions.map((v) => String(v.id)));
  const stored =
    versionIds.length === 0
      ? []
      : db
          .select()
          .from(signatures)
          .where(and(eq(signatures.entityType, RACI_ENTITY), opts.classId !== undefined ? inArray(signatures.entityId, versionIds) : undefined))
          .orderBy(asc(signatures.signedAt), asc(signatures.id))
          .all();
  const key = loadSecrets().signatureKey;
  const versionById = new Map(entries.flatMap((e) => e.versions.map((v) => [String(v.id), v] as const)));
  const lines: SignatureLine[] = [];
  for (const s of stored) {
    const v = versionById.get(s.entityId);
    if (!v) continue; // a signature of an archived class's version, outside an organization export
    lines.push({
      versionId: v.id,
      printedName: s.printedName,
      meaning: s.meaning,
      kind: s.kind,
      signedAt: s.signedAt,
      verdict: verifySignature(key, s, signedContent(v)),
    });
  }

  return {
    scopeName: opts.classId !== undefined ? entries[0]!.name : "organization",
    matrix: entries.flatMap((e) => raciRowsForClass(e, activities, parties)),
    signatures: entries.flatMap((e) => raciSignatureRows(e.name, e.versions, lines)),
  };
}

/** RFC 4180 CSV: the matrix, a blank line, then the signatures. Cells a spreadsheet would run are escaped. */
export function toCsv(e: RaciExport): string {
  return csvOf([[...MATRIX_HEADER], ...e.matrix, [], ["Signatures"], [...SIGNATURE_HEADER], ...e.signatures]);
}

/** An XLSX workbook with two sheets, Matrix and Signatures; text is escaped against formulas as in CSV. */
export async function toXlsx(e: RaciExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Clearline";
  const add = (name: string, header: readonly string[], rows: string[][], widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([...header]).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(escapeSpreadsheetText));
    ws.columns.forEach((col, i) => (col.width = widths[i] ?? 20));
    ws.views = [{ state: "frozen", ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  };
  add("Matrix", MATRIX_HEADER, e.matrix, [28, 60, 22, 28, 8, 16, 36, 26]);
  add("Signatures", SIGNATURE_HEADER, e.signatures, [28, 9, 14, 28, 26, 16, 26, 56]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** clearline-raci-<scope-slug>-YYYY-MM-DD.<ext>, the date in UTC. */
export function exportFileName(scope: string, ext: "csv" | "xlsx", now = clock.now()): string {
  const slug =
    scope
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "export";
  return `clearline-raci-${slug}-${now.toISOString().slice(0, 10)}.${ext}`;
}
