/**
 * The patch queue's order and due dates. Pure: facts in, rank and due date out.
 *
 * The seed's advice is to start with devices that have an OEM-validated patch waiting; among them, Clearline ranks:
 * 1. a CVE on CISA's Known Exploited Vulnerabilities catalog first (exploited in the wild, BOD 22-01's list);
 * 2. then the highest CVSS base score;
 * 3. then the device class's clinical criticality: life-sustaining first, then by criticality (critical → low);
 * 4. then devices that store PHI (HIPAA exposure);
 * 5. then network-connected devices (reachable by an attacker);
 * and finally by asset tag, so the order is stable.
 */
export interface PatchFacts {
  onKev: boolean;
  /** The highest CVSS base score of the advisory's CVEs that affect the device; null when none is given. */
  cvss: number | null;
  lifeSustaining: boolean;
  /** The device class's clinical criticality (db/schema/enums.ts CRITICALITY). */
  criticality: "critical" | "high" | "moderate" | "low" | null;
  storesPhi: boolean;
  connected: boolean;
  assetTag: string;
}

const CRITICALITY_RANK = { critical: 0, high: 1, moderate: 2, low: 3 } as const;

/** Negative when `a` comes first. */
export function comparePatchPriority(a: PatchFacts, b: PatchFacts): number {
  return (
    Number(b.onKev) - Number(a.onKev) ||
    (b.cvss ?? -1) - (a.cvss ?? -1) ||
    Number(b.lifeSustaining) - Number(a.lifeSustaining) ||
    (a.criticality ? CRITICALITY_RANK[a.criticality] : 4) - (b.criticality ? CRITICALITY_RANK[b.criticality] : 4) ||
    Number(b.storesPhi) - Number(a.storesPhi) ||
    Number(b.connected) - Number(a.connected) ||
    a.assetTag.localeCompare(b.assetTag)
  );
}

/** Why an item stands where it does, in words, for the queue. */
export function priorityReasons(f: PatchFacts): string[] {
  const out: string[] = [];
  if (f.onKev) out.push("known exploited (CISA KEV)");
  if (f.cvss !== null) out.push(`CVSS ${f.cvss.toFixed(1)} ${severityOf(f.cvss)}`);
  if (f.lifeSustaining) out.push("life-sustaining");
  if (f.storesPhi) out.push("stores PHI");
  if (f.connected) out.push("network-connected");
  return out;
}

/** CVSS v3 qualitative rating (FIRST, CVSS v3.1 specification, section 5). */
export function severityOf(score: number): "critical" | "high" | "medium" | "low" | "none" {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  if (score > 0) return "low";
  return "none";
}

/** Days to apply an OEM-validated patch, set by an admin. Defaults follow common hospital policy. */
export interface PatchPolicy {
  kevDays: number;
  criticalDays: number;
  highDays: number;
  otherDays: number;
}
export const DEFAULT_PATCH_POLICY: PatchPolicy = { kevDays: 14, criticalDays: 30, highDays: 60, otherDays: 90 };

/**
 * The due date of a patch item: counted from the day the OEM-validated patch became available (the hospital cannot
 * start before), by the strictest rule that applies.
 */
export function patchDueDate(
  validatedOn: string,
  f: Pick<PatchFacts, "onKev" | "cvss">,
  policy: PatchPolicy = DEFAULT_PATCH_POLICY,
): { dueOn: string; rule: string } {
  const sev = f.cvss === null ? "none" : severityOf(f.cvss);
  const [days, rule] = f.onKev
    ? [policy.kevDays, `known exploited: ${policy.kevDays} days`]
    : sev === "critical"
      ? [policy.criticalDays, `critical: ${policy.criticalDays} days`]
      : sev === "high"
        ? [policy.highDays, `high: ${policy.highDays} days`]
        : [policy.otherDays, `other: ${policy.otherDays} days`];
  return { dueOn: addDays(validatedOn, days), rule };
}

/** A calendar date plus whole days; throws on a date that is not a real calendar date. */
export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}
