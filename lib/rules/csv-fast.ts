/**
 * A lean CSV tokenizer for the shape almost every CMMS export has: one record per line, one kind of line ending,
 * fields either plain or wholly quoted ("" for a quote) without a line break inside. On a 200,000-row export it is
 * several times faster than csv-parse with line info (issue #12's import goal: ≥ 0.7 of a raw bulk insert), which
 * builds an info object per record. Anything outside that shape (a quote inside a plain field, text after a closing
 * quote, a line break inside quotes, mixed line endings, a record over `maxRecordSize`) makes `fastCsvFits` say no,
 * and the caller parses with csv-parse as before, so its relaxed rules and error sentences stay the only ones.
 *
 * Records are produced exactly as csv-parse produces them with { from_line, relax_column_count, relax_quotes,
 * skip_empty_lines } for such files: the 1-based line of each record, empty lines skipped, nothing trimmed.
 */

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The line ending of the text: "\r\n", "\n" or "\r" (the first one found), or "" when there is none. */
function lineEnding(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0) return "";
  if (text.charCodeAt(i) === LF) return "\n";
  return text.charCodeAt(i + 1) === LF ? "\r\n" : "\r";
}

/**
 * Tokenizes `text` (or only checks it when `emit` is absent). Returns false as soon as the text leaves the simple
 * shape; records before `fromLine` are skipped (and still checked).
 */
function scan(text: string, delimiter: string, fromLine: number, maxRecordSize: number, emit?: (line: number, cells: string[]) => void): boolean {
  const eol = lineEnding(text);
  if (eol === "\r\n") {
    // Every CR must start a CRLF and every LF must end one.
    for (let i = text.indexOf("\r"); i >= 0; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== LF) return false;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) if (text.charCodeAt(i - 1) !== CR) return false;
  } else if (eol === "\n" ? text.includes("\r") : eol === "\r" ? text.includes("\n") : false) return false;
  const d = delimiter.charCodeAt(0);
  const eolCode = eol === "" ? -1 : eol.charCodeAt(0);
  const n = text.length;
  let pos = 0;
  let line = 0;
  while (pos < n) {
    line++;
    let end = eol === "" ? -1 : text.indexOf(eol, pos);
    if (end < 0) end = n;
    if (end === pos) {
      pos = end + eol.length;
      continue; // an empty line
    }
    const keep = emit !== undefined && line >= fromLine;
    const cells: string[] = [];
    let length = 0;
    let i = pos;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let parts = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0 || q >= end) return false; // unclosed on this line (a line break inside quotes, or broken)
          if (text.charCodeAt(q + 1) === QUOTE && q + 1 < end) {
            parts += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value = parts + text.slice(j, q);
          i = q + 1;
          break;
        }
        if (i < end && text.charCodeAt(i) !== d) return false; // text after a closing quote
      } else {
        let j = text.indexOf(delimiter, i);
        if (j < 0 || j > end) j = end;
        value = text.slice(i, j);
        if (value.includes('"')) return false; // a quote inside a plain field: csv-parse's relaxed rule decides
        i = j;
      }
      length += value.length;
      if (length > maxRecordSize) return false;
      if (keep) cells.push(value);
      if (i >= end) break;
      i++; // the delimiter
      if (i === end) {
        // A trailing delimiter: one more empty field.
        if (keep) cells.push("");
        break;
      }
    }
    if (keep) emit(line, cells);
    pos = end + eol.length;
    if (eolCode < 0) break;
  }
  return true;
}

/** Whether `text` has the simple shape `fastCsvRecords` tokenizes exactly as csv-parse would. */
export function fastCsvFits(text: string, delimiter: string, maxRecordSize: number): boolean {
  return scan(text, delimiter, Number.MAX_SAFE_INTEGER, maxRecordSize);
}

/** The records of a text `fastCsvFits` accepted, from line `fromLine` on: [line, cells]. */
export function* fastCsvRecords(text: string, delimiter: string, fromLine: number): Generator<{ line: number; cells: string[] }> {
  // Tokenized in slices of lines so a 200,000-row file is not held twice as arrays of strings.
  const eol = lineEnding(text);
  const SLICE = 4 * 1024 * 1024;
  let start = 0;
  let lineBase = 0;
  while (start < text.length) {
    let stop = Math.min(text.length, start + SLICE);
    if (stop < text.length && eol !== "") {
      const e = text.indexOf(eol, stop);
      stop = e < 0 ? text.length : e + eol.length;
    } else stop = text.length;
    const chunk = text.slice(start, stop);
    const out: { line: number; cells: string[] }[] = [];
    scan(chunk, delimiter, fromLine - lineBase, Number.MAX_SAFE_INTEGER, (line, cells) => out.push({ line: line + lineBase, cells }));
    yield* out;
    // Lines in this slice (empty ones included).
    let lines = 0;
    if (eol !== "") for (let i = chunk.indexOf(eol); i >= 0; i = chunk.indexOf(eol, i + eol.length)) lines++;
    lineBase += lines;
    start = stop;
  }
}
