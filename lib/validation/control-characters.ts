import { hasControlCharacter } from "@/lib/rules/visible-text";

/**
 * Control characters at the two doors (every server action's input, every API body): the import's rows refuse the same
 * set (hasControlCharacter). Stored, they travel raw into exports, messages and other systems (found by probes: a BEL
 * and an ESC in a work order came back in the CMMS export and in later error messages).
 */
export const CONTROL_CHARACTER_SENTENCE = "holds control characters (invisible bytes such as NUL, BEL or ESC): remove them and try again.";

/** The path (keys and indexes) to the first string in `value` that holds a control character, or null. */
export function controlCharacterPath(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (depth > 32) return null;
  if (typeof value === "string") return hasControlCharacter(value) ? path : null;
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
