import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { assessmentAnswers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { CSF_SUBCATEGORIES } from "@/lib/csf/catalog";
import { loadActor } from "@/lib/services/auth/load-actor";
import { createAssessment } from "@/lib/services/assessments/create-assessment";
import { getAssessment } from "@/lib/services/assessments/get-assessment";
import { saveAnswer } from "@/lib/services/assessments/save-answer";
import { approveAssessment } from "@/lib/services/assessments/approve-assessment";
import { resubmitFunction } from "@/lib/services/assessments/resubmit-function";
import { reviewFunction } from "@/lib/services/assessments/review-function";
import { setTier } from "@/lib/services/assessments/set-tier";
import { submitAssessment } from "@/lib/services/assessments/submit-assessment";
import { verifyRecordSignatures } from "@/lib/services/signatures/sign-record";
import { assessmentSignedContent } from "@/lib/services/assessments/assessment-approval";
import { demoDb } from "../test-db";
import { clock } from "@/lib/clock";

const PW = "lakeside-demo-2026";
let db: Db;
const who: Record<string, Actor> = {};
const FNS = ["GV", "ID", "PR", "DE", "RS", "RC"] as const;

beforeEach(async () => {
  db = (await demoDb()).db;
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

/** The assessor (contributor, CE) authors and answers everything; the security lead reviews; the CIO approves. */
function readyForReview() {
  const author = who["assessor"]!;
  // Contributors cannot start assessments: the IT lead starts it and assigns everything to the assessor.
  const a = createAssessment(db, who["it.lead"]!, {
    name: "FY27",
    scopeType: "organization",
    siteId: null,
    deviceClassId: null,
    dueDate: "2027-03-31",
    carryForward: false,
    ...Object.fromEntries(FNS.map((f) => [`assignee_${f}`, `user:${author.id}`])),
  } as never);
  const at = clock.now().toISOString();
  for (const s of CSF_SUBCATEGORIES)
    db.insert(assessmentAnswers).values({ assessmentId: a.id, subcategoryId: s.id, current: 1, target: 3, updatedBy: author.id, updatedAt: at }).run();
  saveAnswer(db, author, {
    assessmentId: a.id,
    subcategoryId: "PR.PS-02",
    current: 0,
    target: 3,
    notApplicable: false,
    naReason: "",
    notes: "No OEM-validated patch process",
    expectedVersion: 1,
  });
  return a;
}

describe("assessment review and approval", () => {
  test("submission needs every subcategory answered and the Tier rated", () => {
    const a = readyForReview();
    expect(() => submitAssessment(db, who["it.lead"]!, { assessmentId: a.id })).toThrowError(/the Implementation Tier is not rated/);
    setTier(db, who["it.lead"]!, { assessmentId: a.id, tier: 2, rationale: "Risk informed but not organization-wide" });
    db.delete(assessmentAnswers)
      .where(sql`subcategory_id = 'RC.CO-04'`)
      .run();
    expect(() => submitAssessment(db, who["it.lead"]!, { assessmentId: a.id })).toThrowError(/105 of 106 subcategories are answered; still open: RC\.CO-04/);
  });

  test("SoD: an editor cannot review; the author cannot approve; a returned function reopens; approval signs and locks", async () => {
    const a = readyForReview();
    setTier(db, who["it.lead"]!, { assessmentId: a.id, tier: 2, rationale: "Risk informed" });
    submitAssessment(db, who["it.lead"]!, { assessmentId: a.id });

    // The IT lead rated the Tier (an edit) and authored it: cannot review.
    expect(() => reviewFunction(db, who["it.lead"]!, { assessmentId: a.id, functionId: "PR", decision: "accept", comment: "" })).toThrowError(
      /cannot review it/,
    );
    // Answers are locked while in review.
    expect(() =>
      saveAnswer(db, who["assessor"]!, {
        assessmentId: a.id,
        subcategoryId: "PR.PS-02",
        current: 1,
        target: 3,
        notApplicable: false,
        naReason: "",
        notes: "",
        expectedVersion: 2,
      }),
    ).toThrowError(/in review/);

    reviewFunction(db, who["security.lead"]!, { assessmentId: a.id, functionId: "PR", decision: "return", comment: "PR.PS-02: attach the patch SOP" });
    // The returned function reopens for its assignee…
    saveAnswer(db, who["assessor"]!, {
      assessmentId: a.id,
      subcategoryId: "PR.PS-02",
      current: 1,
      target: 3,
      notApplicable: false,
      naReason: "",
      notes: "SOP-114 attached",
      expectedVersion: 2,
    });
    // …others stay locked.
    expect(() =>
      saveAnswer(db, who["assessor"]!, {
        assessmentId: a.id,
        subcategoryId: "ID.AM-01",
        current: 2,
        target: 3,
        notApplicable: false,
        naReason: "",
        notes: "",
        expectedVersion: 1,
      }),
    ).toThrowError(/in review/);
    resubmitFunction(db, who["assessor"]!, { assessmentId: a.id, functionId: "PR" });

    await expect(approveAssessment(db, who["cio"]!, { assessmentId: a.id, password: PW })).rejects.toThrowError(/not yet accepted/);
    for (const f of FNS) reviewFunction(db, who["security.lead"]!, { assessmentId: a.id, functionId: f, decision: "accept", comment: "" });

    await expect(approveAssessment(db, who["cio"]!, { assessmentId: a.id, password: "wrong wrong wrong" })).rejects.toMatchObject({
      message: "The password is incorrect. Nothing was signed.",
    });
    expect(getAssessment(db, who["cio"]!, a.id).assessment.status).toBe("in_review");
    await approveAssessment(db, who["cio"]!, { assessmentId: a.id, password: PW });
    expect(getAssessment(db, who["cio"]!, a.id).assessment.status).toBe("approved");
    const sigs = verifyRecordSignatures(db, { entityType: "assessment", entityId: String(a.id) }, assessmentSignedContent(db, a.id));
    expect(sigs.map((s) => [s.printedName, s.meaning, s.verdict.valid])).toEqual([["Dana Whitfield", "Approved", true]]);
    expect(() =>
      saveAnswer(db, who["assessor"]!, {
        assessmentId: a.id,
        subcategoryId: "PR.PS-02",
        current: 3,
        target: 3,
        notApplicable: false,
        naReason: "",
        notes: "",
        expectedVersion: 3,
      }),
    ).toThrowError(/approved and locked/);
  });

  test("the author (a leadership user) cannot approve their own assessment", async () => {
    const a = createAssessment(db, who["cio"]!, {
      name: "Mine",
      scopeType: "organization",
      siteId: null,
      deviceClassId: null,
      dueDate: "2027-01-01",
      carryForward: false,
      assignee_GV: "",
      assignee_ID: "",
      assignee_PR: "",
      assignee_DE: "",
      assignee_RS: "",
      assignee_RC: "",
    });
    await expect(approveAssessment(db, who["cio"]!, { assessmentId: a.id, password: PW })).rejects.toThrowError(
      "You started this assessment, so you cannot approve it.",
    );
  });
});

describe("evidence follows the answers' lock", () => {
  test("no evidence is added to a function in review or accepted; a returned function takes it again; nothing is written on a refusal", async () => {
    const { addEvidence } = await import("@/lib/services/assessments/evidence");
    const a = readyForReview();
    const evidence = () => db.get<{ n: number }>(sql`select count(*) as n from assessment_evidence`)!.n;
    const audit = () => db.get<{ n: number }>(sql`select count(*) as n from audit_log`)!.n;
    await addEvidence(db, who["assessor"]!, { assessmentId: a.id, subcategoryId: "PR.PS-02", body: "Draft SOP", url: "" } as never);
    setTier(db, who["it.lead"]!, { assessmentId: a.id, tier: 2, rationale: "Risk informed" });
    submitAssessment(db, who["it.lead"]!, { assessmentId: a.id });
    const [e0, a0] = [evidence(), audit()];
    await expect(
      addEvidence(db, who["assessor"]!, { assessmentId: a.id, subcategoryId: "PR.PS-02", body: "Added after submission", url: "" } as never),
    ).rejects.toThrowError("This function is in review and cannot change unless the reviewer returns it.");
    expect([evidence(), audit()]).toEqual([e0, a0]);
    reviewFunction(db, who["security.lead"]!, { assessmentId: a.id, functionId: "ID", decision: "accept", comment: "" });
    await expect(
      addEvidence(db, who["assessor"]!, { assessmentId: a.id, subcategoryId: "ID.AM-01", body: "After acceptance", url: "" } as never),
    ).rejects.toThrowError(/in review/);
    reviewFunction(db, who["security.lead"]!, { assessmentId: a.id, functionId: "PR", decision: "return", comment: "Attach the SOP" });
    expect(await addEvidence(db, who["assessor"]!, { assessmentId: a.id, subcategoryId: "PR.PS-02", body: "SOP-114", url: "" } as never)).toBe(1);
    expect(evidence()).toBe(e0 + 1);
  });
});

describe("results and action items", () => {
  test("roll-ups, the gap list led by the largest gap, and an action item from a gap", async () => {
    const { getAssessmentResults, createActionItem } = await import("@/lib/services/assessments/results");
    const a = readyForReview();
    const r = getAssessmentResults(db, who["cio"]!, a.id);
    expect(r.functions.find((f) => f.id === "PR")).toMatchObject({ current: 0.95, target: 3, answered: 22 });
    expect(r.gaps[0]).toMatchObject({ subcategoryId: "PR.PS-02", gap: 3, deviceAnchored: true });
    // Issue 10, item 11: each gap and category names itself and links to where it is answered.
    expect(r.gaps[0]).toMatchObject({ categoryName: "Platform Security", href: expect.stringMatching(/^\/assessments\/\d+\/PR#h-PR\.PS-02$/) });
    expect(r.categories.find((c) => c.id === "GV.OC")).toMatchObject({
      name: "Organizational Context",
      href: expect.stringMatching(/^\/assessments\/\d+\/GV$/),
    });
    expect(r.gaps).toHaveLength(106);
    const ce = db.get<{ id: number }>(sql`select id from parties where name = 'Clinical Engineering'`)!.id;
    expect(() =>
      createActionItem(db, who["assessor"]!, {
        assessmentId: a.id,
        subcategoryId: "PR.PS-02",
        title: "x",
        ownerPartyId: ce,
        ownerUserId: null,
        dueDate: "2027-01-01",
      }),
    ).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    createActionItem(db, who["ce.lead"]!, {
      assessmentId: a.id,
      subcategoryId: "PR.PS-02",
      title: "Patch process",
      ownerPartyId: ce,
      ownerUserId: who["assessor"]!.id,
      dueDate: "2027-01-01",
    });
    expect(getAssessmentResults(db, who["auditor"]!, a.id).actionItems.map((i) => [i.title, i.partyName, i.userName, i.status])).toEqual([
      ["Patch process", "Clinical Engineering", "Jordan Lee", "open"],
    ]);
  });
});
