import { describe, expect, test } from "vitest";
import { actionItems, assessments, drills, planVersions, raciVersions, signatures } from "@/db/schema";
import { CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { generateLargeDataset, largeCounts, type LargeResult } from "@/lib/large/generate";
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
