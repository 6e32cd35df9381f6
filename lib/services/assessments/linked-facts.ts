import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { listRaciCoverage } from "../raci/list-coverage";
import type { AssessmentRow } from "./load";

/**
 * Live facts from Clearline's own data, offered as suggested evidence: GV.RR-02 (roles and responsibilities)
 * gets the RACI coverage of the assessment's scope; ID.AM-01/02 (inventories) get the count of device
 * classes with an activity that nobody owns (no Accountable party).
 */
export function linkedFacts(db: Db, actor: Actor, a: Pick<AssessmentRow, "scopeType" | "deviceClassId">, now = new Date()) {
  const coverage = listRaciCoverage(db, actor, now).filter((c) => a.scopeType !== "device_class" || c.classId === a.deviceClassId);
  const signed = coverage.filter((c) => c.effectiveVersionNo != null).length;
  const withViolations = coverage.filter((c) => c.violations.length > 0).length;
  const withoutOwner = coverage.filter((c) => c.violations.some((v) => v.includes("no party is Accountable"))).length;
  return {
    "GV.RR-02": `RACI coverage of this scope: ${signed} of ${coverage.length} device classes have an effective signed matrix; ${withViolations} ha${withViolations === 1 ? "s" : "ve"} open rule violations.`,
    "ID.AM-01": `${withoutOwner} of ${coverage.length} device classes have an activity without an owner (no Accountable party).`,
    "ID.AM-02": `${withoutOwner} of ${coverage.length} device classes have an activity without an owner (no Accountable party).`,
  } as Record<string, string>;
}
