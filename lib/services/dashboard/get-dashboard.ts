import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, assessmentAnswers, assessments, drills, parties, planVersions, responsePlans, signatures, sites } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { CSF_FUNCTIONS } from "@/lib/csf/catalog";
import { AppError, notFound } from "@/lib/errors";
import { isAnswered, scoreAssessment, type Answer, type Score } from "@/lib/rules/csf-score";
import { functionFigures, itemsByOwner, planFigures, progressPct, responsibilityFigures, siteCadenceFigures } from "@/lib/rules/dashboard";
import { planReviewStatus } from "@/lib/rules/plans";
import { loadSiteCompliance } from "../drills/compliance";
import { loadCoverage } from "../raci/list-coverage";
import { listMySigningItems } from "../raci/list-my-signing-items";
import { myOpenItems } from "../action-items/my-open-items";
import { listMyPendingAcknowledgements } from "../plans/get-plans";
import { ASSESSMENT_ENTITY, assessmentApprovalVerdict } from "../assessments/assessment-approval";
import { DRILL_ENTITY, aarApprovalVerdict } from "../drills/drill-records";
import { readVersions, versionedCache, type CacheStats, type Domain, type Versions } from "../versioned-cache";
import { PLAN_ENTITY, acknowledgerPairs, acknowledgersOf, currentPlanVersions, getPlanRow, loadPeople, loadPlanVersions } from "../plans/plan-records";
import { clock } from "@/lib/clock";
import { listMyPatchItems } from "../patches/list-my-patch-items";
import {
  listMyAarsToApprove,
  listMyAssessmentsToApprove,
  listMyFunctionsToAnswer,
  listMyFunctionsToReview,
  listMyPlansToApprove,
  listMyRecallItems,
  type MyItemKind,
} from "./list-my-items";

/**
 * Aggregates are cached per database, section, scope and day, and stamped with the domain counters of
 * `data_versions` (bumped by triggers in the same transaction as every write to the domain's tables).
 * A view reads the counters (one small query) and recomputes a section only when one it depends on moved:
 * never a stale figure after a committed change, by this process or another.
 */
const DEPENDS: Record<"responsibilities" | "assessments" | "drills" | "mine" | "patches", readonly Domain[]> = {
  responsibilities: ["org", "raci"],
  assessments: ["org", "assessments"],
  drills: ["org", "plans", "drills"],
  // Patch items follow the RACI (routing), the inventory (retired devices), matches and OEM answers, and the records.
  mine: ["org", "raci", "assessments", "plans", "drills", "inventory", "advisories", "patches", "recalls"],
  patches: ["org", "raci", "inventory", "advisories", "patches"],
};
type Section = keyof typeof DEPENDS;

const stats: CacheStats = { hits: 0, misses: 0 };
export const dashboardCacheStats = () => ({ ...stats });

function cached<T>(db: Db, versions: Versions, section: Section, key: string, compute: () => T): T {
  return versionedCache(db, versions, DEPENDS[section], `dashboard|${section}|${key}`, compute, stats);
}

export interface DashboardScope {
  siteId: number | null;
  siteName: string;
  /** The actor is limited to this site and may not choose another. */
  locked: boolean;
}

/** Which site the dashboard shows: a site-scoped user always sees their own site; others choose (or see all). */
export function dashboardScope(db: Db, actor: Actor, requestedSiteId: number | null): DashboardScope {
  const own = actor.siteId ?? null;
  if (own != null && requestedSiteId != null && requestedSiteId !== own) throw new AppError("FORBIDDEN", "You see your own site's figures only.");
  const siteId = own ?? requestedSiteId;
  if (siteId == null) return { siteId: null, siteName: "Whole organization", locked: false };
  const s = db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.id, siteId)).get();
  if (!s) throw notFound("site");
  return { siteId: s.id, siteName: s.name, locked: own != null };
}

function computeResponsibilities(db: Db, now: Date) {
  const rows = loadCoverage(db, now).entries;
  // `effective` (status exactly "effective") backs the dashboard's /raci?status=effective link; `signed` also counts
  // classes whose signed version is in force while re-attestation is due or changes are pending.
  return { ...responsibilityFigures(rows), effective: rows.filter((r) => r.status === "effective").length };
}

function toScore(v: number | null): Score | null {
  return v == null ? null : (v as Score);
}

