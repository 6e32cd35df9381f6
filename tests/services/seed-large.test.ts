import { describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { actionItems, advisories, assessments, drills, oemPositions, patchRecords, planVersions, raciVersions, signatures } from "@/db/schema";
import { DEMO_MANUFACTURERS } from "@/db/seed/inventory-data";
import { generateLargeAdvisories } from "@/db/seed/large/advisories";
import { generateLargeInventory } from "@/db/seed/large/inventory";
import { matchAdvisories } from "@/lib/services/advisories/match-advisories";
import { CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { generateLargeDataset, largeCounts, type LargeResult } from "@/db/seed/large/generate";
import { resolveMatrix, validateMatrix } from "@/lib/rules/raci";
import { assessmentSignedContent, ASSESSMENT_ENTITY } from "@/lib/services/assessments/assessment-approval";
import { verifyAuditChainUnchecked } from "@/lib/services/audit/verify-audit-chain";
import { aarSignedContent, DRILL_ENTITY } from "@/lib/services/drills/drill-records";
import { getPlanRow, PLAN_ENTITY, planSignedContent } from "@/lib/services/plans/plan-records";
import { loadCoverage } from "@/lib/services/raci/list-coverage";
import { loadActivities, loadParties, loadTemplate, RACI_ENTITY, signedContent } from "@/lib/services/raci/raci-records";
import { verifyRecordSignatures } from "@/lib/services/signatures/sign-record";
import { testDb } from "../test-db";

const NOW = new Date("2026-11-01T00:00:00.000Z");
const SCALE = 0.01;
const SEED = 42;

async function run(seed = SEED): Promise<{ result: LargeResult } & ReturnType<typeof testDb>> {
  const t = testDb();
  const result = await generateLargeDataset(t.db, { scale: SCALE, now: NOW, seed });
  return { ...t, result };
}

describe("seed:large generator", () => {
  test("the full scale is the health system of issue #6; a small scale shrinks every count", () => {
    expect(largeCounts(1)).toEqual({
      sites: 30,
      deviceClasses: 300,
      parties: 7,
      users: 60,
      activities: 40,
      assessments: 60,
      plans: 20,
      drills: 2000,
      actionItems: 10_000,
      auditEntries: 500_000,
    });
    expect(largeCounts(SCALE)).toEqual({
      sites: 2,
      deviceClasses: 4,
      parties: 7,
      users: 16,
      activities: 40,
      assessments: 3,
      plans: 2,
      drills: 20,
      actionItems: 100,
      auditEntries: 5000,
    });
  });

  test("at scale 0.01: the counts, a valid audit chain, valid signatures and clean foreign keys", async () => {
    const { db, sqlite, result } = await run();
    const c = largeCounts(SCALE);
    const t = result.tables;
    expect(t.sites).toBe(c.sites);
    expect(t.device_classes).toBe(c.deviceClasses);
    expect(t.parties).toBe(c.parties);
    expect(t.users).toBe(c.users);
    expect(t.activities).toBe(c.activities);
    expect(t.assessments).toBe(c.assessments);
    expect(t.response_plans).toBe(c.plans);
    expect(t.drills).toBe(c.drills);
    expect(t.action_items).toBe(c.actionItems);
    expect(t.audit_log).toBe(c.auditEntries);
    expect(result.auditEntries).toBe(c.auditEntries);
    expect(result.domainAuditEntries).toBeLessThan(c.auditEntries);

    // Every assessment has all 106 answers; every item is a drill improvement item; closed ones have evidence.
    expect(t.assessment_answers).toBe(c.assessments * CSF_SUBCATEGORIES.length);
    const items = db.select().from(actionItems).all();
    expect(items.every((i) => i.sourceType === "drill" && i.drillId && i.findingId)).toBe(true);
    expect(items.filter((i) => i.status === "closed").every((i) => i.closureEvidence.trim() && i.closedAt)).toBe(true);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(["open", "in_progress", "closed"]));
    expect(items.some((i) => i.status !== "closed" && i.dueDate < NOW.toISOString().slice(0, 10))).toBe(true);

    // The template: every activity exactly one Accountable party with a lead and at least one Responsible.
    expect(validateMatrix(resolveMatrix(loadTemplate(db), []), loadActivities(db), loadParties(db))).toEqual([]);
    expect(loadParties(db).every((p) => p.leadUserId != null)).toBe(true);
    // RACI states: effective and signed, in review, and a draft with violations.
    const coverage = loadCoverage(db, NOW).entries;
    const statuses = new Set(coverage.map((e) => e.status));
    expect(statuses.has("effective") || statuses.has("reattestation_due")).toBe(true);
    expect(statuses.has("in_review")).toBe(true);
    expect(coverage.some((e) => e.status === "draft" && e.violationCount > 0)).toBe(true);

    // The audit chain verifies with the service `npm run audit:verify` uses.
    const verdict = verifyAuditChainUnchecked(db);
    expect(verdict).toEqual({ ok: true, checked: c.auditEntries, lastSeq: c.auditEntries });
    const head = sqlite.prepare("select seq, hash from audit_head").get() as { seq: number; hash: string };
    expect(head).toEqual({ seq: c.auditEntries, hash: result.lastAuditHash });

    // Every signature verifies against the record's content as the services compute it.
    let verified = 0;
    const expectValid = (ref: { entityType: string; entityId: string }, content: unknown) => {
      const sigs = verifyRecordSignatures(db, ref, content);
      for (const s of sigs) expect(s.verdict, `${ref.entityType} ${ref.entityId} signature ${s.id}`).toEqual({ valid: true });
      verified += sigs.length;
      return sigs.length;
    };
    for (const v of db.select().from(raciVersions).all()) {
      const n = expectValid({ entityType: RACI_ENTITY, entityId: String(v.id) }, signedContent(v));
      if (v.status === "effective" || v.status === "superseded") expect(n).toBeGreaterThan(1);
    }
    for (const v of db.select().from(planVersions).all()) {
      const n = expectValid({ entityType: PLAN_ENTITY, entityId: String(v.id) }, planSignedContent(getPlanRow(db, v.planId, "system"), v));
      expect(n).toBe(v.status === "draft" ? 0 : 1);
    }
    for (const d of db.select().from(drills).all()) {
      const n = expectValid({ entityType: DRILL_ENTITY, entityId: String(d.id) }, aarSignedContent(db, d.id));
      expect(n).toBe(d.status === "aar_approved" || d.status === "closed" ? 1 : 0);
    }
    for (const a of db.select().from(assessments).all()) {
      const n = expectValid({ entityType: ASSESSMENT_ENTITY, entityId: String(a.id) }, assessmentSignedContent(db, a.id));
      expect(n).toBe(a.status === "approved" ? 1 : 0);
    }
    expect(verified).toBe(db.select().from(signatures).all().length);
    expect(verified).toBeGreaterThan(10);

    // Foreign keys are clean.
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
  });

  test("two runs with the same seed are identical; another seed differs", async () => {
    const a = await run();
    const b = await run();
    expect(b.result.tables).toEqual(a.result.tables);
    expect(b.result.lastAuditHash).toBe(a.result.lastAuditHash);
    const rows = (t: typeof a) => t.sqlite.prepare("select seq, at, action, entity_id, hash from audit_log order by seq").all();
    expect(rows(b)).toEqual(rows(a));
    const c = await run(SEED + 1);
    expect(c.result.lastAuditHash).not.toBe(a.result.lastAuditHash);
  });

  test("refuses a database that already holds data", async () => {
    const { db } = await run();
    await expect(generateLargeDataset(db, { scale: SCALE, now: NOW, seed: SEED })).rejects.toThrow(/not empty/);
  });
});

describe("seed:large advisories (issue #13 item 8)", () => {
  test("real and variant advisories matched by the service, OEM answers in every state, patch work, a valid audit chain", async () => {
    const { db, sqlite } = await run();
    generateLargeInventory(db, { devices: 3000, seed: SEED, today: NOW.toISOString().slice(0, 10) });
    const result = generateLargeAdvisories(db, { now: NOW, seed: SEED, total: 40 });

    // 22 real ICSMA advisories and 18 variants naming the catalog's makers (or their aliases).
    const rows = db.select({ trackingId: advisories.trackingId, title: advisories.title }).from(advisories).all();
    expect(rows).toHaveLength(40);
    expect(result).toMatchObject({ advisories: 40, variants: 18 });
    const variants = rows.filter((a) => /-V\d{3}$/.test(a.trackingId));
    expect(variants).toHaveLength(18);
    const spellings = new Set(DEMO_MANUFACTURERS.flatMap((m) => [m.name, ...m.aliases]));
    const variantVendors = sqlite
      .prepare("select distinct p.vendor from advisory_products p join advisories a on a.id = p.advisory_id where a.tracking_id like '%-V%'")
      .all() as { vendor: string }[];
    expect(variantVendors.length).toBeGreaterThan(0);
    for (const v of variantVendors) expect(spellings.has(v.vendor.trim()), v.vendor).toBe(true);
    expect(result.kevEntries).toBeGreaterThan(1000);

    // The matches are exactly what the service derives: a second run changes nothing.
    const matched = (sqlite.prepare("select count(*) as n from advisory_device_matches").get() as { n: number }).n;
    expect(matched).toBe(result.matches);
    expect(matched).toBeGreaterThan(100);
    const again = matchAdvisories(db, {}, NOW);
    expect(again.reduce((n, c) => n + c.written + c.removed + c.superseded, 0)).toBe(0);
    // Confidence levels the rules produce on the variants' version shapes: exact/range (version), all/unknown (model), text (possible).
    const confidences = new Set(
      (sqlite.prepare("select distinct confidence from advisory_device_matches").all() as { confidence: string }[]).map((r) => r.confidence),
    );
    expect(confidences).toEqual(new Set(["version", "model", "possible"]));

    // OEM answers in every state; patch work of each outcome; deferrals signed by the Accountable lead.
    const positions = new Set(
      db
        .select({ position: oemPositions.position })
        .from(oemPositions)
        .all()
        .map((p) => p.position),
    );
    expect(positions).toEqual(new Set(["validating", "patch_available", "not_affected", "mitigation_only", "unsupported"]));
    expect(result.oemPositions.unanswered).toBeGreaterThan(0);
    const outcomes = db.select().from(patchRecords).all();
    expect(new Set(outcomes.map((r) => r.outcome))).toEqual(new Set(["applied", "not_applicable", "deferred"]));
    expect(result.patchItems).toBeGreaterThan(outcomes.length);
    for (const r of outcomes.filter((x) => x.outcome === "deferred")) {
      const sig = db.select().from(signatures).where(eq(signatures.id, r.signatureId!)).get()!;
      expect(sig.entityId).toBe(`${r.advisoryId}:${r.deviceId}`);
    }
    expect(result.pastDueNotices).toBeGreaterThan(0);

    // The services' audit entries extend the generator's chain, which still verifies end to end.
    const verdict = verifyAuditChainUnchecked(db);
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toBeGreaterThan(largeCounts(SCALE).auditEntries + outcomes.length);
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
  }, 180_000);
});
