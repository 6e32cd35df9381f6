import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { actionItems, auditLog, deviceClasses, drillObjectives, drills, signatures, sites, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { createSite } from "@/lib/services/admin/create-site";
import { loadActor } from "@/lib/services/auth/load-actor";
import { listActionItems } from "@/lib/services/action-items/list-action-items";
import { updateItemStatus } from "@/lib/services/action-items/update-item-status";
import { listSiteCompliance, setSiteRules } from "@/lib/services/drills/compliance";
import { getDrill, listDrills } from "@/lib/services/drills/get-drills";
import { DRILL_ENTITY, aarSignedContent } from "@/lib/services/drills/drill-records";
import { addFinding } from "@/lib/services/drills/add-finding";
import { addImprovementItem } from "@/lib/services/drills/add-improvement-item";
import { addObjective } from "@/lib/services/drills/add-objective";
import { approveAar } from "@/lib/services/drills/approve-aar";
import { cancelDrill } from "@/lib/services/drills/cancel-drill";
import { conductDrill } from "@/lib/services/drills/conduct-drill";
import { rateObjective } from "@/lib/services/drills/rate-objective";
import { recordRealEvent } from "@/lib/services/drills/record-real-event";
import { returnAar } from "@/lib/services/drills/return-aar";
import { saveAarSummary } from "@/lib/services/drills/save-aar-summary";
import { scheduleDrill } from "@/lib/services/drills/schedule-drill";
import { submitAar } from "@/lib/services/drills/submit-aar";
import { approvePlanVersion } from "@/lib/services/plans/approve-plan-version";
import { createPlan } from "@/lib/services/plans/create-plan";
import { updatePlanDraft } from "@/lib/services/plans/update-plan-draft";
import { loadActivities, loadParties } from "@/lib/services/raci/raci-records";
import { verifyRecordSignatures } from "@/lib/services/signatures/sign-record";
import type { ExerciseType } from "@/lib/rules/cadence";
import type { ScheduleDrillInput } from "@/lib/validation/drills";
import { TEST_PASSWORD, makeUser, demoDb } from "../test-db";

const PW = "lakeside-demo-2026";
const day = (d: string) => new Date(`${d}T12:00:00.000Z`);
const SCHEDULED = day("2027-03-01");
const HELD = "2027-03-10";
const AFTER = day("2027-03-12");
let db: Db;
let sqlite: Database.Database;
const who: Record<string, Actor> = {};
/** A second leadership user, the facilitator of the drills below. */
let vp: Actor;

const siteId = (name: string) => db.select().from(sites).where(eq(sites.name, name)).get()!.id;
const classId = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;
const act = (prefix: string) => loadActivities(db).find((a) => a.name.startsWith(prefix))!.id;
const party = (name: string) => loadParties(db).find((p) => p.name === name)!.id;
const n = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const TABLES = [
  "drills",
  "drill_plans",
  "drill_participants",
  "drill_objectives",
  "drill_findings",
  "action_items",
  "signatures",
  "site_drill_settings",
  "audit_log",
];
/** Row counts plus every drill and item row: equal before and after means nothing changed. */
const snapshot = () =>
  JSON.stringify([TABLES.map(n), db.select().from(drills).all(), db.select().from(drillObjectives).all(), db.select().from(actionItems).all()]);
const lastAudit = () => db.get<{ a: string }>(sql`select action as a from audit_log order by seq desc limit 1`)!.a;
const drillRow = (id: number) => db.select().from(drills).where(eq(drills.id, id)).get()!;
const itemRow = (id: number) => db.select().from(actionItems).where(eq(actionItems.id, id)).get()!;

beforeEach(async () => {
  ({ db, sqlite } = await demoDb());
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
  vp = await makeUser(db, { name: "Vera Park", email: "vp@lakeside.example", roles: ["leadership"] });
});

/** An approved response plan of our own (the demo's plans, if any, are not relied upon). */
async function approvedPlan(title = "Test infusion pump ransomware") {
  const plan = createPlan(db, who["it.lead"]!, { title, siteId: null, scenario: "", reviewIntervalMonths: 12, exerciseIntervalMonths: 12 }, day("2027-01-04"));
  updatePlanDraft(
    db,
    who["it.lead"]!,
    {
      planId: plan.id,
      expectedRevision: 1,
      scenario: "Ransomware on the pump server",
      deviceClassIds: [classId("Infusion pumps")],
      activityIds: [act("Contain / isolate devices")],
      namedUserIds: [],
      namedPartyIds: [party("IT Infrastructure")],
      steps: [{ partyId: party("IT Infrastructure"), role: "On call", action: "Isolate the pump VLAN" }],
      contacts: [],
      downtimeProcedures: "",
      reviewIntervalMonths: 12,
      exerciseIntervalMonths: 12,
    },
    day("2027-01-04"),
  );
  await approvePlanVersion(db, who["cio"]!, { planId: plan.id, password: PW }, day("2027-01-05"));
  return plan;
}

function schedule(over: Partial<ScheduleDrillInput> = {}, now = SCHEDULED) {
  return scheduleDrill(
    db,
    who["ce.lead"]!,
    {
      title: "Pump server ransomware functional exercise",
      type: "functional",
      siteId: siteId("Lakeside Main Hospital"),
      plannedDate: HELD,
      scenario: "The pump server is encrypted at 02:00.",
      planIds: [],
      deviceClassIds: [classId("Infusion pumps")],
      objectives: ["Detect the encryption within 30 minutes", "Isolate the pump VLAN within 60 minutes"],
      facilitatorUserId: vp.id,
      participantUserIds: [who["it.lead"]!.id],
      participantPartyIds: [party("Clinical Engineering")],
      ...over,
    },
    now,
  );
}

function conduct(drillId: number, actualStart = HELD, actualEnd: string | null = HELD, now = day(HELD)) {
  conductDrill(
    db,
    who["ce.lead"]!,
    { drillId, actualStart, actualEnd, attendedParticipantIds: [], minutesToDetect: 22, minutesToIsolate: 75, minutesToNotifyOem: null, minutesToRestore: 240 },
    now,
  );
}

/**
 * A conducted drill with its objectives rated (one M), a strength, an area for improvement tied to an
 * activity, and two improvement items: IT Infrastructure's (no person) and Clinical Engineering's
 * (assigned to the assessor). The overview is written; the AAR is not submitted.
 */
function aarDraft() {
  const d = schedule();
  conduct(d.id);
  const objectives = getDrill(db, who["ce.lead"]!, d.id, AFTER).objectives;
  rateObjective(db, who["ce.lead"]!, { objectiveId: objectives[0]!.id, rating: "P", ratingNote: "" }, AFTER);
  rateObjective(db, who["ce.lead"]!, { objectiveId: objectives[1]!.id, rating: "M", ratingNote: "Took 75 minutes: nobody had the switch credentials" }, AFTER);
  addFinding(
    db,
    who["ce.lead"]!,
    {
      drillId: d.id,
      kind: "strength",
      objectiveId: objectives[0]!.id,
      activityId: null,
      observation: "The NOC saw the encryption within 22 minutes",
      rootCause: "",
      recommendation: "",
    },
    AFTER,
  );
  const aoi = addFinding(
    db,
    who["ce.lead"]!,
    {
      drillId: d.id,
      kind: "improvement",
      objectiveId: objectives[1]!.id,
      activityId: act("Contain / isolate devices"),
      observation: "Isolation took 75 minutes",
      rootCause: "Switch credentials held by one engineer",
      recommendation: "Break-glass credentials in the vault",
    },
    AFTER,
  );
  const itItem = addImprovementItem(
    db,
    who["ce.lead"]!,
    {
      findingId: aoi.id,
      title: "Break-glass credentials for the pump VLAN switches",
      capabilityElement: "equipment",
      ownerPartyId: party("IT Infrastructure"),
      ownerUserId: null,
      dueDate: "2027-04-30",
    },
    AFTER,
  );
  const ceItem = addImprovementItem(
    db,
    who["ce.lead"]!,
    {
      findingId: aoi.id,
      title: "Train HTM on standalone pump mode",
      capabilityElement: "training",
      ownerPartyId: party("Clinical Engineering"),
      ownerUserId: who["assessor"]!.id,
      dueDate: "2027-04-15",
    },
    AFTER,
  );
  saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "Detection was fast; isolation was slow." }, AFTER);
  return { drill: d, objectives, aoi, itItem, ceItem };
}

