import Database from "better-sqlite3";
import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { assessments, drills, planVersions, signatures, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { setSecretsForTests } from "@/lib/server/config";
import { getAssessment } from "@/lib/services/assessments/get-assessment";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { getDrill } from "@/lib/services/drills/get-drills";
import { getPlan, listPlans } from "@/lib/services/plans/get-plans";
import { TEST_SECRETS, testDb } from "../test-db";
import { clock } from "@/lib/clock";

/*
 * Issue #10, finding 17, for the records approved by one signature: plan versions, after-action reports and
 * assessments. Someone with write access to the database deletes the approval signature or flips a status; the
 * record must show "Signature problem" and stop counting as approved everywhere it is shown or counted.
 */
let seeded: Buffer;
let db: Db;
const who: Record<string, Actor> = {};

beforeAll(async () => {
  const t = testDb();
  await seedDemoIfEmpty(t.db);
  seeded = t.sqlite.serialize();
  for (const u of t.db.select().from(users).all()) {
    const { active: _a, ...a } = loadActor(t.db, u.id)!;
    who[u.email.split("@")[0]!] = a;
  }
  t.sqlite.close();
});

beforeEach(() => {
  setSecretsForTests(TEST_SECRETS);
  const sqlite = new Database(seeded);
  sqlite.pragma("foreign_keys = ON");
  db = drizzle({ client: sqlite, schema });
});

/** Drops the append-only and state triggers (not the cache stamps), as an attacker with the file would. */
function tamper(fn: () => void) {
  const triggers = db.all<{ name: string; sql: string }>(sql`select name, sql from sqlite_master where type = 'trigger' and name not like '%_dv_%'`);
  for (const t of triggers) db.run(sql.raw(`drop trigger ${t.name}`));
  fn();
  for (const t of triggers) db.run(sql.raw(t.sql));
}
const dropSignatures = (entityType: string, entityId: number) =>
  tamper(() =>
    db
      .delete(signatures)
      .where(and(eq(signatures.entityType, entityType), eq(signatures.entityId, String(entityId))))
      .run(),
  );

describe("approval signatures decide 'approved', not the status column", () => {
  test("plan version: deleting its approval signature → Signature problem, not in force, not on the board report", () => {
    const plan = 2;
    const before = listPlans(db, who["auditor"]!).find((p) => p.id === plan)!;
    expect(before).toMatchObject({ signatureProblem: false, approvedVersionNo: 1 });
    expect(getDashboard(db, who["cio"]!).planSignatures.some((s) => s.planId === plan)).toBe(true);
    const v = db
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, plan), eq(planVersions.status, "approved")))
      .get()!;
    dropSignatures("plan_version", v.id);

    expect(listPlans(db, who["auditor"]!).find((p) => p.id === plan)).toMatchObject({ signatureProblem: true, approvedVersionNo: null });
    const page = getPlan(db, who["auditor"]!, plan);
    expect(page.approved).toBeNull();
    expect(page.signatureProblem?.problems).toEqual(["Missing signature: Leadership approval."]);
    expect(getDashboard(db, who["cio"]!).planSignatures.some((s) => s.planId === plan)).toBe(false);
  });

  test("plan version: a draft flipped to approved by hand has no signature behind it", async () => {
    const { startNewPlanVersion } = await import("@/lib/services/plans/start-new-plan-version");
    const draft = startNewPlanVersion(db, who["ce.lead"]!, 2);
    tamper(() => {
      db.update(planVersions)
        .set({ status: "superseded" })
        .where(and(eq(planVersions.planId, 2), eq(planVersions.status, "approved")))
        .run();
      db.update(planVersions)
        .set({ status: "approved", approvedBy: who["cio"]!.id, approvedAt: clock.now().toISOString() })
        .where(eq(planVersions.id, draft.id))
        .run();
    });
    expect(getPlan(db, who["auditor"]!, 2)).toMatchObject({ approved: null, signatureProblem: { versionNo: draft.versionNo } });
  });

  test("after-action report: deleting its approval signature → Signature problem, not among the signed AARs", () => {
    const d = db.select().from(drills).where(eq(drills.status, "aar_approved")).get()!;
    expect(getDrill(db, who["auditor"]!, d.id).signatureProblem).toBeNull();
    expect(getDashboard(db, who["cio"]!).drills.recentAars.map((a) => a.drillId)).toContain(d.id);
    dropSignatures("drill", d.id);
    expect(getDrill(db, who["auditor"]!, d.id).signatureProblem).toEqual(["Missing signature: AAR approval."]);
    expect(getDashboard(db, who["cio"]!).drills.recentAars.map((a) => a.drillId)).not.toContain(d.id);
  });

  test("assessment: deleting its approval signature → Signature problem, and its scores are no longer the approved profile", () => {
    const a = db.select().from(assessments).where(eq(assessments.status, "approved")).get()!;
    expect(getDashboard(db, who["cio"]!).assessments.latest?.id).toBe(a.id);
    dropSignatures("assessment", a.id);
    expect(getAssessment(db, who["auditor"]!, a.id).signatureProblem).toEqual(["Missing signature: Leadership approval."]);
    expect(getDashboard(db, who["cio"]!).assessments.latest?.id ?? null).not.toBe(a.id);
  });
});
