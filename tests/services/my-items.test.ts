import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import {
  actionItems,
  assessmentFunctionReviews,
  assessments,
  deviceClasses,
  deviceModels,
  devices,
  drills,
  manufacturers,
  parties,
  planVersions,
  raciVersions,
  recalls,
  responsePlans,
  users,
} from "@/db/schema";
import { recordRecallAction } from "@/lib/services/recalls/record-recall-action";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";
import { MY_ITEM_KINDS, type MyItemKind } from "@/lib/services/dashboard/list-my-items";
import { reviewFunction } from "@/lib/services/assessments/review-function";
import { approveAar } from "@/lib/services/drills/approve-aar";
import { updateItemStatus } from "@/lib/services/action-items/update-item-status";
import { acknowledgePlan } from "@/lib/services/plans/acknowledge-plan";
import { signRaci } from "@/lib/services/raci/sign-raci";
import { reattestRaci } from "@/lib/services/raci/reattest-raci";
import { makeUser, demoDb } from "../test-db";
import { clock } from "@/lib/clock";
import { listAllPatchItems } from "@/lib/services/patches/list-patch-queue";
import { recordPatchApplied } from "@/lib/services/patches/record-patch-applied";

/**
 * Issue 10, item 1: "My items" lists everything a person must sign, approve, review, re-attest, acknowledge,
 * answer or close, for the right people and only them. Every kind of MY_ITEM_KINDS has a scenario below; each
 * asserts the exact set of demo users (plus a second leadership user, "cmo") who see the item, then acts and
 * asserts that it leaves the list.
 */
const PW = "lakeside-demo-2026";
let db: Db;
let who: Record<string, Actor>;
const now = clock.now();

beforeEach(async () => {
  db = (await demoDb(now)).db;
  who = {};
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
  who["cmo"] = await makeUser(db, { email: "cmo@lakeside.example", name: "Chief Medical Officer", roles: ["leadership"] });
});

/** The users (by short name) whose list of `kind` has an entry matching `match`, sorted. */
function whoSees<K extends MyItemKind>(kind: K, match: (item: ReturnType<typeof getMyDashboardItems>[K][number]) => boolean): string[] {
  return Object.entries(who)
    .filter(([, actor]) => (getMyDashboardItems(db, actor, now)[kind] as ReturnType<typeof getMyDashboardItems>[K][number][]).some(match))
    .map(([name]) => name)
    .sort();
}
const classId = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;

