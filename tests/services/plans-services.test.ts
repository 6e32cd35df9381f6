import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { deviceClasses, planAcknowledgements, planVersions, responsePlans, signatures, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import type { PlanStep } from "@/lib/rules/plans";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getPlan, listMyPendingAcknowledgements, listPlans } from "@/lib/services/plans/get-plans";
import { PLAN_ENTITY, getPlanRow, planSignedContent } from "@/lib/services/plans/plan-records";
import { acknowledgePlan } from "@/lib/services/plans/acknowledge-plan";
import { approvePlanVersion } from "@/lib/services/plans/approve-plan-version";
import { createPlan } from "@/lib/services/plans/create-plan";
import { startNewPlanVersion } from "@/lib/services/plans/start-new-plan-version";
import { updatePlanDraft } from "@/lib/services/plans/update-plan-draft";
import { verifyRecordSignatures } from "@/lib/services/signatures/sign-record";
import { loadActivities, loadParties } from "@/lib/services/raci/raci-records";
import type { UpdatePlanDraftInput } from "@/lib/validation/plans";
import { makeUser, demoDb } from "../test-db";

const PW = "lakeside-demo-2026";
const T0 = new Date("2027-02-01T09:00:00.000Z");
const T1 = new Date("2027-02-02T09:00:00.000Z");
const T2 = new Date("2027-02-03T09:00:00.000Z");
const T3 = new Date("2027-02-04T09:00:00.000Z");
let db: Db;
let sqlite: Database.Database;
const who: Record<string, Actor> = {};

const classId = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;
const act = (prefix: string) => loadActivities(db).find((a) => a.name.startsWith(prefix))!.id;
const party = (name: string) => loadParties(db).find((p) => p.name === name)!.id;
const n = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const counts = () => JSON.stringify(["response_plans", "plan_versions", "plan_acknowledgements", "signatures", "audit_log"].map(n));
/** The actor's pending acknowledgements of the given plan (the demo may hold plans of its own). */
const pendingFor = (actor: Actor, planId: number) => listMyPendingAcknowledgements(db, actor).filter((p) => p.planId === planId);
const lastAudit = () => db.get<{ a: string }>(sql`select action as a from audit_log order by seq desc limit 1`)!.a;
const versionRow = (id: number) => db.select().from(planVersions).where(eq(planVersions.id, id)).get()!;
const versionsOf = (planId: number) => db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(planVersions.versionNo).all();

beforeEach(async () => {
  ({ db, sqlite } = await demoDb());
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

function steps(): PlanStep[] {
  return [
    { partyId: party("IT Infrastructure"), role: "Network on call", action: "Isolate the infusion pump VLAN at the core switch" },
    { partyId: party("Clinical Engineering"), role: "HTM on call", action: "Move pumps to standalone mode with the local drug library" },
  ];
}

/** The draft content a test saves: names the IT lead and the whole Clinical Engineering party. */
function draftInput(planId: number, expectedRevision: number, over: Partial<UpdatePlanDraftInput> = {}): UpdatePlanDraftInput {
  return {
    planId,
    expectedRevision,
    scenario: "Ransomware encrypts the infusion pump server; pumps lose their drug library updates.",
    deviceClassIds: [classId("Infusion pumps")],
    activityIds: [act("Contain / isolate devices"), act("Restore / reimage")],
    namedUserIds: [who["it.lead"]!.id],
    namedPartyIds: [party("Clinical Engineering")],
    steps: steps(),
    contacts: [{ name: "Pump OEM 24/7 line", role: "OEM support", phone: "+1 555 0100" }],
    downtimeProcedures: "Paper infusion orders; double-check by two nurses.",
    reviewIntervalMonths: 12,
    exerciseIntervalMonths: 12,
    ...over,
  };
}

/** Created by the IT lead, drafted (revision 2) and approved by the CIO at T1. */
async function approvedPlan(title = "Test infusion pump ransomware") {
  const plan = createPlan(db, who["it.lead"]!, { title, siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 }, T0);
  updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1), T0);
  const v = await approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T1);
  return { plan, version: v };
}

