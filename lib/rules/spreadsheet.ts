/**
 * Spreadsheet formula injection (CWE-1236; OWASP "CSV Injection"): a cell starting with =, +, -, @, tab or carriage
 * return — or their full-width forms ＝＋－＠, which spreadsheet programs also accept — is run as a formula by Excel
 * and LibreOffice. A trigger after a separator (`x;=HYPERLINK(…)`) becomes the start of a
 * cell when the file is opened with that separator (semicolon locales), so it counts too (issue #10, finding 20).
 * Such text gets a leading apostrophe, which spreadsheets show as text; CSV fields holding any separator are quoted.
 */
const TRIGGER = "=+\\-@\uFF1D\uFF0B\uFF0D\uFF20";
const FORMULA_START = new RegExp(`^[${TRIGGER}\\t\\r]`);
const FORMULA_AFTER_SEPARATOR = new RegExp(`[,;\\t|\\r\\n][${TRIGGER}]`);

export function escapeSpreadsheetText(value: string): string {
  return FORMULA_START.test(value) || FORMULA_AFTER_SEPARATOR.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): escaped against formulas, quoted when it holds a separator (comma, semicolon, tab), quote or line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? escapeSpreadsheetText(value) : String(value);
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
