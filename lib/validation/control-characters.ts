/**
 * C0 control characters other than white space (tab, line feed, vertical tab, form feed, carriage return), and DEL: invisible bytes that no form of ours
 * sends and no CMMS value needs. Stored, they travel raw into exports, messages and other systems (found by probes:
 * a BEL and an ESC in a work order came back in the CMMS export and in later error messages).
 */
// The same set the import's rows refuse (hasControlCharacter): vertical tab and form feed are white space there, and
// Word's soft line breaks arrive as vertical tabs in pasted text (found in review), so they pass here too.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/;

export const CONTROL_CHARACTER_SENTENCE = "holds control characters (invisible bytes such as NUL, BEL or ESC): remove them and try again.";

/** The path (keys and indexes) to the first string in `value` that holds a control character, or null. */
export function controlCharacterPath(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (depth > 32) return null;
  if (typeof value === "string") return CONTROL.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = controlCharacterPath(value[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value !== null && typeof value === "object" && !(typeof File !== "undefined" && value instanceof File)) {
    for (const [k, v] of Object.entries(value)) {
      const p = controlCharacterPath(v, [...path, k], depth + 1);
      if (p) return p;
    }
  }
  return null;
}