describe("creating and editing a plan", () => {
  test("create → draft version 1 → update moves the revision and is audited", () => {
    const plan = createPlan(
      db,
      who["ce.lead"]!,
      { title: "Test PACS outage", siteId: null, scenario: "PACS down", reviewIntervalMonths: 12, exerciseIntervalMonths: 6 },
      T0,
    );
    expect(lastAudit()).toBe("PLAN_CREATED");
    expect(versionsOf(plan.id).map((v) => [v.versionNo, v.status, v.revision, v.scenario, v.exerciseIntervalMonths])).toEqual([
      [1, "draft", 1, "PACS down", 6],
    ]);

    const r = updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1), T1);
    expect(r).toEqual({ revision: 2 });
    expect(lastAudit()).toBe("PLAN_DRAFT_UPDATED");
    const view = getPlan(db, who["auditor"]!, plan.id, T1);
    expect(view.approved).toBeNull();
    expect(view.review.state).toBe("not_approved");
    expect(view.draft).toMatchObject({ versionNo: 1, status: "draft", revision: 2, createdBy: "Carlos Estrada", updatedBy: "Priya Natarajan" });
    expect(view.draft!.namedParties.map((p) => p.name)).toEqual(["Clinical Engineering"]);
    expect(view.draft!.stepsNamed.map((s) => s.party)).toEqual(["IT Infrastructure", "Clinical Engineering"]);
    expect(view.may).toMatchObject({ manage: false, approve: false, acknowledge: false });
    expect(getPlan(db, who["cio"]!, plan.id, T1).may.approve).toBe(true);
  });

  test("a contributor or an auditor cannot create a plan; a duplicate title is refused; nothing is written", () => {
    createPlan(db, who["ce.lead"]!, { title: "Test PACS outage", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 }, T0);
    const before = counts();
    for (const u of ["assessor", "auditor"]) {
      expect(() =>
        createPlan(db, who[u]!, { title: "Mine", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 }, T0),
      ).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    }
    expect(() =>
      createPlan(db, who["it.lead"]!, { title: "test pacs OUTAGE", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 }, T0),
    ).toThrowError(expect.objectContaining({ code: "VALIDATION", message: "A plan called “test pacs OUTAGE” already exists. Choose another title." }));
    expect(counts()).toBe(before);
  });

  test("a stale expectedRevision is refused, names who changed the draft, and overwrites nothing", () => {
    const plan = createPlan(
      db,
      who["it.lead"]!,
      { title: "Test Vendor remote access compromise", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 },
      T0,
    );
    // Both leads opened revision 1; the CE lead saves first.
    updatePlanDraft(db, who["ce.lead"]!, draftInput(plan.id, 1, { scenario: "CE's scenario" }), new Date("2027-02-02T14:05:00.000Z"));
    const row = JSON.stringify(versionsOf(plan.id));
    const before = counts();
    expect(() => updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1, { scenario: "IT's scenario" }), T2)).toThrowError(
      expect.objectContaining({
        code: "CONFLICT",
        message: "Carlos Estrada changed this draft at 2027-02-02 14:05 UTC after you opened it. Reload to see their changes; nothing was overwritten.",
      }),
    );
    expect(JSON.stringify(versionsOf(plan.id))).toBe(row);
    expect(versionsOf(plan.id)[0]!.scenario).toBe("CE's scenario");
    expect(counts()).toBe(before);
  });

  test("a deactivated named person is refused with the field named; nothing changes", async () => {
    const plan = createPlan(
      db,
      who["it.lead"]!,
      { title: "Test Imaging outage", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 },
      T0,
    );
    const gone = await makeUser(db, { roles: ["contributor"], active: false });
    const before = counts();
    expect(() => updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1, { namedUserIds: [gone.id] }), T1)).toThrowError(
      expect.objectContaining({ code: "VALIDATION", fieldErrors: { namedUserIds: ["A named person no longer exists or is deactivated."] } }),
    );
    expect(counts()).toBe(before);
    expect(versionsOf(plan.id)[0]!.revision).toBe(1);
  });
});

