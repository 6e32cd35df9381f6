import crypto from "node:crypto";
import { Readable } from "node:stream";
import { parse, CsvError } from "csv-parse";
import ExcelJS from "exceljs";
import { AppError } from "@/lib/errors";
import { fastCsvFits, fastCsvRecords } from "@/lib/rules/csv-fast";
import { decodeText, detectHeaderRow, detectLayout, sniffFile, DELIMITER_LABELS, type Delimiter, type TextEncoding } from "@/lib/rules/inventory-import";

/** Default upload limit; IMPORT_MAX_MB overrides it (issue #12: "say 100 MB, configurable"). */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;
/** A CMMS export has tens of columns; thousands mean the file is not an equipment list (or is built to exhaust memory). */
export const MAX_COLUMNS = 1000;
const MAX_RECORD_SIZE = 1_000_000;

export function importMaxBytes(): number {
  const mb = Number(process.env.IMPORT_MAX_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_IMPORT_MAX_BYTES;
}

export interface ImportFileInfo {
  name: string;
  sizeBytes: number;
  sha256: string;
  kind: "csv" | "xlsx" | "json";
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  /** 1-based line (CSV) or row (XLSX) of the header. */
  headerRow: number;
  /** "UTF-8 with BOM, semicolon-separated, header on line 3". */
  description: string;
}

export interface TableRow {
  /** 1-based line or worksheet row, as the person sees it. */
  rowNumber: number;
  cells: string[];
}

export interface ImportTable {
  info: ImportFileInfo;
  headers: string[];
  rows: AsyncIterable<TableRow>;
  /**
   * The same rows as a synchronous iterable, when they are tokenized synchronously underneath (the lean CSV path): one
   * await per row of an async generator is measurable at 200,000 rows, so pass 1 reads these and hands the event loop
   * back every few thousand rows itself.
   */
  syncRows?: Iterable<TableRow>;
  /**
   * Records rather than a spreadsheet (the API): a cell that is `undefined` means the record does not have the field,
   * which leaves the stored value as it is; in a file an empty cell of a mapped column is still a cell (a new device's
   * empty site is an error).
   */
  records?: boolean;
  /** Lines (or worksheet rows) under the header, empty ones included: the total of the progress bar. */
  rowEstimate: number;
}

/** Line breaks after `from` (a record with a quoted line break counts twice: an estimate for a progress bar). */
function linesAfter(text: string, from: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  if (n === 0) for (let i = text.indexOf("\r", from); i >= 0; i = text.indexOf("\r", i + 1)) n++;
  return text.length > 0 && !/[\r\n]$/.test(text) ? n + 1 : n;
}

const refuse = (message: string) => new AppError("VALIDATION", message, { file: [message] });

const ENCODING_LABELS: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 with BOM",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Windows-1252",
};