const scenarios: Record<MyItemKind, () => Promise<void> | void> = {
  async toSign() {
    const pca = classId("PCA pumps");
    expect(whoSees("toSign", (i) => i.classId === pca)).toEqual(["cio", "cmo", "it.lead"]);
    const v = db
      .select()
      .from(raciVersions)
      .where(and(eq(raciVersions.deviceClassId, pca), eq(raciVersions.status, "in_review")))
      .get()!;
    await signRaci(db, who["it.lead"]!, { versionId: v.id, password: PW }, now);
    expect(whoSees("toSign", (i) => i.classId === pca)).toEqual(["cio", "cmo"]);
  },
  async toReattest() {
    const chem = classId("Chemistry analyzers");
    expect(whoSees("toReattest", (i) => i.classId === chem)).toEqual(["ce.lead", "cio", "cmo", "it.lead"]);
    const v = db
      .select()
      .from(raciVersions)
      .where(and(eq(raciVersions.deviceClassId, chem), eq(raciVersions.status, "effective")))
      .get()!;
    await reattestRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW }, now);
    expect(whoSees("toReattest", (i) => i.classId === chem)).toEqual(["cio", "cmo", "it.lead"]);
  },
  async aarsToApprove() {
    // The demo's AAR in review, and one the security lead has just submitted.
    const vendor = db.select().from(drills).where(eq(drills.title, "Vendor remote-access cut-off drill")).get()!;
    expect(vendor.status).toBe("aar_review");
    expect(whoSees("aarsToApprove", (d) => d.drillId === vendor.id)).toEqual(["cio", "cmo"]);
    // The facilitator may not approve (separation of duties), so it is not their item.
    db.update(drills).set({ facilitatorUserId: who["cmo"]!.id }).where(eq(drills.id, vendor.id)).run();
    expect(whoSees("aarsToApprove", (d) => d.drillId === vendor.id)).toEqual(["cio"]);
    const conducted = db.select().from(drills).where(eq(drills.status, "conducted")).get()!;
    db.update(drills)
      .set({ status: "aar_review", aarSubmittedBy: who["security.lead"]!.id, aarSubmittedAt: now.toISOString() })
      .where(eq(drills.id, conducted.id))
      .run();
    expect(whoSees("aarsToApprove", (d) => d.drillId === conducted.id)).toEqual(["cio", "cmo"]);
    await approveAar(db, who["cio"]!, { drillId: vendor.id, password: PW }, now);
    expect(whoSees("aarsToApprove", (d) => d.drillId === vendor.id)).toEqual([]);
  },
  plansToApprove() {
    const plan = db.select().from(responsePlans).where(eq(responsePlans.title, "Ransomware locks infusion-pump servers")).get()!;
    const approved = db
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, plan.id), eq(planVersions.status, "approved")))
      .get()!;
    const { id: _id, status: _s, approvedAt: _a, approvedBy: _b, supersededAt: _c, ...content } = approved;
    const draft = db
      .insert(planVersions)
      .values({ ...content, versionNo: approved.versionNo + 1, status: "draft", createdBy: who["ce.lead"]!.id, updatedBy: who["ce.lead"]!.id })
      .returning()
      .get();
    expect(whoSees("plansToApprove", (p) => p.planId === plan.id)).toEqual(["cio", "cmo"]);
    // Whoever last edited the version must leave approval to someone else.
    db.update(planVersions).set({ updatedBy: who["cio"]!.id }).where(eq(planVersions.id, draft.id)).run();
    expect(whoSees("plansToApprove", (p) => p.planId === plan.id)).toEqual(["cmo"]);
    // A draft without steps is not ready for anyone's approval.
    db.update(planVersions).set({ steps: "[]" }).where(eq(planVersions.id, draft.id)).run();
    expect(whoSees("plansToApprove", (p) => p.planId === plan.id)).toEqual([]);
  },
  toAcknowledge() {
    const plan = db.select().from(responsePlans).where(eq(responsePlans.title, "Ransomware locks infusion-pump servers")).get()!;
    const v = db
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, plan.id), eq(planVersions.status, "approved")))
      .get()!;
    expect(whoSees("toAcknowledge", (p) => p.planVersionId === v.id)).toEqual(["cio", "it.lead", "security.lead"]);
    acknowledgePlan(db, who["it.lead"]!, { planVersionId: v.id }, now);
    expect(whoSees("toAcknowledge", (p) => p.planVersionId === v.id)).toEqual(["cio", "security.lead"]);
  },
  functionsToReview() {
    const pumps = db.select().from(assessments).where(eq(assessments.name, "Infusion pumps CSF assessment")).get()!;
    // Leadership and leads who did not start or edit it; ce.lead started it; contributors, admins and auditors never review.
    expect(whoSees("functionsToReview", (f) => f.assessmentId === pumps.id && f.functionId === "PR")).toEqual(["cio", "cmo", "it.lead", "security.lead"]);
    expect(whoSees("functionsToReview", (f) => f.assessmentId === pumps.id && f.functionId === "GV")).toEqual([]); // already accepted
    reviewFunction(db, who["security.lead"]!, { assessmentId: pumps.id, functionId: "PR", decision: "accept", comment: "" }, now);
    expect(whoSees("functionsToReview", (f) => f.assessmentId === pumps.id && f.functionId === "PR")).toEqual([]);
  },
  assessmentsToApprove() {
    const pumps = db.select().from(assessments).where(eq(assessments.name, "Infusion pumps CSF assessment")).get()!;
    expect(whoSees("assessmentsToApprove", (a) => a.assessmentId === pumps.id)).toEqual([]); // four functions not yet accepted
    for (const f of ["PR", "DE", "RS", "RC"] as const)
      reviewFunction(db, who["security.lead"]!, { assessmentId: pumps.id, functionId: f, decision: "accept", comment: "" }, now);
    expect(whoSees("assessmentsToApprove", (a) => a.assessmentId === pumps.id)).toEqual(["cio", "cmo"]);
    db.update(assessments).set({ createdBy: who["cmo"]!.id }).where(eq(assessments.id, pumps.id)).run();
    expect(whoSees("assessmentsToApprove", (a) => a.assessmentId === pumps.id)).toEqual(["cio"]);
  },
  functionsToAnswer() {
    // Item 8: only assignees of an open function, never the auditor, the CIO or the admin (nor the author, who may but is not asked to).
    const fy27 = db.select().from(assessments).where(eq(assessments.name, "FY2027 medical device CSF assessment")).get()!;
    expect(whoSees("functionsToAnswer", (f) => f.assessmentId === fy27.id)).toEqual(["assessor", "ce.lead", "it.lead"]);
    expect(whoSees("functionsToAnswer", (f) => f.assessmentId === fy27.id && f.functionId === "PR")).toEqual(["it.lead"]);
    // A function returned by a reviewer goes back to its assignees (Clinical Engineering for the pumps assessment).
    const pumps = db.select().from(assessments).where(eq(assessments.name, "Infusion pumps CSF assessment")).get()!;
    expect(whoSees("functionsToAnswer", (f) => f.assessmentId === pumps.id)).toEqual([]);
    reviewFunction(db, who["security.lead"]!, { assessmentId: pumps.id, functionId: "RS", decision: "return", comment: "Name the OEM contact." }, now);
    expect(whoSees("functionsToAnswer", (f) => f.assessmentId === pumps.id && f.returned)).toEqual(["assessor", "ce.lead"]);
    const review = db
      .select()
      .from(assessmentFunctionReviews)
      .where(and(eq(assessmentFunctionReviews.assessmentId, pumps.id), eq(assessmentFunctionReviews.functionId, "RS")))
      .get()!;
    expect(review.status).toBe("returned");
  },
  patches() {
    // Issue #13 item 4: the lead of each party the signed RACI names Responsible for patching sees its open items
    // (Clinical Engineering for pumps and ventilators, IT Infrastructure for bedside monitors); nobody else does.
    expect(whoSees("patches", (p) => p.letter === "R" && p.open > 0)).toEqual(["ce.lead", "it.lead"]);
    const it = who["it.lead"]!;
    const mine = () => getMyDashboardItems(db, it, now).patches.find((p) => p.letter === "R")!;
    const before = mine().open;
    const item = listAllPatchItems(db, it, { party: it.leadOfPartyIds[0]!, status: "open" }).find((i) =>
      i.responsible?.some((h) => h.party === "IT Infrastructure"),
    )!;
    recordPatchApplied(db, it, { advisoryId: item.advisoryId, deviceId: item.deviceId, appliedOn: clock.today(), workOrder: "WO-MINE-1", notes: "" });
    expect(mine().open).toBe(before - 1);
  },
  items() {
    const item = db
      .select()
      .from(actionItems)
      .where(eq(actionItems.title, "Replace standing vendor VPN accounts with on-demand access approved per session"))
      .get();
    const target = item ?? db.select().from(actionItems).where(eq(actionItems.status, "open")).get()!;
    const seen = whoSees("items", (i) => i.id === target.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain("auditor");
    expect(seen).not.toContain("cio");
    const closer = who[seen[0]!]!;
    updateItemStatus(db, closer, { itemId: target.id, status: "closed", closureEvidence: "Done and verified." }, now);
    expect(whoSees("items", (i) => i.id === target.id)).toEqual([]);
  },
  async recalls() {
    // The demo's Arrow kits are unclassified ("no signed owner"): nobody is asked. Classified as large-volume pumps,
    // whose signed RACI makes Supply Chain Responsible for recalls, they reach Supply Chain's lead and only them.
    const recall = db.select().from(recalls).where(eq(recalls.recallNumber, "Z-0053-2020")).get()!;
    expect(whoSees("recalls", (i) => i.recallId === recall.id)).toEqual([]);
    const supply = db.select().from(parties).where(eq(parties.name, "Supply Chain / Contracts")).get()!;
    who["supply.lead"] = await makeUser(db, { email: "supply.lead@lakeside.example", roles: ["lead"], partyId: supply.id, leads: supply.id });
    const arrow = db.select().from(manufacturers).where(eq(manufacturers.name, "Arrow International")).get()!;
    db.update(deviceModels)
      .set({ deviceClassId: classId("Large-volume infusion pumps") })
      .where(eq(deviceModels.manufacturerId, arrow.id))
      .run();
    expect(whoSees("recalls", (i) => i.recallId === recall.id && i.devices === 2 && i.party === "Supply Chain / Contracts")).toEqual(["supply.lead"]);
    for (const tag of ["LMH-ARW-001", "NCH-ARW-001"]) {
      const device = db.select().from(devices).where(eq(devices.assetTag, tag)).get()!;
      recordRecallAction(
        db,
        who["supply.lead"]!,
        { recallId: recall.id, deviceId: device.id, state: "done", workOrder: `WO-${tag}`, actionOn: now.toISOString().slice(0, 10), notes: "" },
        now,
      );
    }
    expect(whoSees("recalls", (i) => i.recallId === recall.id)).toEqual([]);
  },
};

describe("My items: every signature-requiring state, for the right people and only them", () => {
  test("every kind of item has a scenario (a new kind without one fails here)", () => {
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(MY_ITEM_KINDS).sort());
    expect(Object.keys(getMyDashboardItems(db, who["cio"]!, now)).sort()).toEqual(Object.keys(MY_ITEM_KINDS).sort());
  });
  test.each(Object.keys(MY_ITEM_KINDS) as MyItemKind[])("%s", async (kind) => {
    await scenarios[kind]();
  });
  test("the auditor and the admin have nothing to sign, approve, review or answer in the demo", () => {
    for (const name of ["auditor", "admin"]) {
      const m = getMyDashboardItems(db, who[name]!, now);
      expect(Object.values(m).every((list) => list.length === 0)).toBe(true);
    }
  });
});