describe("approval: an electronic signature by leadership, never by the author or last editor", () => {
  test("incomplete content is refused before the password is asked; nothing changes", async () => {
    const plan = createPlan(
      db,
      who["it.lead"]!,
      { title: "Test Empty plan", siteId: null, scenario: "Something", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 },
      T0,
    );
    const before = counts();
    await expect(approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T1)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Add at least one response step before approval.",
    });
    updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1, { namedUserIds: [], namedPartyIds: [] }), T1);
    const after = counts();
    await expect(approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T1)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Name at least one person or party who must know this plan.",
    });
    expect(counts()).toBe(after);
    expect(JSON.parse(before)[3]).toBe(JSON.parse(after)[3]); // no signature either way
  });

  test("lead FORBIDDEN; last editor FORBIDDEN; wrong password signs nothing; the CIO signs; the signature verifies; the version is immutable", async () => {
    const plan = createPlan(
      db,
      who["it.lead"]!,
      { title: "Test infusion pump ransomware", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 },
      T0,
    );
    updatePlanDraft(db, who["cio"]!, draftInput(plan.id, 1), T0);

    let before = counts();
    // A party lead has no approval right, not even another party's lead.
    await expect(approvePlanVersion(db, who["ce.lead"]!, { planId: plan.id, password: PW }, T1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(approvePlanVersion(db, who["it.lead"]!, { planId: plan.id, password: PW }, T1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The CIO edited the draft last.
    await expect(approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T1)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You wrote or last edited this version, so someone else must approve it.",
    });
    expect(getPlan(db, who["cio"]!, plan.id, T1).may.approve).toBe(false);
    expect(counts()).toBe(before);

    const draft = updatePlanDraft(db, who["ce.lead"]!, draftInput(plan.id, 2), T1);
    expect(draft.revision).toBe(3);
    before = counts();
    const versionBefore = JSON.stringify(versionsOf(plan.id));
    await expect(approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: "wrong wrong wrong" }, T2)).rejects.toMatchObject({
      code: "VALIDATION",
      message: "The password is incorrect. Nothing was signed.",
    });
    const [p0, v0, a0, s0, audit0] = JSON.parse(before) as number[];
    expect(JSON.parse(counts())).toEqual([p0, v0, a0, s0, audit0! + 1]);
    expect(lastAudit()).toBe("SIGNATURE_REFUSED_WRONG_PASSWORD");
    expect(JSON.stringify(versionsOf(plan.id))).toBe(versionBefore);

    const approved = await approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T2);
    expect(approved).toMatchObject({ status: "approved", versionNo: 1, approvedBy: who["cio"]!.id, approvedAt: T2.toISOString() });
    expect(lastAudit()).toBe("PLAN_VERSION_APPROVED");

    const sigs = verifyRecordSignatures(
      db,
      { entityType: PLAN_ENTITY, entityId: String(approved.id) },
      planSignedContent(getPlanRow(db, plan.id, "system"), versionRow(approved.id)),
    );
    expect(sigs.map((s) => [s.printedName, s.meaning, s.signedAt, s.verdict.valid])).toEqual([["Dana Whitfield", "Approved", T2.toISOString(), true]]);
    const view = getPlan(db, who["auditor"]!, plan.id, T2);
    expect(view.signatures).toHaveLength(1);
    expect(view.signatures[0]!.signatures.map((s) => s.verdict.valid)).toEqual([true]);
    expect(view.review).toMatchObject({ state: "current", reviewDueOn: "2028-02-03" });
    expect(view.draft).toBeNull();

    // The approved version cannot be edited by the service (no draft) nor behind the application's back.
    expect(() => updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 3), T2)).toThrowError(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(() => sqlite.prepare("update plan_versions set scenario = 'tampered' where id = ?").run(approved.id)).toThrowError(
      /an approved plan version is immutable/,
    );
    expect(() => sqlite.prepare("update plan_versions set named_user_ids = '[]' where id = ?").run(approved.id)).toThrowError(/immutable/);
    expect(() => sqlite.prepare("delete from plan_versions where id = ?").run(approved.id)).toThrowError(/never deleted/);
    expect(versionRow(approved.id).scenario).toBe(draftInput(plan.id, 1).scenario);
    // Nothing left to approve.
    await expect(approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T2)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "There is no draft version to approve.",
    });
  });

  // Trigger plan_versions_status_forward_only: approved → superseded is the only way out of "approved".
  test("an approved version cannot be turned back into a draft behind the application's back", async () => {
    const { version } = await approvedPlan();
    expect(() => sqlite.prepare("update plan_versions set status = 'draft' where id = ?").run(version.id)).toThrowError();
    expect(versionRow(version.id).status).toBe("approved");
  });

  test("a leadership author cannot approve their own plan even after someone else edits it", async () => {
    const plan = createPlan(
      db,
      who["cio"]!,
      { title: "Test CIO's plan", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 },
      T0,
    );
    updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1), T0);
    const before = counts();
    await expect(approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(counts()).toBe(before);
    const draftId = versionsOf(plan.id)[0]!.id;
    expect(
      db
        .select()
        .from(signatures)
        .where(and(eq(signatures.entityType, PLAN_ENTITY), eq(signatures.entityId, String(draftId))))
        .all(),
    ).toHaveLength(0);
  });
});

