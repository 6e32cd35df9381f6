import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { actionItems, deviceClasses, drillClasses, drills, planAcknowledgements, planVersions, responsePlans, sites, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { isOverdue } from "@/lib/rules/drills";
import { planReviewStatus } from "@/lib/rules/plans";
import { linkedFacts } from "@/lib/services/assessments/linked-facts";
import { loadActor } from "@/lib/services/auth/load-actor";
import { loadSiteCompliance } from "@/lib/services/drills/compliance";
import { aarSignedContent, DRILL_ENTITY } from "@/lib/services/drills/drill-records";
import { conductDrill } from "@/lib/services/drills/conduct-drill";
import { scheduleDrill } from "@/lib/services/drills/schedule-drill";
import { listMyPendingAcknowledgements } from "@/lib/services/plans/get-plans";
import { acknowledgersOf, loadPeople, PLAN_ENTITY, planSignedContent } from "@/lib/services/plans/plan-records";
import { verifyRecordSignatures } from "@/lib/services/signatures/sign-record";
import { demoDb } from "../test-db";
import { clock } from "@/lib/clock";

let db: Db;
const who: Record<string, Actor> = {};
const now = clock.now();
const today = now.toISOString().slice(0, 10);

beforeEach(async () => {
  db = (await demoDb(now)).db;
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

const siteId = (name: string) => db.select().from(sites).where(eq(sites.name, name)).get()!.id;
const cms = (name: string) =>
  loadSiteCompliance(db, today)
    .find((s) => s.siteName === name)!
    .results.find((r) => r.ruleId === "cms");
const tjc = (name: string) =>
  loadSiteCompliance(db, today)
    .find((s) => s.siteName === name)!
    .results.find((r) => r.ruleId === "tjc");

describe("demo response plans", () => {
  test("four plans, each approved by the CIO and written by someone else; exactly one is overdue for review", () => {
    const plans = db.select().from(responsePlans).all();
    expect(plans.map((p) => p.title).sort()).toEqual([
      "Bedside monitor network outage",
      "PACS outage",
      "Ransomware locks infusion-pump servers",
      "Vendor remote-access compromise",
    ]);
    const versions = db.select().from(planVersions).all();
    const approved = versions.filter((v) => v.status === "approved");
    expect(approved).toHaveLength(4);
    for (const v of versions) {
      expect(v.approvedBy).toBe(who["cio"]!.id);
      expect([v.createdBy, v.updatedBy]).not.toContain(who["cio"]!.id);
    }
    const overdue = approved.filter((v) => planReviewStatus(v.approvedAt, v.reviewIntervalMonths, today).state === "overdue");
    expect(overdue.map((v) => plans.find((p) => p.id === v.planId)!.title)).toEqual(["Bedside monitor network outage"]);
  });

  test("the ransomware plan's version 2 replaced version 1 and restarted acknowledgements", () => {
    const plan = db.select().from(responsePlans).where(eq(responsePlans.title, "Ransomware locks infusion-pump servers")).get()!;
    const [v1, v2] = db
      .select()
      .from(planVersions)
      .where(eq(planVersions.planId, plan.id))
      .all()
      .sort((a, b) => a.versionNo - b.versionNo);
    expect([v1!.status, v2!.status]).toEqual(["superseded", "approved"]);
    const people = loadPeople(db);
    const acked = (id: number) =>
      db
        .select()
        .from(planAcknowledgements)
        .where(eq(planAcknowledgements.planVersionId, id))
        .all()
        .map((a) => a.userId)
        .sort();
    expect(acked(v1!.id)).toEqual(acknowledgersOf(v1!, people));
    expect(acked(v2!.id).length).toBeGreaterThan(0);
    expect(acked(v2!.id).length).toBeLessThan(acknowledgersOf(v2!, people).length);
  });

  test("every acknowledgement is by someone the version asks; the IT and security leads each have one pending", () => {
    const people = loadPeople(db);
    const versions = db.select().from(planVersions).all();
    for (const a of db.select().from(planAcknowledgements).all())
      expect(
        acknowledgersOf(
          versions.find((v) => v.id === a.planVersionId)!,
          people,
        ),
      ).toContain(a.userId);
    expect(listMyPendingAcknowledgements(db, who["it.lead"]!).length).toBeGreaterThan(0);
    expect(listMyPendingAcknowledgements(db, who["security.lead"]!).length).toBeGreaterThan(0);
  });

  test("every plan signature verifies against the version's content", () => {
    for (const v of db.select().from(planVersions).all()) {
      const plan = db.select().from(responsePlans).where(eq(responsePlans.id, v.planId)).get()!;
      const sigs = verifyRecordSignatures(db, { entityType: PLAN_ENTITY, entityId: String(v.id) }, planSignedContent(plan, v));
      expect(sigs.map((s) => [s.signerId, s.meaning, s.verdict.valid])).toEqual([[who["cio"]!.id, "Approved", true]]);
    }
  });
});

describe("demo drills", () => {
  test("Lakeside Main meets CMS and the Joint Commission", () => {
    expect(cms("Lakeside Main Hospital")).toMatchObject({ state: "met", exempt: false });
    expect(tjc("Lakeside Main Hospital")).toMatchObject({ state: "met" });
  });

  test("Eastgate follows CMS (not the Joint Commission) and meets it, exempt after a real event", () => {
    const eastgate = loadSiteCompliance(db, today).find((s) => s.siteName === "Eastgate Outpatient Clinic")!;
    expect(eastgate.settings).toEqual({ cms: true, jointCommission: false, perPlan: true });
    expect(eastgate.customized).toBe(true);
    expect(cms("Eastgate Outpatient Clinic")).toMatchObject({ state: "met", exempt: true });
  });

  test("Northshore is overdue for CMS; a tabletop scheduled and conducted today by the security lead makes it met", () => {
    const northshore = siteId("Northshore Community Hospital");
    expect(cms("Northshore Community Hospital")).toMatchObject({ state: "overdue" });
    expect(
      db
        .select()
        .from(drills)
        .where(eq(drills.siteId, northshore))
        .all()
        .filter((d) => d.status === "planned"),
    ).toEqual([]);
    const sec = who["security.lead"]!;
    const d = scheduleDrill(
      db,
      sec,
      {
        title: "Northshore ransomware tabletop",
        type: "tabletop",
        siteId: northshore,
        plannedDate: today,
        scenario: "",
        planIds: [],
        deviceClassIds: [],
        objectives: ["Walk through the ransomware plan"],
        facilitatorUserId: null,
        participantUserIds: [],
        participantPartyIds: [],
      },
      now,
    );
    conductDrill(
      db,
      sec,
      {
        drillId: d.id,
        actualStart: today,
        actualEnd: null,
        attendedParticipantIds: [],
        minutesToDetect: null,
        minutesToIsolate: null,
        minutesToNotifyOem: null,
        minutesToRestore: null,
      },
      now,
    );
    expect(cms("Northshore Community Hospital")).toMatchObject({ state: "met", exempt: false });
  });

  test("statuses: planned, closed, one AAR awaiting approval and an approved AAR with open items", () => {
    const all = db.select().from(drills).all();
    const by = (s: string) => all.filter((d) => d.status === s);
    expect(by("planned").length).toBeGreaterThanOrEqual(1);
    expect(by("planned").every((d) => d.plannedDate > today)).toBe(true);
    expect(by("closed").length).toBeGreaterThanOrEqual(3);
    expect(by("aar_review")).toHaveLength(1);
    const review = by("aar_review")[0]!;
    expect(review.aarSubmittedBy).toBe(who["security.lead"]!.id);
    expect(review.facilitatorUserId).not.toBe(who["cio"]!.id);
    const items = db.select().from(actionItems).all();
    expect(by("aar_approved").some((d) => items.some((i) => i.drillId === d.id && i.status !== "closed"))).toBe(true);
    for (const d of by("closed")) expect(items.filter((i) => i.drillId === d.id).every((i) => i.status === "closed")).toBe(true);
    expect(all.some((d) => d.kind === "real_event")).toBe(true);
  });

  test("improvement items: open and overdue for IT Infrastructure, open not yet due, closed with evidence", () => {
    const items = db
      .select()
      .from(actionItems)
      .all()
      .filter((i) => i.sourceType === "drill");
    const it = who["it.lead"]!;
    expect(items.filter((i) => isOverdue({ status: i.status, dueDate: i.dueDate }, today) && i.ownerPartyId === it.partyId).length).toBeGreaterThanOrEqual(1);
    expect(items.some((i) => i.status !== "closed" && i.dueDate >= today)).toBe(true);
    const closed = items.filter((i) => i.status === "closed");
    expect(closed.length).toBeGreaterThan(0);
    for (const i of closed) expect([i.closureEvidence.length > 0, Boolean(i.closedAt)]).toEqual([true, true]);
    for (const i of items) expect([i.drillId, i.findingId, i.capabilityElement].every((x) => x != null)).toBe(true);
  });

  test("every AAR signature verifies; approved AARs are signed by the CIO", () => {
    const signed = db
      .select()
      .from(drills)
      .all()
      .filter((d) => d.status === "aar_approved" || d.status === "closed");
    expect(signed.length).toBeGreaterThanOrEqual(4);
    for (const d of signed) {
      const sigs = verifyRecordSignatures(db, { entityType: DRILL_ENTITY, entityId: String(d.id) }, aarSignedContent(db, d.id));
      expect(sigs.map((s) => [s.signerId, s.meaning, s.verdict.valid])).toEqual([[who["cio"]!.id, "Approved", true]]);
      expect(d.aarApprovedBy).toBe(who["cio"]!.id);
    }
  });
});

describe("drills as suggested evidence in assessments", () => {
  test("ID.IM-02, ID.IM-04 and every RS/RC subcategory list the scope's drills of the last 12 months and their closed items; other subcategories do not", () => {
    const org = linkedFacts(db, who["cio"]!, { scopeType: "organization", siteId: null, deviceClassId: null }, now);
    for (const id of ["ID.IM-02", "ID.IM-04", "RS.MA-01", "RC.RP-01"])
      expect(org[id]?.text).toMatch(/drills? .*across the organization in the last 12 months; \d+ of \d+ improvement items? closed with evidence/);
    expect(org["PR.AA-01"]).toBeUndefined();
    expect(org["ID.IM-01"]).toBeUndefined();
    const labels = org["ID.IM-02"]!.links!.map((l) => l.label).join("\n");
    expect(labels).toContain("Closed improvement item:");
    // The cancelled and the planned drills are not evidence; the seminar more than a year old is not either.
    expect(labels).not.toContain("Cancelled");
    const planned = db.select().from(drills).where(eq(drills.status, "planned")).all();
    expect(planned.length).toBeGreaterThan(0);
    for (const d of planned) expect(org["ID.IM-02"]!.links!.map((l) => l.href)).not.toContain(`/drills/${d.id}`);

    // A site's assessment sees only that site's drills.
    const eastgate = linkedFacts(db, who["cio"]!, { scopeType: "site", siteId: siteId("Eastgate Outpatient Clinic"), deviceClassId: null }, now)["RS.MA-01"]!;
    expect(eastgate.text).toMatch(/^2 drills \(including 1 real event\) at this site/);
    expect(eastgate.links!.every((l) => !l.label.includes("Lakeside Main Hospital") && !l.label.includes("Northshore"))).toBe(true);
  });

  test("a device-class assessment covers the class and its subclasses: RACI coverage and drills that tested a child class", () => {
    const cls = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;
    const pumps = { scopeType: "device_class" as const, siteId: null, deviceClassId: cls("Infusion pumps") };
    const children = db.select().from(deviceClasses).where(eq(deviceClasses.parentId, pumps.deviceClassId)).all();
    expect(children.map((c) => c.name).sort()).toEqual(["Large-volume infusion pumps", "PCA pumps", "Syringe pumps"]);
    const facts = linkedFacts(db, who["cio"]!, pumps, now);
    // Infusion pumps and its three children: four classes, of which Large-volume infusion pumps is signed in the demo.
    expect(facts["GV.RR-02"]!.text).toMatch(/^RACI coverage of this scope: \d+ of 4 device classes have an effective signed matrix/);
    expect(facts["ID.AM-01"]!.text).toMatch(/ of 4 device classes /);
    // A drill that tested only a child class counts for the parent's assessment.
    const recent = new Date(now.getTime() - 300 * 86_400_000).toISOString().slice(0, 10);
    const drill = db
      .select()
      .from(drills)
      .all()
      .find(
        (d) =>
          d.status !== "planned" &&
          d.status !== "cancelled" &&
          d.actualStart != null &&
          d.actualStart >= recent &&
          d.actualStart <= now.toISOString().slice(0, 10),
      )!;
    db.delete(drillClasses).where(eq(drillClasses.drillId, drill.id)).run();
    db.insert(drillClasses)
      .values({ drillId: drill.id, deviceClassId: cls("Syringe pumps") })
      .run();
    const withChild = linkedFacts(db, who["cio"]!, pumps, now)["RS.MA-01"]!;
    expect(withChild.text).toMatch(/that tested this device class or one below it/);
    expect(withChild.links!.map((l) => l.href)).toContain(`/drills/${drill.id}`);
  });
});
