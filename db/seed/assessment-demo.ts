import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { assessmentAnswers, assessmentAssignees, assessmentFunctionReviews, assessmentQuickChecks, assessments, CSF_FUNCTION_IDS } from "../schema";
import type { Actor } from "@/lib/auth/permissions";
import { CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { assessmentSignedContent, ASSESSMENT_ENTITY } from "@/lib/services/assessments/assessment-approval";
import { writeSignature } from "@/lib/services/signatures/sign-record";

const days = (now: Date, d: number) => new Date(now.getTime() - d * 86_400_000);
/** Deterministic 0..n-1 from a string, so the demo is the same on every machine. */
const pick = (s: string, n: number) => crypto.createHash("sha256").update(s).digest()[0]! % n;

/**
 * Demo assessments (issue: "an approved organization-wide assessment from last year, this year's in progress
 * with two assignees partway through, and a device-class assessment for infusion pumps in review").
 */
export function seedAssessmentDemo(tx: Tx, ctx: { users: Map<string, Actor>; partyIds: Map<string, number>; infusionClassId: number; now: Date }) {
  const { users, partyIds, now } = ctx;
  const u = (email: string) => users.get(`${email}@lakeside.example`)!;
  const create = (values: { name: string; scopeType: "organization" | "device_class"; deviceClassId?: number; dueDate: string; by: Actor; at: Date }) => {
    const row = tx
      .insert(assessments)
      .values({
        name: values.name,
        scopeType: values.scopeType,
        deviceClassId: values.deviceClassId ?? null,
        dueDate: values.dueDate,
        createdBy: values.by.id,
        createdAt: values.at.toISOString(),
        updatedAt: values.at.toISOString(),
      })
      .returning()
      .get();
    for (const f of CSF_FUNCTION_IDS) tx.insert(assessmentFunctionReviews).values({ assessmentId: row.id, functionId: f }).run();
    appendAudit(tx, {
      actor: values.by,
      action: "ASSESSMENT_CREATED",
      entityType: ASSESSMENT_ENTITY,
      entityId: row.id,
      newValues: { name: values.name, scopeType: values.scopeType },
      at: values.at,
    });
    return row;
  };
  const answer = (assessmentId: number, subId: string, by: Actor, at: Date, bump: number) => {
    const current = Math.min(3, pick(`${assessmentId}${subId}c`, 3) + bump);
    const target = Math.max(current, 2 + pick(`${subId}t`, 2));
    tx.insert(assessmentAnswers).values({ assessmentId, subcategoryId: subId, current, target, updatedBy: by.id, updatedAt: at.toISOString() }).run();
  };
  const assign = (assessmentId: number, functionId: (typeof CSF_FUNCTION_IDS)[number], who: { userId?: number; partyId?: number }) =>
    tx
      .insert(assessmentAssignees)
      .values({ assessmentId, functionId, userId: who.userId ?? null, partyId: who.partyId ?? null })
      .run();

  // Last year's organization-wide assessment: approved and signed by the CIO.
  const lastYear = days(now, 380);
  const a1 = create({
    name: "FY2026 medical device CSF assessment",
    scopeType: "organization",
    dueDate: days(now, 340).toISOString().slice(0, 10),
    by: u("it.lead"),
    at: lastYear,
  });
  for (const f of CSF_FUNCTION_IDS) assign(a1.id, f, { partyId: partyIds.get(f === "PR" || f === "DE" ? "it" : "ce")! });
  for (const s of CSF_SUBCATEGORIES) answer(a1.id, s.id, u("assessor"), days(now, 370), 0);
  tx.insert(assessmentQuickChecks)
    .values({
      assessmentId: a1.id,
      questionKey: "ID-1",
      answer: "partly",
      note: "CMMS misses networked devices",
      updatedBy: u("assessor").id,
      updatedAt: days(now, 370).toISOString(),
    })
    .run();
  tx.update(assessments)
    .set({ tier: 1, tierRationale: "Practices are ad hoc and differ between clinical engineering and IT." })
    .where(eq(assessments.id, a1.id))
    .run();
  tx.update(assessmentFunctionReviews)
    .set({ status: "accepted", reviewerId: u("security.lead").id, reviewedAt: days(now, 352).toISOString() })
    .where(eq(assessmentFunctionReviews.assessmentId, a1.id))
    .run();
  writeSignature(
    tx,
    u("cio"),
    { ref: { entityType: ASSESSMENT_ENTITY, entityId: String(a1.id) }, content: assessmentSignedContent(tx, a1.id), meaning: "Approved" },
    days(now, 350),
  );
  tx.update(assessments)
    .set({ status: "approved", submittedAt: days(now, 355).toISOString(), approvedAt: days(now, 350).toISOString() })
    .where(eq(assessments.id, a1.id))
    .run();
  appendAudit(tx, {
    actor: u("cio"),
    action: "ASSESSMENT_APPROVED",
    entityType: ASSESSMENT_ENTITY,
    entityId: a1.id,
    newValues: { status: "approved" },
    at: days(now, 350),
  });

  // This year's: in progress, two assignees partway through.
  const a2 = create({
    name: "FY2027 medical device CSF assessment",
    scopeType: "organization",
    dueDate: days(now, -60).toISOString().slice(0, 10),
    by: u("security.lead"),
    at: days(now, 20),
  });
  assign(a2.id, "ID", { partyId: partyIds.get("ce")! });
  assign(a2.id, "PR", { userId: u("it.lead").id });
  const ids = (fn: string) => CSF_SUBCATEGORIES.filter((s) => s.functionId === fn).map((s) => s.id);
  for (const s of ids("ID").slice(0, 12)) answer(a2.id, s, u("assessor"), days(now, 10), 1);
  for (const s of ids("PR").slice(0, 8)) answer(a2.id, s, u("it.lead"), days(now, 8), 1);

  // Infusion pumps: a device-class assessment in review, Govern and Identify accepted so far.
  const a3 = create({
    name: "Infusion pumps CSF assessment",
    scopeType: "device_class",
    deviceClassId: ctx.infusionClassId,
    dueDate: days(now, -14).toISOString().slice(0, 10),
    by: u("ce.lead"),
    at: days(now, 30),
  });
  for (const f of CSF_FUNCTION_IDS) assign(a3.id, f, { partyId: partyIds.get("ce")! });
  for (const s of CSF_SUBCATEGORIES) answer(a3.id, s.id, u("assessor"), days(now, 12), 1);
  tx.update(assessments)
    .set({ tier: 2, tierRationale: "Risk-informed for pumps; not yet organization-wide.", status: "in_review", submittedAt: days(now, 5).toISOString() })
    .where(eq(assessments.id, a3.id))
    .run();
  for (const f of ["GV", "ID"] as const) {
    tx.update(assessmentFunctionReviews)
      .set({ status: "accepted", reviewerId: u("security.lead").id, reviewedAt: days(now, 3).toISOString() })
      .where(and(eq(assessmentFunctionReviews.assessmentId, a3.id), eq(assessmentFunctionReviews.functionId, f)))
      .run();
  }
  appendAudit(tx, {
    actor: u("ce.lead"),
    action: "ASSESSMENT_SUBMITTED",
    entityType: ASSESSMENT_ENTITY,
    entityId: a3.id,
    newValues: { status: "in_review" },
    at: days(now, 5),
  });
}