describe("acknowledgement by the people the plan names", () => {
  test("a named user and a member of a named party can; someone not named cannot; twice is a conflict", async () => {
    const { plan, version } = await approvedPlan();
    // Named: the IT lead; the Clinical Engineering party (its lead and the assessor).
    const view = getPlan(db, who["assessor"]!, plan.id, T1);
    const expected = [who["ce.lead"]!, who["it.lead"]!, who["assessor"]!]
      .sort((a, b) => a.id - b.id)
      .map((u) => ({ userId: u.id, name: u.name, acknowledgedAt: null }));
    expect(view.acknowledgements).toEqual(expected);
    expect(view.may.acknowledge).toBe(true);
    expect(pendingFor(who["assessor"]!, plan.id)).toEqual([
      { planId: plan.id, planVersionId: version.id, title: "Test infusion pump ransomware", versionNo: 1 },
    ]);

    // Not named: refused, no row, nothing audited.
    const before = counts();
    for (const u of ["security.lead", "cio", "admin"]) {
      expect(() => acknowledgePlan(db, who[u]!, { planVersionId: version.id }, T2)).toThrowError(
        expect.objectContaining({ code: "FORBIDDEN", message: "This plan does not name you or your party, so there is nothing for you to acknowledge." }),
      );
    }
    // Auditors acknowledge nothing.
    expect(() => acknowledgePlan(db, who["auditor"]!, { planVersionId: version.id }, T2)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(counts()).toBe(before);
    expect(getPlan(db, who["security.lead"]!, plan.id, T2).may.acknowledge).toBe(false);
    expect(pendingFor(who["security.lead"]!, plan.id)).toEqual([]);

    // Named directly and through the party.
    acknowledgePlan(db, who["it.lead"]!, { planVersionId: version.id }, T2);
    expect(lastAudit()).toBe("PLAN_ACKNOWLEDGED");
    acknowledgePlan(db, who["assessor"]!, { planVersionId: version.id }, T2);
    expect(
      db
        .select()
        .from(planAcknowledgements)
        .where(eq(planAcknowledgements.planVersionId, version.id))
        .all()
        .map((a) => [a.planVersionId, a.userId, a.acknowledgedAt]),
    ).toEqual([
      [version.id, who["it.lead"]!.id, T2.toISOString()],
      [version.id, who["assessor"]!.id, T2.toISOString()],
    ]);
    expect(pendingFor(who["assessor"]!, plan.id)).toEqual([]);
    expect(pendingFor(who["ce.lead"]!, plan.id)).toHaveLength(1);

    const twice = counts();
    expect(() => acknowledgePlan(db, who["assessor"]!, { planVersionId: version.id }, T3)).toThrowError(
      expect.objectContaining({ code: "CONFLICT", message: "You already acknowledged version 1." }),
    );
    expect(counts()).toBe(twice);

    const row = listPlans(db, who["assessor"]!, T2).find((p) => p.id === plan.id)!;
    expect(row).toMatchObject({ approvedVersionNo: 1, draftVersionNo: null, acknowledged: 2, required: 3, mustAcknowledge: false });
    expect(listPlans(db, who["ce.lead"]!, T2).find((p) => p.id === plan.id)!.mustAcknowledge).toBe(true);

    // Acknowledgements are never rewritten.
    expect(() => sqlite.prepare("update plan_acknowledgements set acknowledged_at = '2020-01-01'").run()).toThrowError(/never changed/);
    expect(() => sqlite.prepare("delete from plan_acknowledgements").run()).toThrowError(/never deleted/);
  });

  test("a draft cannot be acknowledged", () => {
    const plan = createPlan(
      db,
      who["it.lead"]!,
      { title: "Test Draft only", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 },
      T0,
    );
    updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1), T0);
    const v = versionsOf(plan.id)[0]!;
    const before = counts();
    expect(() => acknowledgePlan(db, who["assessor"]!, { planVersionId: v.id }, T1)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "A draft cannot be acknowledged; wait until it is approved." }),
    );
    expect(counts()).toBe(before);
  });

  test("a new version supersedes the old one and restarts acknowledgements", async () => {
    const { plan, version: v1 } = await approvedPlan();
    acknowledgePlan(db, who["it.lead"]!, { planVersionId: v1.id }, T1);
    acknowledgePlan(db, who["assessor"]!, { planVersionId: v1.id }, T1);
    acknowledgePlan(db, who["ce.lead"]!, { planVersionId: v1.id }, T1);
    expect(getPlan(db, who["auditor"]!, plan.id, T1).acknowledgements.every((a) => a.acknowledgedAt)).toBe(true);
    expect(pendingFor(who["assessor"]!, plan.id)).toEqual([]);

    // A second draft starts from the approved content; v1 stays in force meanwhile.
    const v2 = startNewPlanVersion(db, who["ce.lead"]!, plan.id, T2);
    expect(v2).toMatchObject({ versionNo: 2, status: "draft", scenario: v1.scenario, namedPartyIds: v1.namedPartyIds, steps: v1.steps });
    expect(lastAudit()).toBe("PLAN_VERSION_STARTED");
    expect(() => startNewPlanVersion(db, who["ce.lead"]!, plan.id, T2)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Version 2 is already a draft; edit that one." }),
    );
    let view = getPlan(db, who["auditor"]!, plan.id, T2);
    expect([view.approved?.versionNo, view.draft?.versionNo]).toEqual([1, 2]);
    expect(view.acknowledgements.filter((a) => a.acknowledgedAt)).toHaveLength(3);

    // v2 also names the Information Security party.
    updatePlanDraft(db, who["ce.lead"]!, draftInput(plan.id, 1, { namedPartyIds: [party("Clinical Engineering"), party("Information Security")] }), T2);
    await approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T3);

    expect(versionsOf(plan.id).map((v) => [v.versionNo, v.status, v.supersededAt])).toEqual([
      [1, "superseded", T3.toISOString()],
      [2, "approved", null],
    ]);
    view = getPlan(db, who["auditor"]!, plan.id, T3);
    expect(view.approved!.versionNo).toBe(2);
    expect(view.acknowledgements.map((a) => a.name).sort()).toEqual(["Carlos Estrada", "Jordan Lee", "Priya Natarajan", "Sam Okafor"]);
    expect(view.acknowledgements.filter((a) => a.acknowledgedAt)).toHaveLength(0); // 0 of 4
    expect(view.history.map((h) => [h.versionNo, h.status, h.approvedBy])).toEqual([
      [2, "approved", "Dana Whitfield"],
      [1, "superseded", "Dana Whitfield"],
    ]);
    expect(view.signatures.map((s) => [s.versionNo, s.signatures.map((x) => x.verdict.valid)])).toEqual([
      [2, [true]],
      [1, [true]],
    ]);
    expect(listPlans(db, who["auditor"]!, T3).find((p) => p.id === plan.id)).toMatchObject({ approvedVersionNo: 2, acknowledged: 0, required: 4 });

    // Everyone named is reminded of v2; the old version can no longer be acknowledged.
    for (const u of ["assessor", "it.lead", "ce.lead", "security.lead"]) {
      expect(pendingFor(who[u]!, plan.id).map((p) => p.versionNo)).toEqual([2]);
    }
    const v2id = versionsOf(plan.id)[1]!.id;
    const before = counts();
    expect(() => acknowledgePlan(db, who["security.lead"]!, { planVersionId: v1.id }, T3)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Version 1 was replaced by a newer version; acknowledge the version in force." }),
    );
    expect(counts()).toBe(before);
    acknowledgePlan(db, who["security.lead"]!, { planVersionId: v2id }, T3);
    expect(pendingFor(who["security.lead"]!, plan.id)).toEqual([]);
    expect(
      getPlan(db, who["auditor"]!, plan.id, T3)
        .acknowledgements.filter((a) => a.acknowledgedAt)
        .map((a) => a.name),
    ).toEqual(["Sam Okafor"]);
  });

  // Auditors read plans but cannot acknowledge them, so they are never counted as required (loadPeople).
  test("everyone counted as a required acknowledger is able to acknowledge", async () => {
    const plan = createPlan(
      db,
      who["it.lead"]!,
      { title: "Test Names the auditor", siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 },
      T0,
    );
    let named = true;
    try {
      updatePlanDraft(db, who["it.lead"]!, draftInput(plan.id, 1, { namedUserIds: [who["auditor"]!.id, who["assessor"]!.id] }), T0);
    } catch (e) {
      expect(e).toMatchObject({ code: "VALIDATION" });
      named = false;
    }
    if (!named) return;
    await approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, T1);
    expect(getPlan(db, who["cio"]!, plan.id, T1).acknowledgements.map((a) => a.userId)).not.toContain(who["auditor"]!.id);
  });

  test("a deactivated member of a named party is no longer required", async () => {
    const { plan } = await approvedPlan();
    expect(getPlan(db, who["auditor"]!, plan.id, T1).acknowledgements).toHaveLength(3);
    db.update(users).set({ active: false }).where(eq(users.id, who["assessor"]!.id)).run();
    expect(getPlan(db, who["auditor"]!, plan.id, T1).acknowledgements.map((a) => a.name)).not.toContain("Jordan Lee");
  });

  test("review status follows the approval date and the review interval", async () => {
    const { plan } = await approvedPlan();
    // Approved 2027-02-02 with a 12-month interval: review due 2028-02-02.
    expect(getPlan(db, who["auditor"]!, plan.id, new Date("2027-06-01T00:00:00Z")).review.state).toBe("current");
    expect(getPlan(db, who["auditor"]!, plan.id, new Date("2028-01-03T00:00:00Z")).review).toMatchObject({ state: "due_soon", days: 30 });
    expect(getPlan(db, who["auditor"]!, plan.id, new Date("2028-02-03T00:00:00Z")).review).toMatchObject({ state: "overdue", days: -1 });
    expect(db.select().from(responsePlans).where(eq(responsePlans.id, plan.id)).get()!.title).toBe("Test infusion pump ransomware");
  });
});
