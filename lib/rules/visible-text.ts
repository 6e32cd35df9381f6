/**
 * Whether a text says anything a reader can see: something besides white space and invisible format characters
 * (zero-width space, zero-width joiner, byte-order mark, direction marks). JavaScript's trim() keeps those, so evidence
 * of "\u200b" passed as written (found by a probe: an improvement item closed for good on a zero-width space).
 */
export function hasVisibleText(text: string): boolean {
  return /[^\s\p{Cf}]/u.test(text);
}