function computeAssessments(db: Db, siteId: number | null) {
  const scopeType = siteId == null ? "organization" : "site";
  const ofScope = db
    .select()
    .from(assessments)
    .where(and(eq(assessments.scopeType, scopeType), siteId == null ? undefined : eq(assessments.siteId, siteId)))
    .orderBy(desc(assessments.approvedAt), desc(assessments.createdAt))
    .all();
  // Approved means a sound approval signature, not the status column (issue #10, finding 17).
  const approved = ofScope
    .filter((a) => a.status === "approved" && assessmentApprovalVerdict(db, a.id).ok)
    .sort((a, b) => (b.approvedAt ?? "").localeCompare(a.approvedAt ?? ""));
  const [latest, previous] = approved;
  const ids = [latest?.id, previous?.id, ...ofScope.filter((a) => a.status !== "approved").map((a) => a.id)].filter((x): x is number => x != null);
  const answers = ids.length ? db.select().from(assessmentAnswers).where(inArray(assessmentAnswers.assessmentId, ids)).all() : [];
  const answersOf = (id: number): Answer[] =>
    answers
      .filter((x) => x.assessmentId === id)
      .map((x) => ({ subcategoryId: x.subcategoryId, current: toScore(x.current), target: toScore(x.target), notApplicable: x.notApplicable }));
  const score = (id: number) => scoreAssessment({ functions: CSF_FUNCTIONS }, answersOf(id));
  const latestScores = latest ? score(latest.id) : null;
  const prevScores = previous ? score(previous.id) : null;
  const signer = (id: number) =>
    db
      .select({ name: signatures.printedName, at: signatures.signedAt, meaning: signatures.meaning })
      .from(signatures)
      .where(and(eq(signatures.entityType, ASSESSMENT_ENTITY), eq(signatures.entityId, String(id))))
      .orderBy(desc(signatures.signedAt))
      .get() ?? null;
  const total = CSF_FUNCTIONS.reduce((n, f) => n + f.categories.reduce((m, c) => m + c.subcategories.length, 0), 0);
  return {
    scopeLabel: siteId == null ? "Whole organization" : "This site",
    latest: latest ? { id: latest.id, name: latest.name, approvedAt: latest.approvedAt, signature: signer(latest.id), overall: latestScores!.overall } : null,
    previous: previous ? { id: previous.id, name: previous.name, approvedAt: previous.approvedAt } : null,
    functions: latestScores
      ? functionFigures(latestScores.functions, prevScores?.functions ?? null).map((f) => ({
          ...f,
          name: CSF_FUNCTIONS.find((x) => x.id === f.id)?.name ?? f.id,
        }))
      : [],
    inProgress: ofScope
      .filter((a) => a.status !== "approved")
      .map((a) => {
        const answered = answersOf(a.id).filter((x) => isAnswered(x)).length;
        return { id: a.id, name: a.name, status: a.status, dueDate: a.dueDate, answered, total, pct: progressPct(answered, total) };
      }),
  };
}

function computeDrills(db: Db, siteId: number | null, today: string) {
  const compliance = loadSiteCompliance(db, today, siteId == null ? {} : { siteIds: [siteId] });
  // Plans of the scope: the site's own and the organization-wide ones.
  const planRows = db
    .select()
    .from(responsePlans)
    .all()
    .filter((p) => !p.archivedAt && (siteId == null || p.siteId == null || p.siteId === siteId));
  const versions = planRows.length
    ? db
        .select()
        .from(planVersions)
        .where(
          inArray(
            planVersions.planId,
            planRows.map((p) => p.id),
          ),
        )
        .all()
    : [];
  const people = loadPeople(db);
  const approvedIds = versions.filter((v) => v.status === "approved").map((v) => v.id);
  const acks = acknowledgerPairs(db, approvedIds);
  const plans = planFigures(
    planRows.map((p) => {
      const { approved } = currentPlanVersions(
        db,
        p,
        versions.filter((v) => v.planId === p.id),
      );
      const required = approved ? acknowledgersOf(approved, people) : [];
      const done = new Set(acks.filter((a) => a.planVersionId === approved?.id).map((a) => a.userId));
      return {
        id: p.id,
        title: p.title,
        reviewState: planReviewStatus(approved?.approvedAt ?? null, approved?.reviewIntervalMonths ?? 12, today).state,
        acknowledged: required.filter((u) => done.has(u)).length,
        required: required.length,
      };
    }),
  );
  const itemRows = db
    .select({
      ownerPartyId: actionItems.ownerPartyId,
      ownerParty: parties.name,
      status: actionItems.status,
      dueDate: actionItems.dueDate,
      drillSite: drills.siteId,
      assessmentSite: assessments.siteId,
    })
    .from(actionItems)
    .innerJoin(parties, eq(parties.id, actionItems.ownerPartyId))
    .leftJoin(drills, eq(drills.id, actionItems.drillId))
    .leftJoin(assessments, eq(assessments.id, actionItems.assessmentId))
    .where(ne(actionItems.status, "closed"))
    .all()
    .filter((i) => siteId == null || i.drillSite === siteId || i.assessmentSite === siteId);
  // Only AARs whose approval signature holds up for the AAR as it is (issue #10, finding 17).
  const signedAars = db
    .select()
    .from(drills)
    .where(and(inArray(drills.status, ["aar_approved", "closed"]), siteId == null ? undefined : eq(drills.siteId, siteId)))
    .orderBy(desc(drills.aarApprovedAt))
    .all()
    .filter((d) => aarApprovalVerdict(db, d).ok)
    .slice(0, 5)
    .map((d) => ({ drillId: d.id, title: d.title, approvedAt: d.aarApprovedAt }));
  return {
    sites: siteCadenceFigures(compliance),
    cadence: compliance.map((c) => ({
      siteId: c.siteId,
      siteName: c.siteName,
      results: c.results.map((r) => ({ ruleId: r.ruleId, ruleName: r.ruleName, state: r.state, daysLeft: r.daysLeft, exempt: r.exempt, sentence: r.sentence })),
    })),
    plans,
    items: itemsByOwner(itemRows, today),
    recentAars: signedAars.map((d) => ({ ...d, signature: aarSignature(db, d.drillId) })),
  };
}