describe("scheduling and conducting", () => {
  test("a drill is scheduled as planned with its objectives, participants and classes; contributors and auditors cannot schedule", async () => {
    const plan = await approvedPlan();
    const d = schedule({ planIds: [plan.id] });
    expect(lastAudit()).toBe("DRILL_SCHEDULED");
    const view = getDrill(db, who["auditor"]!, d.id, SCHEDULED);
    expect(view.drill).toMatchObject({
      status: "planned",
      statusLabel: "Planned",
      typeLabel: "Functional exercise",
      group: "Operations-based",
      site: "Lakeside Main Hospital",
      facilitator: "Vera Park",
    });
    expect(view.objectives.map((o) => [o.sortOrder, o.text, o.rating])).toEqual([
      [1, "Detect the encryption within 30 minutes", null],
      [2, "Isolate the pump VLAN within 60 minutes", null],
    ]);
    expect(view.participants.map((p) => [p.name, p.attended])).toEqual([
      ["Priya Natarajan", null],
      ["Clinical Engineering (party)", null],
    ]);
    expect(view.plans.map((p) => p.title)).toEqual(["Test infusion pump ransomware"]);
    expect(view.classes.map((c) => c.name)).toEqual(["Infusion pumps"]);
    expect(view.may).toMatchObject({ manage: false, conduct: false });
    expect(getDrill(db, who["ce.lead"]!, d.id, SCHEDULED).may).toMatchObject({
      manage: true,
      conduct: true,
      addObjective: true,
      editAar: false,
      submitAar: false,
      cancel: true,
    });

    const afterSchedule = snapshot();
    for (const u of ["assessor", "auditor"]) {
      expect(() =>
        scheduleDrill(
          db,
          who[u]!,
          {
            title: "x",
            type: "tabletop",
            siteId: siteId("Lakeside Main Hospital"),
            plannedDate: HELD,
            scenario: "",
            planIds: [],
            deviceClassIds: [],
            objectives: [],
            facilitatorUserId: null,
            participantUserIds: [],
            participantPartyIds: [],
          },
          SCHEDULED,
        ),
      ).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    }
    expect(snapshot()).toBe(afterSchedule);
  });

  test("a drill planned for a date that has passed is refused with a sentence; nothing is written (found by a probe)", () => {
    const before = snapshot();
    expect(() => schedule({ plannedDate: "2027-02-28" })).toThrowError(
      expect.objectContaining({
        code: "VALIDATION",
        message: "The planned date 2027-02-28 has passed: schedule the drill for today or later, or record an exercise that took place as a real event.",
      }),
    );
    expect(snapshot()).toBe(before);
    expect(schedule({ plannedDate: "2027-03-01" }).id).toBeGreaterThan(0);
  });

  test("a future start or end date, an end before the start, and a second conduct are refused; nothing changes", () => {
    const d = schedule();
    const [p1, p2] = getDrill(db, who["ce.lead"]!, d.id, SCHEDULED).participants;
    // Rating before the drill took place is refused too.
    const o = getDrill(db, who["ce.lead"]!, d.id, SCHEDULED).objectives[0]!;
    let before = snapshot();
    expect(() => rateObjective(db, who["ce.lead"]!, { objectiveId: o.id, rating: "P", ratingNote: "" }, SCHEDULED)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Rate objectives and record findings after the drill was conducted." }),
    );
    expect(() => submitAar(db, who["ce.lead"]!, { drillId: d.id }, SCHEDULED)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "The after-action report can be submitted only after the drill was conducted." }),
    );
    expect(snapshot()).toBe(before);

    const now = day(HELD);
    const cases: [string, string | null, string][] = [
      ["2027-03-11", null, "A drill cannot be recorded as conducted on a future date (2027-03-11); record it on or after the day it took place."],
      ["2027-03-09", "2027-03-11", "The end date 2027-03-11 is in the future."],
      ["2027-03-09", "2027-03-08", "The end date is before the start date."],
      // Before the drill was scheduled (found by a probe).
      ["2001-01-01", "2001-01-02", "The start date 2001-01-01 is before this drill was scheduled (2027-03-01): give the date it took place."],
    ];
    for (const [start, end, message] of cases) {
      expect(() =>
        conductDrill(
          db,
          who["ce.lead"]!,
          {
            drillId: d.id,
            actualStart: start,
            actualEnd: end,
            attendedParticipantIds: [p1!.id],
            minutesToDetect: 1,
            minutesToIsolate: null,
            minutesToNotifyOem: null,
            minutesToRestore: null,
          },
          now,
        ),
      ).toThrowError(expect.objectContaining({ code: "INVALID_STATE", message }));
    }
    // Attendance must name the drill's own participants.
    expect(() =>
      conductDrill(
        db,
        who["ce.lead"]!,
        {
          drillId: d.id,
          actualStart: HELD,
          actualEnd: null,
          attendedParticipantIds: [9999],
          minutesToDetect: null,
          minutesToIsolate: null,
          minutesToNotifyOem: null,
          minutesToRestore: null,
        },
        now,
      ),
    ).toThrowError(expect.objectContaining({ code: "VALIDATION" }));
    expect(snapshot()).toBe(before);
    expect(drillRow(d.id)).toMatchObject({ status: "planned", actualStart: null, revision: 1 });

    conductDrill(
      db,
      who["ce.lead"]!,
      {
        drillId: d.id,
        actualStart: "2027-03-09",
        actualEnd: HELD,
        attendedParticipantIds: [p2!.id],
        minutesToDetect: 22,
        minutesToIsolate: 75,
        minutesToNotifyOem: null,
        minutesToRestore: 240,
      },
      now,
    );
    expect(lastAudit()).toBe("DRILL_CONDUCTED");
    const view = getDrill(db, who["auditor"]!, d.id, now);
    expect(view.drill).toMatchObject({
      status: "conducted",
      actualStart: "2027-03-09",
      actualEnd: HELD,
      minutesToDetect: 22,
      minutesToIsolate: 75,
      minutesToRestore: 240,
      conductedByName: "Carlos Estrada",
    });
    expect(view.participants.map((p) => p.attended)).toEqual([false, true]);

    before = snapshot();
    expect(() => conduct(d.id, "2027-03-09", HELD, now)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Only a planned drill can be recorded as conducted; this one is conducted." }),
    );
    expect(snapshot()).toBe(before);
  });
});