function checkHeaders(headers: string[], rowNumber: number): string[] {
  if (headers.length > MAX_COLUMNS)
    throw refuse(
      `Row ${rowNumber} has ${headers.length.toLocaleString("en-US")} columns; a CMMS export has at most ${MAX_COLUMNS}. Export only the equipment columns.`,
    );
  const seen = new Map<string, number>();
  // Blank or repeated headers get a position so every column can still be mapped by name.
  return headers.map((h, i) => {
    const name =
      h
        .replace(/^\uFEFF/, "")
        .replace(/\s+/g, " ")
        .trim() || `Column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/**
 * Reads an uploaded CMMS export into a header and a stream of rows: refuses what is not CSV or XLSX, empty, or over
 * the size limit, with a sentence; detects encoding, delimiter and header row. Nothing is written anywhere.
 */
export async function readImportFile(
  fileName: string,
  bytes: Uint8Array,
  /** `what`: the export the sentences ask for ("the equipment list", "the completed work orders"). */
  opts: { maxBytes?: number; what?: string } = {},
): Promise<ImportTable> {
  const what = opts.what ?? "the equipment list";
  const maxBytes = opts.maxBytes ?? importMaxBytes();
  const name = fileName.trim() || "upload";
  if (bytes.length > maxBytes)
    throw refuse(`The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB. Split the export by site.`);
  const kind = sniffFile(bytes);
  if (kind === "empty") throw refuse(`The file is empty: export ${what} again.`);
  if (kind === "not-tabular") throw refuse(`This file is not a CSV or XLSX export (its content is binary). Export ${what} as CSV or Excel (.xlsx).`);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  if (kind === "xlsx") return readXlsx(name, bytes, sha256, what);
  return readCsv(name, bytes, sha256);
}

async function readCsv(name: string, bytes: Uint8Array, sha256: string): Promise<ImportTable> {
  const { text, encoding } = decodeText(bytes);
  const firstLines = text.slice(0, 256 * 1024).split(/\r\n|\n|\r/, 60);
  const layout = detectLayout(firstLines);
  if (!layout) throw refuse("No table was found in this file: it needs a header row and at least two columns separated by commas, semicolons or tabs.");
  const headerRow = layout.headerIndex + 1;
  const info: ImportFileInfo = {
    name,
    sizeBytes: bytes.length,
    sha256,
    kind: "csv",
    encoding,
    delimiter: layout.delimiter,
    headerRow,
    description: `${ENCODING_LABELS[encoding]}, ${DELIMITER_LABELS[layout.delimiter]}-separated, header on line ${headerRow}`,
  };
  const rowEstimate = Math.max(0, linesAfter(text, 0) - headerRow);
  if (fastCsvFits(text, layout.delimiter, MAX_RECORD_SIZE)) {
    const records = fastCsvRecords(text, layout.delimiter, headerRow);
    const first = records.next();
    if (first.done) throw refuse("The file has no header row.");
    const headers = checkHeaders(first.value.cells, headerRow);
    function* checked(): Generator<TableRow> {
      for (const r of records) {
        if (r.cells.length > MAX_COLUMNS)
          throw refuse(`Line ${r.line} has ${r.cells.length.toLocaleString("en-US")} columns; a CMMS export has at most ${MAX_COLUMNS}. Nothing was imported.`);
        yield { rowNumber: r.line, cells: r.cells };
      }
    }
    const once = checked();
    return {
      info,
      headers,
      rowEstimate,
      syncRows: once,
      rows: {
        // Synchronous underneath: one await per row of csv-parse's stream is itself measurable at 200,000 rows.
        async *[Symbol.asyncIterator]() {
          yield* once;
        },
      },
    };
  }
  const parser = parse({
    delimiter: layout.delimiter,
    from_line: headerRow,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    // A "field" of megabytes is binary or a broken quote, not a CMMS value.
    max_record_size: MAX_RECORD_SIZE,
  });
  const source = Readable.from([text]);
  source.pipe(parser);
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await next(iterator);
  if (!first) throw refuse("The file has no header row.");
  const headers = checkHeaders(first.record, headerRow);
  return {
    info,
    headers,
    rowEstimate,
    rows: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const r = await next(iterator);
          if (!r) return;
          if (r.record.length > MAX_COLUMNS)
            throw refuse(
              `Line ${r.info.lines} has ${r.record.length.toLocaleString("en-US")} columns; a CMMS export has at most ${MAX_COLUMNS}. Nothing was imported.`,
            );
          yield { rowNumber: r.info.lines, cells: r.record };
        }
      },
    },
  };
}

async function next<T>(it: AsyncIterator<T>): Promise<T | null> {
  try {
    const r = await it.next();
    return r.done ? null : r.value;
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw refuse(`The file could not be read as CSV${line ? ` near line ${line}` : ""}: a quoted value is not closed or a value is far too long.`);
    }
    throw e;
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    // A formula cell: keep it visible as a formula so the row check reports it (the cached result may be stale).
    if ("formula" in v || "sharedFormula" in v)
      return `=${(v as { formula?: string; sharedFormula?: string }).formula ?? (v as { sharedFormula?: string }).sharedFormula ?? ""}`;
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    if ("error" in v) return "";
    if ("hyperlink" in v) return String((v as { text?: unknown }).text ?? "");
  }
  return String(v);
}

async function readXlsx(name: string, bytes: Uint8Array, sha256: string, what: string): Promise<ImportTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw refuse("This file looks like an Excel workbook but could not be opened. Save it again as .xlsx or export CSV.");
  }
  const sheet = wb.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw refuse(`The workbook has no rows: export ${what} again.`);
  if (sheet.actualColumnCount > MAX_COLUMNS)
    throw refuse(
      `The worksheet has ${sheet.actualColumnCount.toLocaleString("en-US")} columns; a CMMS export has at most ${MAX_COLUMNS}. Export only the equipment columns.`,
    );
  const rows: TableRow[] = [];
  // Set inside eachRow's callback (a const holder: TypeScript does not follow assignments made in a callback).
  const wide: { row?: { rowNumber: number; columns: number } } = {};
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // A row's last cell, not the count of filled ones: one value far to the right is as wide as a CSV line of that many
    // columns, which is refused the same way.
    if (values.length - 1 > MAX_COLUMNS) wide.row ??= { rowNumber, columns: values.length - 1 };
    else if (!wide.row) rows.push({ rowNumber, cells: values.slice(1).map(cellText) });
  });
  if (wide.row) {
    const { rowNumber, columns } = wide.row;
    throw refuse(
      `Row ${rowNumber} has a value in column ${columns.toLocaleString("en-US")}; a CMMS export has at most ${MAX_COLUMNS} columns. Nothing was imported.`,
    );
  }
  const headerAt = detectHeaderRow(rows.slice(0, 50).map((r) => r.cells));
  if (headerAt < 0) throw refuse("No header row was found in the first worksheet: it needs at least two named columns.");
  const header = rows[headerAt]!;
  const headers = checkHeaders(header.cells, header.rowNumber);
  const body = rows.slice(headerAt + 1);
  return {
    info: {
      name,
      sizeBytes: bytes.length,
      sha256,
      kind: "xlsx",
      encoding: null,
      delimiter: null,
      headerRow: header.rowNumber,
      description: `Excel workbook, sheet "${sheet.name}", header on row ${header.rowNumber}`,
    },
    headers,
    rowEstimate: body.length,
    rows: {
      async *[Symbol.asyncIterator]() {
        yield* body;
      },
    },
  };
}
