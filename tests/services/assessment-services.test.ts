import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { assessments, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/services/auth/load-actor";
import { createAssessment } from "@/lib/services/assessments/create-assessment";
import { getAssessment } from "@/lib/services/assessments/get-assessment";
import { saveAnswer } from "@/lib/services/assessments/save-answer";
import { saveQuickCheck } from "@/lib/services/assessments/save-quick-check";
import { saveAnswerSchema } from "@/lib/validation/assessments";
import { demoDb } from "../test-db";
import { clock } from "@/lib/clock";

let db: Db;
const who: Record<string, Actor> = {};
const audits = () => db.get<{ n: number }>(sql`select count(*) as n from audit_log`)!.n;
const base = {
  scopeType: "organization" as const,
  siteId: null,
  deviceClassId: null,
  dueDate: "2027-03-31",
  carryForward: false,
  assignee_GV: "",
  assignee_ID: "",
  assignee_PR: "",
  assignee_DE: "",
  assignee_RS: "",
  assignee_RC: "",
};

beforeEach(async () => {
  db = (await demoDb()).db;
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

function start(assignees: Partial<typeof base> = {}) {
  return createAssessment(db, who["security.lead"]!, { ...base, name: "FY27", ...assignees });
}

describe("assessments", () => {
  test("only roles that may start an assessment can; nothing is written otherwise", () => {
    const before = audits();
    const count = db.select().from(assessments).all().length;
    expect(() => createAssessment(db, who["assessor"]!, { ...base, name: "X" })).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => createAssessment(db, who["auditor"]!, { ...base, name: "X" })).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(audits()).toBe(before);
    expect(db.select().from(assessments).all()).toHaveLength(count);
  });

  test("assignment limits who may answer: a party assignee's members may, others may not", () => {
    const ce = db.get<{ id: number }>(sql`select id from parties where name = 'Clinical Engineering'`)!.id;
    const a = start({ assignee_ID: `party:${ce}` });
    const ans = {
      assessmentId: a.id,
      subcategoryId: "ID.AM-01",
      current: 1 as number | null,
      target: 3 as number | null,
      notApplicable: false,
      naReason: "",
      notes: "",
      expectedVersion: 0,
    };
    expect(saveAnswer(db, who["assessor"]!, ans)).toEqual({ version: 1 });
    const before = audits();
    expect(() => saveAnswer(db, who["it.lead"]!, { ...ans, expectedVersion: 1 })).toThrowError("You are not assigned to this function of the assessment.");
    expect(() => saveAnswer(db, who["assessor"]!, { ...ans, subcategoryId: "PR.AA-01" })).toThrowError(
      "You are not assigned to this function of the assessment.",
    );
    expect(() => saveAnswer(db, who["auditor"]!, ans)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(audits()).toBe(before);
    const view = getAssessment(db, who["assessor"]!, a.id);
    expect(view.functions.find((f) => f.id === "ID")).toMatchObject({ answered: 1, total: 21, myRemaining: 20 });
  });

  test("two people editing the same subcategory never silently overwrite each other", () => {
    const a = start({ assignee_ID: `user:${who["assessor"]!.id}` });
    const ans = {
      assessmentId: a.id,
      subcategoryId: "ID.AM-02",
      current: 2 as number | null,
      target: 3 as number | null,
      notApplicable: false,
      naReason: "",
      notes: "first",
      expectedVersion: 0,
    };
    saveAnswer(db, who["assessor"]!, ans);
    expect(() => saveAnswer(db, who["security.lead"]!, { ...ans, notes: "second" })).toThrowError(/^Jordan Lee changed ID\.AM-02 at .* after you opened it/);
    expect(getAssessment(db, who["assessor"]!, a.id).answers["ID.AM-02"]!.notes).toBe("first");
  });

  test("N/A needs a reason and clears the scores; a target below the current score is refused", () => {
    expect(saveAnswerSchema.safeParse({ assessmentId: "1", subcategoryId: "ID.AM-01", notApplicable: "on", naReason: "", expectedVersion: "0" }).success).toBe(
      false,
    );
    expect(saveAnswerSchema.safeParse({ assessmentId: "1", subcategoryId: "ID.AM-01", current: "3", target: "1", expectedVersion: "0" }).success).toBe(false);
    const a = start();
    saveAnswer(db, who["security.lead"]!, {
      assessmentId: a.id,
      subcategoryId: "RC.RP-01",
      current: null,
      target: null,
      notApplicable: true,
      naReason: "No recovery plan scope at this clinic",
      notes: "",
      expectedVersion: 0,
    });
    expect(getAssessment(db, who["security.lead"]!, a.id).answers["RC.RP-01"]).toMatchObject({ notApplicable: true, current: null });
  });

  test("starting from the last approved assessment of the scope carries its answers over, marked", () => {
    const vent = db.get<{ id: number }>(sql`select id from device_classes where name = 'Ventilators'`)!.id;
    const scope = { scopeType: "device_class" as const, deviceClassId: vent };
    const first = createAssessment(db, who["security.lead"]!, { ...base, ...scope, name: "Vent FY27" });
    saveAnswer(db, who["security.lead"]!, {
      assessmentId: first.id,
      subcategoryId: "GV.RR-02",
      current: 2,
      target: 3,
      notApplicable: false,
      naReason: "",
      notes: "RACI signed for 5 classes",
      expectedVersion: 0,
    });
    expect(() => createAssessment(db, who["security.lead"]!, { ...base, ...scope, name: "FY28", carryForward: true })).toThrowError(
      /no approved assessment of this scope/,
    );
    db.update(assessments).set({ status: "approved", approvedAt: clock.now().toISOString() }).where(eq(assessments.id, first.id)).run();
    const second = createAssessment(db, who["security.lead"]!, { ...base, ...scope, name: "FY28", carryForward: true });
    const v = getAssessment(db, who["security.lead"]!, second.id);
    expect(v.answers["GV.RR-02"]).toMatchObject({ current: 2, target: 3, carriedOver: true });
    expect(() =>
      saveAnswer(db, who["security.lead"]!, {
        assessmentId: first.id,
        subcategoryId: "GV.RR-02",
        current: 3,
        target: 3,
        notApplicable: false,
        naReason: "",
        notes: "",
        expectedVersion: 1,
      }),
    ).toThrowError(/approved and locked/);
  });

  test("quick checks are saved by assignees and audited", () => {
    const a = start({ assignee_DE: `user:${who["it.lead"]!.id}` });
    saveQuickCheck(db, who["it.lead"]!, { assessmentId: a.id, questionKey: "DE-1", answer: "partly", note: "Only PACS monitored" });
    expect(getAssessment(db, who["it.lead"]!, a.id).quickChecks["DE-1"]).toMatchObject({ answer: "partly", note: "Only PACS monitored" });
    expect(() => saveQuickCheck(db, who["assessor"]!, { assessmentId: a.id, questionKey: "DE-1", answer: "yes", note: "" })).toThrowError(/not assigned/);
  });
});