describe("the after-action report", () => {
  test("objectives, ratings, findings and improvement items; submission needs every objective rated and an overview", () => {
    const d = schedule();
    conduct(d.id);
    // An objective may still be added while the AAR is drafted.
    addObjective(db, who["it.lead"]!, { drillId: d.id, text: "Notify the OEM within 4 hours" }, AFTER);
    const objectives = getDrill(db, who["ce.lead"]!, d.id, AFTER).objectives;
    expect(objectives.map((o) => o.sortOrder)).toEqual([1, 2, 3]);
    rateObjective(db, who["ce.lead"]!, { objectiveId: objectives[0]!.id, rating: "P", ratingNote: "" }, AFTER);
    rateObjective(db, who["ce.lead"]!, { objectiveId: objectives[1]!.id, rating: "M", ratingNote: "75 minutes" }, AFTER);
    saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "Isolation was slow." }, AFTER);

    let before = snapshot();
    expect(() => submitAar(db, who["ce.lead"]!, { drillId: d.id }, AFTER)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Rate every objective before submitting: 1 is not rated." }),
    );
    expect(snapshot()).toBe(before);

    rateObjective(db, who["ce.lead"]!, { objectiveId: objectives[2]!.id, rating: "U", ratingNote: "OEM line unreachable" }, AFTER);
    saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "   " }, AFTER);
    before = snapshot();
    expect(() => submitAar(db, who["ce.lead"]!, { drillId: d.id }, AFTER)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Write the overview of the after-action report before submitting it." }),
    );
    expect(snapshot()).toBe(before);

    // A finding tied to an activity; an improvement item belongs to an area for improvement, not a strength.
    const strength = addFinding(
      db,
      who["ce.lead"]!,
      { drillId: d.id, kind: "strength", objectiveId: null, activityId: null, observation: "Fast detection", rootCause: "", recommendation: "" },
      AFTER,
    );
    const aoi = addFinding(
      db,
      who["ce.lead"]!,
      {
        drillId: d.id,
        kind: "improvement",
        objectiveId: objectives[1]!.id,
        activityId: act("Contain / isolate devices"),
        observation: "Slow isolation",
        rootCause: "Credentials",
        recommendation: "Vault",
      },
      AFTER,
    );
    expect(lastAudit()).toBe("DRILL_AREA_FOR_IMPROVEMENT_ADDED");
    const other = schedule({ title: "Another" });
    before = snapshot();
    expect(() =>
      addImprovementItem(
        db,
        who["ce.lead"]!,
        {
          findingId: strength.id,
          title: "x",
          capabilityElement: "planning",
          ownerPartyId: party("IT Infrastructure"),
          ownerUserId: null,
          dueDate: "2027-04-30",
        },
        AFTER,
      ),
    ).toThrowError(expect.objectContaining({ code: "VALIDATION", message: "Improvement items belong to an area for improvement, not to a strength." }));
    expect(() =>
      addFinding(
        db,
        who["ce.lead"]!,
        {
          drillId: d.id,
          kind: "improvement",
          objectiveId: getDrill(db, who["ce.lead"]!, other.id, AFTER).objectives[0]!.id,
          activityId: null,
          observation: "x",
          rootCause: "",
          recommendation: "",
        },
        AFTER,
      ),
    ).toThrowError(expect.objectContaining({ code: "VALIDATION", message: "Choose one of this drill's objectives." }));
    // A contributor writes no AAR content.
    expect(() =>
      addFinding(
        db,
        who["assessor"]!,
        { drillId: d.id, kind: "strength", objectiveId: null, activityId: null, observation: "x", rootCause: "", recommendation: "" },
        AFTER,
      ),
    ).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() =>
      addImprovementItem(
        db,
        who["assessor"]!,
        { findingId: aoi.id, title: "x", capabilityElement: "planning", ownerPartyId: party("IT Infrastructure"), ownerUserId: null, dueDate: "2027-04-30" },
        AFTER,
      ),
    ).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(snapshot()).toBe(before);
    const item = addImprovementItem(
      db,
      who["ce.lead"]!,
      {
        findingId: aoi.id,
        title: "Break-glass credentials",
        capabilityElement: "equipment",
        ownerPartyId: party("IT Infrastructure"),
        ownerUserId: null,
        dueDate: "2027-04-30",
      },
      AFTER,
    );
    expect(item).toMatchObject({ sourceType: "drill", drillId: d.id, findingId: aoi.id, status: "open" });

    saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "Isolation was slow." }, AFTER);
    submitAar(db, who["ce.lead"]!, { drillId: d.id }, AFTER);
    const view = getDrill(db, who["auditor"]!, d.id, AFTER);
    expect(view.drill).toMatchObject({ status: "aar_review", aarSubmittedByName: "Carlos Estrada" });
    expect(view.findings.map((f) => [f.kind, f.activity, f.objective])).toEqual([
      ["strength", null, null],
      ["improvement", "Contain / isolate devices, invoke clinical downtime procedures", "Isolate the pump VLAN within 60 minutes"],
    ]);
    expect(view.items.map((i) => [i.title, i.ownerParty, i.capabilityElement, i.status])).toEqual([
      ["Break-glass credentials", "IT Infrastructure", "equipment", "open"],
    ]);

    // In review the AAR is frozen.
    before = snapshot();
    expect(() => rateObjective(db, who["ce.lead"]!, { objectiveId: objectives[0]!.id, rating: "S", ratingNote: "" }, AFTER)).toThrowError(
      /in review; return it to draft/,
    );
    expect(() => addObjective(db, who["ce.lead"]!, { drillId: d.id, text: "late" }, AFTER)).toThrowError(/in review/);
    expect(() =>
      addImprovementItem(
        db,
        who["ce.lead"]!,
        { findingId: aoi.id, title: "late", capabilityElement: "planning", ownerPartyId: party("IT Infrastructure"), ownerUserId: null, dueDate: "2027-04-30" },
        AFTER,
      ),
    ).toThrowError(/in review/);
    expect(() => saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "changed" }, AFTER)).toThrowError(/in review/);
    expect(snapshot()).toBe(before);
  });

  test("approval: a lead is FORBIDDEN, the submitter and the facilitator are refused, the CIO signs with the password; the AAR is then locked", async () => {
    const { drill: d, objectives } = aarDraft();
    // The CIO submits, which makes the CIO ineligible to approve.
    submitAar(db, who["cio"]!, { drillId: d.id }, AFTER);
    expect(lastAudit()).toBe("DRILL_AAR_SUBMITTED");

    let before = snapshot();
    await expect(approveAar(db, who["it.lead"]!, { drillId: d.id, password: PW }, AFTER)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(approveAar(db, who["admin"]!, { drillId: d.id, password: PW }, AFTER)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(approveAar(db, who["cio"]!, { drillId: d.id, password: PW }, AFTER)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You submitted this after-action report, so someone else must approve it.",
    });
    await expect(approveAar(db, vp, { drillId: d.id, password: TEST_PASSWORD }, AFTER)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You facilitated this drill, so someone else must approve its after-action report.",
    });
    expect(getDrill(db, who["cio"]!, d.id, AFTER).may).toMatchObject({ approveAar: false, returnAar: true });
    expect(snapshot()).toBe(before);

    // Return (leadership only, with a comment); the CE lead resubmits.
    expect(() => returnAar(db, who["ce.lead"]!, { drillId: d.id, comment: "no" }, AFTER)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => returnAar(db, who["cio"]!, { drillId: d.id, comment: "  " }, AFTER)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Say what needs to change when returning the after-action report." }),
    );
    expect(snapshot()).toBe(before);
    returnAar(db, who["cio"]!, { drillId: d.id, comment: "Name who holds the credentials" }, AFTER);
    expect(drillRow(d.id)).toMatchObject({ status: "conducted", aarSubmittedBy: null, aarSubmittedAt: null });
    expect(lastAudit()).toBe("DRILL_AAR_RETURNED");
    saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "Detection was fast; isolation was slow (credentials held by one engineer)." }, AFTER);
    submitAar(db, who["ce.lead"]!, { drillId: d.id }, AFTER);
    expect(getDrill(db, who["cio"]!, d.id, AFTER).may.approveAar).toBe(true);

    // Wrong password: nothing signed, only the refusal is audited.
    before = snapshot();
    const auditBefore = n("audit_log");
    await expect(approveAar(db, who["cio"]!, { drillId: d.id, password: "wrong wrong wrong" }, AFTER)).rejects.toMatchObject({
      code: "VALIDATION",
      message: "The password is incorrect. Nothing was signed.",
    });
    expect(n("audit_log")).toBe(auditBefore + 1);
    expect(lastAudit()).toBe("SIGNATURE_REFUSED_WRONG_PASSWORD");
    expect(
      db
        .select()
        .from(signatures)
        .where(and(eq(signatures.entityType, DRILL_ENTITY), eq(signatures.entityId, String(d.id))))
        .all(),
    ).toHaveLength(0);
    expect(drillRow(d.id).status).toBe("aar_review");

    const SIGNED = day("2027-03-15");
    await approveAar(db, who["cio"]!, { drillId: d.id, password: PW }, SIGNED);
    expect(drillRow(d.id)).toMatchObject({ status: "aar_approved", aarApprovedBy: who["cio"]!.id, aarApprovedAt: SIGNED.toISOString(), closedAt: null });
    expect(lastAudit()).toBe("DRILL_AAR_APPROVED");
    const sigs = verifyRecordSignatures(db, { entityType: DRILL_ENTITY, entityId: String(d.id) }, aarSignedContent(db, d.id));
    expect(sigs.map((s) => [s.printedName, s.meaning, s.verdict.valid])).toEqual([["Dana Whitfield", "Approved", true]]);
    const view = getDrill(db, who["auditor"]!, d.id, SIGNED);
    expect(view.signatures.map((s) => s.verdict.valid)).toEqual([true]);
    expect(view.drill.aarApprovedByName).toBe("Dana Whitfield");
    expect(view.may).toMatchObject({ editAar: false, addItem: false, approveAar: false });

    // Locked: the services refuse, and so does the database behind them.
    before = snapshot();
    expect(() =>
      addFinding(
        db,
        who["ce.lead"]!,
        { drillId: d.id, kind: "strength", objectiveId: null, activityId: null, observation: "late", rootCause: "", recommendation: "" },
        SIGNED,
      ),
    ).toThrowError(expect.objectContaining({ code: "INVALID_STATE", message: "The after-action report is approved and locked." }));
    expect(() => rateObjective(db, who["ce.lead"]!, { objectiveId: objectives[1]!.id, rating: "P", ratingNote: "" }, SIGNED)).toThrowError(
      /approved and locked/,
    );
    expect(() => addObjective(db, who["ce.lead"]!, { drillId: d.id, text: "late" }, SIGNED)).toThrowError(/approved and locked/);
    expect(() => saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "rewritten" }, SIGNED)).toThrowError(/approved and locked/);
    await expect(approveAar(db, who["cio"]!, { drillId: d.id, password: PW }, SIGNED)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(() =>
      sqlite
        .prepare("insert into drill_findings (drill_id, kind, observation, created_by, created_at) values (?, 'improvement', 'sneaked in', ?, ?)")
        .run(d.id, who["ce.lead"]!.id, SIGNED.toISOString()),
    ).toThrowError(/the after-action report is approved and locked/);
    expect(() => sqlite.prepare("update drill_objectives set rating = 'P' where drill_id = ?").run(d.id)).toThrowError(/approved and locked/);
    expect(() => sqlite.prepare("delete from drill_findings where drill_id = ?").run(d.id)).toThrowError(/not deleted/);
    expect(() => sqlite.prepare("delete from drills where id = ?").run(d.id)).toThrowError(/never deleted/);
    // The drill's own signed facts and its improvement plan are locked too, and it cannot go back to review.
    expect(() => sqlite.prepare("update drills set aar_summary = 'rewritten' where id = ?").run(d.id)).toThrowError(/approved and locked/);
    expect(() => sqlite.prepare("update drills set actual_start = '2020-01-01' where id = ?").run(d.id)).toThrowError(/approved and locked/);
    expect(() => sqlite.prepare("update drills set status = 'aar_review' where id = ?").run(d.id)).toThrowError(/only moves on to closed/);
    expect(() => sqlite.prepare("update action_items set due_date = '2099-01-01' where drill_id = ?").run(d.id)).toThrowError(
      /improvement plan of an approved/,
    );
    expect(snapshot()).toBe(before);
    expect(verifyRecordSignatures(db, { entityType: DRILL_ENTITY, entityId: String(d.id) }, aarSignedContent(db, d.id))[0]!.verdict.valid).toBe(true);
  });

  test("approving an AAR with no improvement items closes the drill at once", async () => {
    const d = schedule({ objectives: ["Detect"] });
    conduct(d.id);
    rateObjective(db, who["ce.lead"]!, { objectiveId: getDrill(db, who["ce.lead"]!, d.id, AFTER).objectives[0]!.id, rating: "P", ratingNote: "" }, AFTER);
    saveAarSummary(db, who["ce.lead"]!, { drillId: d.id, aarSummary: "All good." }, AFTER);
    submitAar(db, who["it.lead"]!, { drillId: d.id }, AFTER);
    await approveAar(db, who["cio"]!, { drillId: d.id, password: PW }, AFTER);
    expect(drillRow(d.id)).toMatchObject({ status: "closed", closedAt: AFTER.toISOString() });
  });
});

