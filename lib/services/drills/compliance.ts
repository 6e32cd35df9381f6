import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { writeTx, type Db, type DbOrTx } from "@/db/client";
import { drillPlans, drills, planVersions, responsePlans, siteDrillSettings, sites } from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import {
  evaluateSiteCadence,
  worstState,
  type CadencePlan,
  type CadenceRecord,
  type CadenceResult,
  type CadenceState,
  type ExerciseType,
  type SiteRuleSettings,
} from "@/lib/rules/cadence";
import { DRILL_STATUSES, countsForCadence } from "@/lib/rules/drills";
import type { SiteRulesInput } from "@/lib/validation/drills";
import { appendAudit } from "../audit/append-audit";
import { currentPlanVersions, getPlanRow, loadPlanVersions } from "../plans/plan-records";
import { clock } from "@/lib/clock";

/** Without a saved setting: hospitals follow CMS, the Joint Commission and per-plan; other sites their own plans only. */
export function defaultRules(kind: string): SiteRuleSettings {
  return kind === "hospital" ? { cms: true, jointCommission: true, perPlan: true } : { cms: false, jointCommission: false, perPlan: true };
}

/** The statuses `countsForCadence` accepts, so the database returns only those drills (from the drills_site_idx index alone). */
const CADENCE_STATUSES = DRILL_STATUSES.filter((status) => countsForCadence({ status }));

export interface SiteCompliance {
  siteId: number;
  siteName: string;
  siteKind: string;
  settings: SiteRuleSettings;
  customized: boolean;
  results: CadenceResult[];
  worst: CadenceState | null;
}

/**
 * Cadence per site over the rolling 12 months: the rule functions in lib/rules/cadence.ts applied to
 * each site's counted drills and real events, and to the approved plans that apply to the site (its
 * own and the organization-wide ones; a drill at the site exercises them).
 */
export function loadSiteCompliance(db: DbOrTx, today: string, opts: { siteIds?: readonly number[] } = {}): SiteCompliance[] {
  const siteRows = db
    .select()
    .from(sites)
    .where(isNull(sites.archivedAt))
    .orderBy(asc(sites.name))
    .all()
    .filter((s) => !opts.siteIds || opts.siteIds.includes(s.id));
  if (siteRows.length === 0) return [];
  const saved = new Map(
    db
      .select()
      .from(siteDrillSettings)
      .all()
      .map((s) => [s.siteId, s] as const),
  );
  const counted = and(
    inArray(
      drills.siteId,
      siteRows.map((s) => s.id),
    ),
    inArray(drills.status, CADENCE_STATUSES),
  );
  const drillRows = db
    .select({ id: drills.id, siteId: drills.siteId, kind: drills.kind, type: drills.type, status: drills.status, date: drills.actualStart })
    .from(drills)
    .where(counted)
    .all()
    .filter((d) => countsForCadence({ status: d.status }) && d.date);
  // The plans of those drills through a join (not an IN list of every drill id): both sides by index.
  const links = drillRows.length
    ? db
        .select({ drillId: drillPlans.drillId, planId: drillPlans.planId })
        .from(drillPlans)
        .innerJoin(drills, eq(drills.id, drillPlans.drillId))
        .where(counted)
        .orderBy(asc(drillPlans.drillId))
        .all()
    : [];
  const plansOf = new Map<number, number[]>();
  for (const l of links) plansOf.set(l.drillId, [...(plansOf.get(l.drillId) ?? []), l.planId]);
  const approvedPlans = approvedPlanFacts(db);
  return siteRows.map((s) => {
    const settings = saved.get(s.id) ?? null;
    const rules: SiteRuleSettings = settings
      ? { cms: settings.cms, jointCommission: settings.jointCommission, perPlan: settings.perPlan }
      : defaultRules(s.kind);
    const records: CadenceRecord[] = drillRows
      .filter((d) => d.siteId === s.id)
      .map((d) => ({ id: d.id, kind: d.kind, type: (d.type as ExerciseType | null) ?? null, date: d.date!, planIds: plansOf.get(d.id) ?? [] }));
    const plans: CadencePlan[] = approvedPlans.filter((p) => p.siteId == null || p.siteId === s.id);
    const results = evaluateSiteCadence({ today, records, plans, settings: rules });
    return { siteId: s.id, siteName: s.name, siteKind: s.kind, settings: rules, customized: Boolean(settings), results, worst: worstState(results) };
  });
}

/** Plans with an approved version: their exercise interval (from the version in force) and first approval date. */
function approvedPlanFacts(db: DbOrTx): (CadencePlan & { siteId: number | null })[] {
  const rows = db
    .select({
      planId: planVersions.planId,
      status: planVersions.status,
      approvedAt: planVersions.approvedAt,
      interval: planVersions.exerciseIntervalMonths,
      title: responsePlans.title,
      siteId: responsePlans.siteId,
      archivedAt: responsePlans.archivedAt,
    })
    .from(planVersions)
    .innerJoin(responsePlans, eq(responsePlans.id, planVersions.planId))
    .all()
    .filter((r) => r.approvedAt && !r.archivedAt);
  const byPlan = new Map<number, CadencePlan & { siteId: number | null }>();
  for (const r of rows) {
    const cur = byPlan.get(r.planId);
    const first = cur && cur.firstApprovedOn < r.approvedAt!.slice(0, 10) ? cur.firstApprovedOn : r.approvedAt!.slice(0, 10);
    const interval = r.status === "approved" ? r.interval : (cur?.intervalMonths ?? r.interval);
    byPlan.set(r.planId, { id: r.planId, title: r.title, intervalMonths: interval, firstApprovedOn: first, siteId: r.siteId });
  }
  // Only plans whose version is in force count (a plan with only superseded versions does not exist).
  // …and only when its approval signature holds up (issue #10, finding 17).
  const inForce = new Set(
    rows
      .filter((r) => r.status === "approved")
      .map((r) => r.planId)
      .filter((id) => currentPlanVersions(db, getPlanRow(db, id, "system"), loadPlanVersions(db, id)).approved != null),
  );
  return [...byPlan.values()].filter((p) => inForce.has(p.id));
}

export function listSiteCompliance(db: Db, actor: Actor, now = clock.now(), opts: { siteIds?: readonly number[] } = {}): SiteCompliance[] {
  assertCan(actor, "drill.read");
  return loadSiteCompliance(db, now.toISOString().slice(0, 10), opts);
}

/** Admin setting: which rule sets a site follows. Audited with the old and new values. */
export function setSiteRules(db: Db, actor: Actor, input: SiteRulesInput, now = clock.now()) {
  assertCan(actor, "settings.manage");
  assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const site = tx.select().from(sites).where(eq(sites.id, input.siteId)).get();
    if (!site) throw notFound("site");
    const before = tx.select().from(siteDrillSettings).where(eq(siteDrillSettings.siteId, site.id)).get();
    const old = before ? { cms: before.cms, jointCommission: before.jointCommission, perPlan: before.perPlan } : defaultRules(site.kind);
    const next = { cms: input.cms, jointCommission: input.jointCommission, perPlan: input.perPlan };
    tx.insert(siteDrillSettings)
      .values({ siteId: site.id, ...next, updatedBy: actor.id, updatedAt: at })
      .onConflictDoUpdate({ target: siteDrillSettings.siteId, set: { ...next, updatedBy: actor.id, updatedAt: at } })
      .run();
    appendAudit(tx, { actor, action: "SITE_DRILL_RULES_SET", entityType: "site", entityId: site.id, oldValues: old, newValues: next, at: now });
  });
}
