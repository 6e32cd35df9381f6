import { and, desc, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, deviceClasses, drillClasses, drills, sites } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { addMonthsIso } from "@/lib/rules/plans";
import { subtreeOf } from "@/lib/rules/device-class-tree";
import { countsForCadence } from "@/lib/rules/drills";
import { listRaciCoverage } from "../raci/list-coverage";
import { inventoryFactsUnchecked } from "../inventory/inventory-facts";
import { getRiskFigures } from "../dashboard/get-risk-figures";
import { riskFacts } from "./risk-facts";
import { drillTypeLabel } from "../drills/get-drills";
import type { AssessmentRow } from "./assessment-records";
import { clock } from "@/lib/clock";

export interface LinkedFact {
  text: string;
  links?: { href: string; label: string }[];
}

/** Subcategories that drills and improvement items speak to: improvement (ID.IM-02, ID.IM-04) and every Respond and Recover outcome. */
export const DRILL_EVIDENCE_SUBCATEGORIES: readonly string[] = [
  "ID.IM-02",
  "ID.IM-04",
  ...CSF_SUBCATEGORIES.filter((s) => s.id.startsWith("RS.") || s.id.startsWith("RC.")).map((s) => s.id),
];

const SHOWN = 5;

/**
 * Live facts from Clearline's own data, offered as suggested evidence: GV.RR-02 (roles and responsibilities)
 * gets the RACI coverage of the assessment's scope; ID.AM-01/02 (inventories) get the count of device
 * classes with an activity that nobody owns (no Accountable party), after the inventory's own figures for the scope
 * (devices, share classified and located, not inventoried in 12 months; software versions and network facts); ID.IM-02, ID.IM-04 and the RS/RC
 * subcategories get the drills of the same scope in the last 12 months and their closed improvement items; ID.RA-01/02/
 * 06/08, ID.AM-08 and PR.PS-02 get the advisory, patch, recall and replace-or-mitigate figures (./risk-facts.ts).
 */
export function linkedFacts(
  db: Db,
  actor: Actor,
  a: Pick<AssessmentRow, "scopeType" | "siteId" | "deviceClassId">,
  now = clock.now(),
): Record<string, LinkedFact> {
  // A device-class assessment covers the class and its subclasses (an "Infusion pumps" assessment, its syringe pumps too).
  const inScope = scopeClasses(db, a);
  const coverage = listRaciCoverage(db, actor, now).filter((c) => !inScope || inScope.has(c.classId));
  const signed = coverage.filter((c) => c.effectiveVersionNo != null).length;
  const withViolations = coverage.filter((c) => c.violations.length > 0).length;
  const withoutOwner = coverage.filter((c) => c.violations.some((v) => v.includes("no party is Accountable"))).length;
  const owners = `${withoutOwner} of ${coverage.length} device classes have an activity without an owner (no Accountable party).`;
  const facts: Record<string, LinkedFact> = {
    "GV.RR-02": {
      text: `RACI coverage of this scope: ${signed} of ${coverage.length} device classes have an effective signed matrix; ${withViolations} ha${withViolations === 1 ? "s" : "ve"} open rule violations.`,
    },
    "ID.AM-01": { text: owners },
    "ID.AM-02": { text: owners },
  };
  // ID.AM-01/02 are the inventories themselves: the clinical asset inventory's real figures for this scope.
  if (can(actor, "inventory.read")) {
    const inv = inventoryFactsUnchecked(
      db,
      { siteId: a.scopeType === "site" ? a.siteId : null, deviceClassId: a.scopeType === "device_class" ? a.deviceClassId : null },
      now.toISOString().slice(0, 10),
    );
    facts["ID.AM-01"] = { text: `${inv.hardware.text} ${owners}`, links: [{ href: inv.hardware.href, label: "The devices in this scope" }] };
    facts["ID.AM-02"] = { text: `${inv.software.text} ${owners}`, links: [{ href: inv.software.href, label: "Connected devices in this scope" }] };
  }
  // ID.RA-01, ID.RA-02, ID.RA-08, PR.PS-02, ID.AM-08 and ID.RA-06: the dashboard's advisory, patch, recall and
  // replace-or-mitigate figures (one source, getRiskFigures) for a site or the whole organization (a device-class
  // assessment gets the organization's, labelled so). The mapping and its CSF text are in ./risk-facts.ts.
  const siteId = a.scopeType === "site" ? a.siteId : null;
  Object.assign(facts, riskFacts(getRiskFigures(db, actor, { siteId }, now.toISOString().slice(0, 10)), siteId, a.scopeType === "device_class"));
  if (can(actor, "drill.read")) {
    const drillFact = drillEvidence(db, a, now);
    for (const id of DRILL_EVIDENCE_SUBCATEGORIES) facts[id] = drillFact;
  }
  return facts;
}