describe("the improvement plan", () => {
  test("closing needs evidence; only the owner party's lead or the assigned person may update; the last closure closes the drill", async () => {
    const { drill: d, itItem, ceItem } = aarDraft();
    submitAar(db, who["ce.lead"]!, { drillId: d.id }, AFTER);
    await approveAar(db, who["cio"]!, { drillId: d.id, password: PW }, AFTER);
    const otherContributor = await makeUser(db, { roles: ["contributor"], partyId: party("Clinical Engineering") });

    let before = snapshot();
    // Without evidence: refused, status unchanged.
    expect(() => updateItemStatus(db, who["it.lead"]!, { itemId: itItem.id, status: "closed", closureEvidence: "  " }, AFTER)).toThrowError(
      expect.objectContaining({ code: "VALIDATION", message: "Closing an item requires closure evidence: say what was done and where it can be verified." }),
    );
    // Not the owner party's lead, not the assigned person.
    expect(() => updateItemStatus(db, who["assessor"]!, { itemId: itItem.id, status: "in_progress", closureEvidence: "" }, AFTER)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() => updateItemStatus(db, otherContributor, { itemId: ceItem.id, status: "in_progress", closureEvidence: "" }, AFTER)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() => updateItemStatus(db, who["ce.lead"]!, { itemId: itItem.id, status: "closed", closureEvidence: "done" }, AFTER)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() => updateItemStatus(db, who["security.lead"]!, { itemId: itItem.id, status: "closed", closureEvidence: "done" }, AFTER)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() => updateItemStatus(db, who["auditor"]!, { itemId: itItem.id, status: "closed", closureEvidence: "done" }, AFTER)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(snapshot()).toBe(before);
    expect(itemRow(itItem.id).status).toBe("open");

    const items = (actor: Actor) => listActionItems(db, actor, { drillId: d.id }, day("2027-04-16"));
    expect(items(who["assessor"]!).map((i) => [i.title, i.mayUpdate])).toEqual([
      ["Train HTM on standalone pump mode", true],
      ["Break-glass credentials for the pump VLAN switches", false],
    ]);
    expect(items(otherContributor).map((i) => i.mayUpdate)).toEqual([false, false]);
    expect(items(who["it.lead"]!).map((i) => i.mayUpdate)).toEqual([false, true]);
    // Due 2027-04-15: overdue on the 16th; due 2027-04-30: not yet.
    expect(items(who["auditor"]!).map((i) => [i.dueDate, i.overdue])).toEqual([
      ["2027-04-15", true],
      ["2027-04-30", false],
    ]);
    expect(listActionItems(db, who["auditor"]!, { drillId: d.id }, day("2027-04-15")).map((i) => i.overdue)).toEqual([false, false]);
    expect(listActionItems(db, who["auditor"]!, { overdue: true }, day("2027-04-16")).map((i) => i.id)).toContain(ceItem.id);

    // The assigned person works their item.
    updateItemStatus(db, who["assessor"]!, { itemId: ceItem.id, status: "in_progress", closureEvidence: "" }, AFTER);
    expect(lastAudit()).toBe("ACTION_ITEM_STATUS_CHANGED");
    updateItemStatus(
      db,
      who["assessor"]!,
      { itemId: ceItem.id, status: "closed", closureEvidence: "Training TR-2027-04 held; roster in the LMS" },
      day("2027-04-10"),
    );
    expect(itemRow(ceItem.id)).toMatchObject({
      status: "closed",
      closureEvidence: "Training TR-2027-04 held; roster in the LMS",
      closedAt: day("2027-04-10").toISOString(),
    });
    expect(drillRow(d.id).status).toBe("aar_approved");

    // The IT lead closes the last item: the drill closes in the same step.
    const CLOSED = day("2027-04-20");
    updateItemStatus(db, who["it.lead"]!, { itemId: itItem.id, status: "closed", closureEvidence: "Vault entry VLT-88; change CHG-1201" }, CLOSED);
    expect(drillRow(d.id)).toMatchObject({ status: "closed", closedAt: CLOSED.toISOString() });
    expect(
      db
        .select({ a: auditLog.action })
        .from(auditLog)
        .orderBy(sql`seq desc`)
        .limit(2)
        .all()
        .map((r) => r.a),
    ).toEqual(["DRILL_CLOSED", "ACTION_ITEM_CLOSED"]);
    expect(listDrills(db, who["auditor"]!).find((x) => x.id === d.id)).toMatchObject({ status: "closed", itemsOpen: 0, itemsTotal: 2 });
    // The AAR signature still verifies: item statuses are not part of what was signed.
    expect(getDrill(db, who["auditor"]!, d.id, CLOSED).signatures.map((s) => s.verdict.valid)).toEqual([true]);

    // Closed stays closed.
    before = snapshot();
    expect(() => updateItemStatus(db, who["it.lead"]!, { itemId: itItem.id, status: "open", closureEvidence: "" }, CLOSED)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "This item is closed. Closed items stay closed with their evidence." }),
    );
    expect(snapshot()).toBe(before);
    expect(() => sqlite.prepare("delete from action_items where id = ?").run(itItem.id)).toThrowError(/never deleted/);
  });
});

