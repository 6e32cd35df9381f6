/**
 * Whether a text says anything a reader can see: something besides white space and invisible format characters
 * (zero-width space, zero-width joiner, byte-order mark, direction marks). JavaScript's trim() keeps those, so evidence
 * of "\u200b" passed as written (found by a probe: an improvement item closed for good on a zero-width space).
 */
export function hasVisibleText(text: string): boolean {
  return /[^\s\p{Cf}]/u.test(text);
}

/**
 * C0 control characters other than white space (tab, line feed, vertical tab, form feed, carriage return), and DEL:
 * invisible bytes no form sends and no CMMS value needs. Vertical tab and form feed pass: Word's soft line breaks
 * arrive as vertical tabs in pasted text (found in review).
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000E-\u001F\u007F]/;

/** Whether a text holds a control character that is not white space (NUL, BEL, ESC, DEL...). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