/** The device classes of a device-class assessment (the class and its subtree), or null for other scopes. */
function scopeClasses(db: Db, a: Pick<AssessmentRow, "scopeType" | "deviceClassId">): Set<number> | null {
  if (a.scopeType !== "device_class" || !a.deviceClassId) return null;
  return subtreeOf(db.select({ id: deviceClasses.id, parentId: deviceClasses.parentId }).from(deviceClasses).all(), a.deviceClassId);
}

/** Drills and real events of the assessment's scope conducted in the last 12 months, and their closed improvement items. */
export function drillEvidence(db: Db, a: Pick<AssessmentRow, "scopeType" | "siteId" | "deviceClassId">, now = clock.now()): LinkedFact {
  const today = now.toISOString().slice(0, 10);
  const since = addMonthsIso(today, -12);
  let rows = db
    .select({
      id: drills.id,
      title: drills.title,
      kind: drills.kind,
      type: drills.type,
      status: drills.status,
      date: drills.actualStart,
      siteId: drills.siteId,
      site: sites.name,
    })
    .from(drills)
    .innerJoin(sites, eq(sites.id, drills.siteId))
    .where(and(gte(drills.actualStart, since), a.scopeType === "site" && a.siteId ? eq(drills.siteId, a.siteId) : undefined))
    .orderBy(desc(drills.actualStart))
    .all()
    .filter((d) => countsForCadence({ status: d.status }) && d.date! <= today);
  const inScope = scopeClasses(db, a);
  if (inScope) {
    const tested = new Set(
      db
        .select({ id: drillClasses.drillId })
        .from(drillClasses)
        .where(inArray(drillClasses.deviceClassId, [...inScope]))
        .all()
        .map((r) => r.id),
    );
    rows = rows.filter((d) => tested.has(d.id));
  }
  const items = rows.length
    ? db
        .select()
        .from(actionItems)
        .where(
          inArray(
            actionItems.drillId,
            rows.map((d) => d.id),
          ),
        )
        .all()
    : [];
  const closed = items.filter((i) => i.status === "closed").sort((x, y) => (y.closedAt ?? "").localeCompare(x.closedAt ?? ""));
  const scope =
    a.scopeType === "site" ? "at this site" : a.scopeType === "device_class" ? "that tested this device class or one below it" : "across the organization";
  if (rows.length === 0) return { text: `No drill or real event ${scope} was conducted in the last 12 months (since ${since}).` };
  const real = rows.filter((d) => d.kind === "real_event").length;
  const text =
    `${rows.length} drill${rows.length === 1 ? "" : "s"}${real ? ` (including ${real} real event${real === 1 ? "" : "s"})` : ""} ${scope} in the last 12 months; ` +
    `${closed.length} of ${items.length} improvement item${items.length === 1 ? "" : "s"} closed with evidence.`;
  const links = [
    ...rows.slice(0, SHOWN).map((d) => ({ href: `/drills/${d.id}`, label: `${d.title} — ${drillTypeLabel(d)}, ${d.site}, ${d.date}` })),
    ...closed
      .slice(0, SHOWN)
      .map((i) => ({ href: `/drills/${i.drillId}`, label: `Closed improvement item: ${i.title} (${i.closedAt?.slice(0, 10)}): ${i.closureEvidence}` })),
  ];
  return { text, links };
}
