import { isCommonPassword, normalizeForComparison } from "./common-passwords";

/** NIST SP 800-63B: length over composition rules. 15 is Clearline's floor for everyone. */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Returns the problems with a proposed password, as sentences a person can act on; empty when it is
 * acceptable. No composition rules (no "one uppercase, one symbol"): length and a deny-list instead.
 */
export function passwordProblems(password: string, context: { email?: string; name?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}). A few unrelated words work well.`);
    return problems;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
    return problems;
  }
  if (isCommonPassword(password)) {
    problems.push("This password is too common or too easy to guess. Choose something less predictable.");
    return problems;
  }
  const n = normalizeForComparison(password);
  const local = context.email ? normalizeForComparison(context.email.split("@")[0] ?? "") : "";
  if (local.length >= 4 && n.includes(local)) problems.push("Don't use your email address in your password.");
  const nameParts = (context.name ?? "")
    .split(/\s+/)
    .map(normalizeForComparison)
    .filter((p) => p.length >= 4);
  if (nameParts.some((p) => n.includes(p) && n.length - p.length < 10)) problems.push("Don't build your password around your name.");
  return problems;
}