describe("real events and cancellation", () => {
  test("recordRealEvent needs the plan it activated and a past date", async () => {
    const plan = await approvedPlan();
    const base = {
      title: "Pump server outage (real)",
      siteId: siteId("Lakeside Main Hospital"),
      actualEnd: null,
      scenario: "Actual ransomware",
      deviceClassIds: [],
    };
    const now = day("2027-05-02");
    const before = snapshot();
    expect(() => recordRealEvent(db, who["it.lead"]!, { ...base, actualStart: "2027-05-01", planIds: [] }, now)).toThrowError(
      expect.objectContaining({ code: "VALIDATION", message: "Choose the plan the event activated: only an activation of a plan counts as a real event." }),
    );
    expect(() => recordRealEvent(db, who["it.lead"]!, { ...base, actualStart: "2027-05-03", planIds: [plan.id] }, now)).toThrowError(
      expect.objectContaining({
        code: "VALIDATION",
        message: "A real event cannot be recorded on a future date (2027-05-03); record it on or after the day it took place.",
      }),
    );
    expect(() => recordRealEvent(db, who["it.lead"]!, { ...base, actualStart: "2027-05-01", actualEnd: "2027-04-30", planIds: [plan.id] }, now)).toThrowError(
      expect.objectContaining({ code: "VALIDATION" }),
    );
    expect(() => recordRealEvent(db, who["assessor"]!, { ...base, actualStart: "2027-05-01", planIds: [plan.id] }, now)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(snapshot()).toBe(before);

    const e = recordRealEvent(db, who["it.lead"]!, { ...base, actualStart: "2027-05-01", actualEnd: "2027-05-02", planIds: [plan.id] }, now);
    expect(lastAudit()).toBe("REAL_EVENT_RECORDED");
    const view = getDrill(db, who["auditor"]!, e.id, now);
    expect(view.drill).toMatchObject({
      kind: "real_event",
      type: null,
      status: "conducted",
      actualStart: "2027-05-01",
      actualEnd: "2027-05-02",
      typeLabel: "Real event (plan activated)",
      conductedByName: "Priya Natarajan",
    });
    expect(view.plans.map((p) => p.id)).toEqual([plan.id]);
  });

  test("cancelDrill only when planned, with a reason", () => {
    const planned = schedule();
    const held = schedule({ title: "Held" });
    conduct(held.id);
    const before = snapshot();
    expect(() => cancelDrill(db, who["ce.lead"]!, { drillId: planned.id, reason: " " }, SCHEDULED)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Give the reason for cancelling." }),
    );
    expect(() => cancelDrill(db, who["ce.lead"]!, { drillId: held.id, reason: "Too late" }, AFTER)).toThrowError(
      expect.objectContaining({ code: "INVALID_STATE", message: "Only a planned drill can be cancelled." }),
    );
    expect(() => cancelDrill(db, who["assessor"]!, { drillId: planned.id, reason: "Storm" }, SCHEDULED)).toThrowError(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(snapshot()).toBe(before);

    cancelDrill(db, who["ce.lead"]!, { drillId: planned.id, reason: "Ice storm; rescheduled to April" }, SCHEDULED);
    expect(drillRow(planned.id)).toMatchObject({ status: "cancelled", cancelReason: "Ice storm; rescheduled to April" });
    expect(lastAudit()).toBe("DRILL_CANCELLED");
    const after = snapshot();
    expect(() => conduct(planned.id)).toThrowError(/this one is cancelled/);
    expect(() => cancelDrill(db, who["ce.lead"]!, { drillId: planned.id, reason: "again" }, SCHEDULED)).toThrowError(/Only a planned drill/);
    expect(snapshot()).toBe(after);
  });
});

describe("cadence compliance per site", () => {
  const NOW = day("2031-06-01");

  function newHospital() {
    return createSite(db, who["admin"]!, { name: "Harbor Test Hospital", code: "HTH", kind: "hospital" }, day("2031-01-02"));
  }
  function held(site: number, type: ExerciseType, date: string) {
    const d = schedule(
      { title: `${type} ${date}`, type, siteId: site, plannedDate: date, facilitatorUserId: null, participantUserIds: [], participantPartyIds: [] },
      day("2031-01-05"),
    );
    conduct(d.id, date, date, day(date));
    return d;
  }
  const cmsOf = (site: number) => listSiteCompliance(db, who["auditor"]!, NOW, { siteIds: [site] })[0]!.results.find((r) => r.ruleId === "cms");

  test("CMS goes from overdue to met after a functional exercise and a tabletop at the site", () => {
    const site = newHospital();
    const view = listSiteCompliance(db, who["auditor"]!, NOW, { siteIds: [site.id] });
    expect(view).toHaveLength(1);
    expect(view[0]).toMatchObject({
      siteName: "Harbor Test Hospital",
      settings: { cms: true, jointCommission: true, perPlan: true },
      customized: false,
      worst: "overdue",
    });
    expect(cmsOf(site.id)).toMatchObject({ state: "overdue", countedIds: [] });

    // Planned or cancelled drills do not count.
    const planned = schedule({ type: "full_scale", siteId: site.id, plannedDate: "2031-05-20" }, day("2031-01-05"));
    const cancelled = schedule({ type: "tabletop", siteId: site.id, plannedDate: "2031-05-21" }, day("2031-01-05"));
    cancelDrill(db, who["ce.lead"]!, { drillId: cancelled.id, reason: "Census surge" }, day("2031-01-06"));
    expect(cmsOf(site.id)!.state).toBe("overdue");
    expect(planned.status).toBe("planned");

    const functional = held(site.id, "functional", "2031-04-14");
    expect(cmsOf(site.id)).toMatchObject({ state: "overdue" });
    expect(cmsOf(site.id)!.sentence).toMatch(/no second exercise of a listed kind/);

    const tabletop = held(site.id, "tabletop", "2031-05-12");
    expect(cmsOf(site.id)).toMatchObject({ state: "met", countedIds: [functional.id, tabletop.id], lapsesOn: "2032-04-14", exempt: false });
    expect(listSiteCompliance(db, who["auditor"]!, NOW, { siteIds: [site.id] })[0]!.results.find((r) => r.ruleId === "tjc")!.state).toBe("met");
    // A clinic follows no CMS rule by default.
    const clinic = createSite(db, who["admin"]!, { name: "Harbor Test Clinic", code: "HTC", kind: "clinic" }, day("2031-01-02"));
    expect(listSiteCompliance(db, who["auditor"]!, NOW, { siteIds: [clinic.id] })[0]).toMatchObject({
      customized: false,
      settings: { cms: false, jointCommission: false, perPlan: true },
    });
    expect(cmsOf(clinic.id)).toBeUndefined();
  });

  test("setSiteRules: admin only, audited with old and new values; turning CMS off removes the CMS result", () => {
    const site = newHospital();
    const input = { siteId: site.id, cms: false, jointCommission: true, perPlan: true };
    const before = snapshot();
    for (const u of ["it.lead", "cio", "auditor"])
      expect(() => setSiteRules(db, who[u]!, input, NOW)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(snapshot()).toBe(before);
    expect(cmsOf(site.id)).toBeDefined();

    setSiteRules(db, who["admin"]!, input, NOW);
    const entry = db
      .select()
      .from(auditLog)
      .orderBy(sql`seq desc`)
      .limit(1)
      .get()!;
    expect(entry).toMatchObject({
      action: "SITE_DRILL_RULES_SET",
      entityType: "site",
      entityId: String(site.id),
      actorId: who["admin"]!.id,
      at: NOW.toISOString(),
    });
    expect(JSON.parse(entry.oldValues!)).toEqual({ cms: true, jointCommission: true, perPlan: true });
    expect(JSON.parse(entry.newValues!)).toEqual({ cms: false, jointCommission: true, perPlan: true });
    const view = listSiteCompliance(db, who["auditor"]!, NOW, { siteIds: [site.id] })[0]!;
    expect(view).toMatchObject({ customized: true, settings: { cms: false, jointCommission: true, perPlan: true } });
    expect(view.results.map((r) => r.ruleId)).not.toContain("cms");
    expect(view.results.map((r) => r.ruleId)).toContain("tjc");

    // Saving again updates the one settings row.
    setSiteRules(db, who["admin"]!, { ...input, cms: true }, NOW);
    expect(n("site_drill_settings")).toBe(JSON.parse(before)[0][TABLES.indexOf("site_drill_settings")] + 1);
    expect(cmsOf(site.id)).toBeDefined();
  });
});
