/**
 * CVSS base scores from their vectors, through a maintained CVSS library (ae-cvss-calculator, FIRST's v2, v3.0,
 * v3.1 and v4.0 formulas). Pure. Advisories give a base score and a vector; Clearline recomputes the score so that a
 * publisher's slip (a score that does not match its vector) shows, and ranks by the publisher's score.
 */
import { fromVector } from "ae-cvss-calculator";

/** The eight v3 base metrics; a vector missing any of them has no base score. */
const V3_BASE = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

/** The base score of a complete CVSS v3.0/v3.1 vector, or null when the vector is not one. */
export function cvssV3BaseScore(vector: string | null | undefined): number | null {
  if (!vector) return null;
  const m = /^CVSS:3\.[01]\/(.+)$/.exec(vector.trim());
  if (!m) return null;
  const parts = new Map(m[1]!.split("/").map((p) => p.split(":") as [string, string]));
  if (!V3_BASE.every((k) => parts.has(k))) return null;
  try {
    const scores = fromVector(vector.trim())?.calculateScores() as { base?: number } | undefined;
    return typeof scores?.base === "number" && Number.isFinite(scores.base) ? scores.base : null;
  } catch {
    return null;
  }
}