function aarSignature(db: Db, drillId: number) {
  return (
    db
      .select({ name: signatures.printedName, at: signatures.signedAt, meaning: signatures.meaning })
      .from(signatures)
      .where(and(eq(signatures.entityType, DRILL_ENTITY), eq(signatures.entityId, String(drillId))))
      .get() ?? null
  );
}

export type DashboardData = ReturnType<typeof getDashboard>;

/** The leadership dashboard for a scope (the whole organization or one site). Cached; see above. */
export function getDashboard(db: Db, actor: Actor, opts: { siteId?: number | null } = {}, now = clock.now()) {
  assertCan(actor, "dashboard.read");
  const scope = dashboardScope(db, actor, opts.siteId ?? null);
  const today = now.toISOString().slice(0, 10);
  const versions = readVersions(db);
  const key = `${scope.siteId ?? "all"}|${today}`;
  return {
    scope,
    today,
    responsibilities: cached(db, versions, "responsibilities", today, () => computeResponsibilities(db, now)),
    assessments: cached(db, versions, "assessments", key, () => computeAssessments(db, scope.siteId)),
    drills: cached(db, versions, "drills", key, () => computeDrills(db, scope.siteId, today)),
    /** Plan signatures are shown on the board report with the plans. */
    planSignatures: cached(db, versions, "drills", `plan-signatures|${key}`, () => planSignatureLines(db, scope.siteId)),
  };
}

function planSignatureLines(db: Db, siteId: number | null) {
  const rows = db
    .select({
      planId: responsePlans.id,
      title: responsePlans.title,
      versionId: planVersions.id,
      versionNo: planVersions.versionNo,
      siteId: responsePlans.siteId,
    })
    .from(planVersions)
    .innerJoin(responsePlans, eq(responsePlans.id, planVersions.planId))
    .where(eq(planVersions.status, "approved"))
    .all()
    .filter((r) => siteId == null || r.siteId == null || r.siteId === siteId);
  // A version whose approval signature does not hold up is not in force and shows no signature (issue #10, finding 17).
  return rows
    .filter((r) => currentPlanVersions(db, getPlanRow(db, r.planId, "system"), loadPlanVersions(db, r.planId)).approved?.id === r.versionId)
    .map((r) => ({
      ...r,
      signature:
        db
          .select({ name: signatures.printedName, at: signatures.signedAt, meaning: signatures.meaning })
          .from(signatures)
          .where(and(eq(signatures.entityType, PLAN_ENTITY), eq(signatures.entityId, String(r.versionId))))
          .get() ?? null,
    }));
}

/** Sites the dashboard filter offers: every active site, or only the actor's own. */
export function dashboardSites(db: Db, actor: Actor) {
  assertCan(actor, "dashboard.read");
  const all = db
    .select({ id: sites.id, name: sites.name, archivedAt: sites.archivedAt })
    .from(sites)
    .all()
    .filter((s) => !s.archivedAt);
  return (actor.siteId != null ? all.filter((s) => s.id === actor.siteId) : all).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * "My items": everything the signed-in user must sign, approve, review, re-attest, acknowledge, answer or close
 * (MY_ITEM_KINDS in ./list-my-items.ts). Cached per user with every domain's counter, since any change may add
 * or remove an item. Each kind checks its own permission, so a role that may not act on a kind gets none of it.
 */
export function getMyDashboardItems(db: Db, actor: Actor, now = clock.now()) {
  assertCan(actor, "dashboard.read");
  const today = now.toISOString().slice(0, 10);
  return cached(
    db,
    readVersions(db),
    "mine",
    `${actor.id}|${actor.roles.join(",")}|${actor.partyId ?? ""}|${actor.leadOfPartyIds.join(",")}|${actor.siteId ?? ""}|${today}`,
    () => {
      const signing = can(actor, "raci.sign") ? listMySigningItems(db, actor, now) : { toSign: [], toReattest: [] };
      const mine = {
        toSign: signing.toSign,
        toReattest: signing.toReattest,
        aarsToApprove: listMyAarsToApprove(db, actor),
        plansToApprove: listMyPlansToApprove(db, actor),
        toAcknowledge: listMyPendingAcknowledgements(db, actor),
        functionsToReview: listMyFunctionsToReview(db, actor),
        assessmentsToApprove: listMyAssessmentsToApprove(db, actor),
        functionsToAnswer: listMyFunctionsToAnswer(db, actor),
        items: myOpenItems(db, actor, now),
        patches: listMyPatchItems(db, actor, today),
        recalls: listMyRecallItems(db, actor),
      } satisfies Record<MyItemKind, unknown[]>;
      return mine;
    },
  );
}
