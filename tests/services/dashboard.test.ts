import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { assessmentFunctionReviews, assessments, deviceClasses, raciVersions, sites, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { createUser } from "@/lib/services/admin/create-user";
import { updateUser } from "@/lib/services/admin/update-user";
import { approveAssessment } from "@/lib/services/assessments/approve-assessment";
import { loadActor } from "@/lib/services/auth/load-actor";
import { dashboardCacheStats, dashboardSites, getDashboard, getMyDashboardItems } from "@/lib/services/dashboard/get-dashboard";
import { conductDrill } from "@/lib/services/drills/conduct-drill";
import { scheduleDrill } from "@/lib/services/drills/schedule-drill";
import { signRaci } from "@/lib/services/raci/sign-raci";
import { demoDb } from "../test-db";
import { clock } from "@/lib/clock";

const PW = "lakeside-demo-2026";
let db: Db;
const who: Record<string, Actor> = {};
const now = clock.now();
const today = now.toISOString().slice(0, 10);

function loadWho() {
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
}

beforeEach(async () => {
  db = (await demoDb(now)).db;
  loadWho();
});

const siteId = (name: string) => db.select().from(sites).where(eq(sites.name, name)).get()!.id;
const northshore = (d: ReturnType<typeof getDashboard>) => d.drills.sites.find((s) => s.siteName === "Northshore Community Hospital")!;

describe("dashboard figures come from the data and are cached until a write changes them", () => {
  test("a second view with no write in between is served from the cache, the same figures", () => {
    const first = getDashboard(db, who["cio"]!, {}, now);
    const before = dashboardCacheStats();
    const second = getDashboard(db, who["cio"]!, {}, now);
    const after = dashboardCacheStats();
    expect(after.hits - before.hits).toBe(4);
    expect(after.misses).toBe(before.misses);
    expect(second.responsibilities).toBe(first.responsibilities);
    expect(second.drills).toBe(first.drills);
  });

  test("signing a RACI version shows on the dashboard at once", async () => {
    const before = getDashboard(db, who["cio"]!, {}, now).responsibilities;
    const pca = db.select().from(deviceClasses).where(eq(deviceClasses.name, "PCA pumps")).get()!;
    const v = db
      .select()
      .from(raciVersions)
      .where(and(eq(raciVersions.deviceClassId, pca.id), eq(raciVersions.status, "in_review")))
      .get()!;
    await signRaci(db, who["it.lead"]!, { versionId: v.id, password: PW }, now);
    const mid = getDashboard(db, who["cio"]!, {}, now).responsibilities;
    expect(mid).toEqual(before); // one signature of three: still in review
    await signRaci(db, who["cio"]!, { versionId: v.id, password: PW }, now);
    const after = getDashboard(db, who["cio"]!, {}, now).responsibilities;
    expect(after.inReview).toBe(before.inReview - 1);
    expect(after.signed).toBe(before.signed + 1);
    expect(after.signedPct).toBe(Math.round(((before.signed + 1) / before.total) * 100));
  });

  test("approving an assessment replaces the latest approved scores at once", async () => {
    const before = getDashboard(db, who["cio"]!, {}, now).assessments;
    expect(before.latest?.name).toBe("FY2026 medical device CSF assessment");
    const fy27 = db.select().from(assessments).where(eq(assessments.name, "FY2027 medical device CSF assessment")).get()!;
    // Bring it to review with every function accepted (the workflow itself is tested elsewhere).
    db.update(assessments).set({ status: "in_review", submittedAt: now.toISOString() }).where(eq(assessments.id, fy27.id)).run();
    db.update(assessmentFunctionReviews)
      .set({ status: "accepted", reviewerId: who["ce.lead"]!.id, reviewedAt: now.toISOString() })
      .where(eq(assessmentFunctionReviews.assessmentId, fy27.id))
      .run();
    expect(getDashboard(db, who["cio"]!, {}, now).assessments.inProgress.map((a) => a.name)).toContain("FY2027 medical device CSF assessment");
    await approveAssessment(db, who["cio"]!, { assessmentId: fy27.id, password: PW }, now);
    const after = getDashboard(db, who["cio"]!, {}, now).assessments;
    expect(after.latest?.name).toBe("FY2027 medical device CSF assessment");
    expect(after.latest?.signature?.name).toBe("Dana Whitfield");
    expect(after.previous?.name).toBe("FY2026 medical device CSF assessment");
    expect(after.inProgress.map((a) => a.name)).not.toContain("FY2027 medical device CSF assessment");
    expect(after.functions.some((f) => f.change != null)).toBe(true);
  });

  test("conducting a drill changes the site's cadence at once", () => {
    expect(northshore(getDashboard(db, who["cio"]!, {}, now)).cms).toBe("overdue");
    const d = scheduleDrill(
      db,
      who["security.lead"]!,
      {
        title: "Tabletop",
        type: "tabletop",
        siteId: siteId("Northshore Community Hospital"),
        plannedDate: today,
        scenario: "",
        planIds: [],
        deviceClassIds: [],
        objectives: ["Isolate"],
        facilitatorUserId: null,
        participantUserIds: [],
        participantPartyIds: [],
      },
      now,
    );
    expect(northshore(getDashboard(db, who["cio"]!, {}, now)).cms).toBe("overdue"); // planned does not count
    conductDrill(
      db,
      who["security.lead"]!,
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
    const after = getDashboard(db, who["cio"]!, {}, now);
    expect(northshore(after).cms).toBe("met");
    expect(northshore(after).overdueRules).toBe(0);
  });

  test("a write to an unrelated domain keeps the other sections cached", () => {
    getDashboard(db, who["cio"]!, {}, now);
    const s0 = dashboardCacheStats();
    scheduleDrill(
      db,
      who["security.lead"]!,
      {
        title: "Later",
        type: "workshop",
        siteId: siteId("Lakeside Main Hospital"),
        plannedDate: "2099-01-01",
        scenario: "",
        planIds: [],
        deviceClassIds: [],
        objectives: [],
        facilitatorUserId: null,
        participantUserIds: [],
        participantPartyIds: [],
      },
      now,
    );
    getDashboard(db, who["cio"]!, {}, now);
    const s1 = dashboardCacheStats();
    // Responsibilities and assessments hit; drills and plan signatures (the drills domain) are recomputed.
    expect(s1.hits - s0.hits).toBe(2);
    expect(s1.misses - s0.misses).toBe(2);
  });
});

describe("site scope", () => {
  test("a site-scoped leader sees only their site, cannot ask for another, and is offered only theirs", async () => {
    const u = await createUser(
      db,
      who["admin"]!,
      {
        email: "cno.northshore@lakeside.example",
        name: "Nora Quinn",
        title: "CNO",
        roles: ["leadership"],
        partyId: null,
        password: "a long enough passphrase for nora",
      },
      now,
    );
    updateUser(
      db,
      who["admin"]!,
      { id: u.id, name: "Nora Quinn", title: "CNO", roles: ["leadership"], partyId: null, siteId: siteId("Northshore Community Hospital") },
      now,
    );
    const nora = loadActor(db, u.id)!;
    const d = getDashboard(db, nora, {}, now);
    expect(d.scope).toEqual({ siteId: siteId("Northshore Community Hospital"), siteName: "Northshore Community Hospital", locked: true });
    expect(d.drills.sites.map((s) => s.siteName)).toEqual(["Northshore Community Hospital"]);
    expect(() => getDashboard(db, nora, { siteId: siteId("Lakeside Main Hospital") }, now)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(dashboardSites(db, nora).map((s) => s.name)).toEqual(["Northshore Community Hospital"]);
    // Her plans: Northshore's own and the organization-wide ones, never Lakeside Main's PACS plan.
    const titles = [...d.drills.plans.reviewOverdue, ...d.drills.plans.acknowledgementsMissing].map((p) => p.title);
    expect(titles).not.toContain("PACS outage");
    expect(d.planSignatures.map((p) => p.title)).not.toContain("PACS outage");
    expect(d.planSignatures.map((p) => p.title)).toContain("Bedside monitor network outage");
  });

  test("the whole organization for an unscoped leader; a site filter narrows drills, plans and items", () => {
    const all = getDashboard(db, who["cio"]!, {}, now);
    expect(all.scope.siteName).toBe("Whole organization");
    expect(all.drills.sites).toHaveLength(3);
    const main = getDashboard(db, who["cio"]!, { siteId: siteId("Lakeside Main Hospital") }, now);
    expect(main.drills.sites.map((s) => s.siteName)).toEqual(["Lakeside Main Hospital"]);
    expect(main.drills.items.open).toBeLessThanOrEqual(all.drills.items.open);
    expect(main.assessments.scopeLabel).toBe("This site");
    expect(() => getDashboard(db, who["cio"]!, { siteId: 99999 }, now)).toThrowError(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});

describe("my items", () => {
  test("the CIO must sign PCA pumps and acknowledge the ransomware plan; the IT lead has overdue items", () => {
    const cio = getMyDashboardItems(db, who["cio"]!, now);
    expect(cio.toSign.map((i) => i.className)).toContain("PCA pumps");
    expect(cio.toAcknowledge.map((p) => p.title)).toContain("Ransomware locks infusion-pump servers");
    const it = getMyDashboardItems(db, who["it.lead"]!, now);
    expect(it.items.some((i) => i.overdue && i.ownerParty === "IT Infrastructure")).toBe(true);
    expect(getMyDashboardItems(db, who["auditor"]!, now).toSign).toEqual([]);
  });
});
