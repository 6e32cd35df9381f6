import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { advisories, advisoryDeviceMatches, advisoryProducts, deviceModels, devices, signatures, supportDecisions, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { loadActor } from "@/lib/services/auth/load-actor";
import { approveSupportDecision } from "@/lib/services/support-decisions/approve-support-decision";
import { createSupportDecision } from "@/lib/services/support-decisions/create-support-decision";
import { listSupportDecisions } from "@/lib/services/support-decisions/list-support-decisions";
import { demoDb, makeUser } from "../test-db";

/** Issue #13 item 6 on the demo: one signed mitigate decision, one approved replacement overdue for review. */
const PW = "lakeside-demo-2026";
const now = clock.now();
const today = clock.today();
const inDays = (n: number) => new Date(clock.ms() + n * 86_400_000).toISOString().slice(0, 10);
let db: Db;
let who: Record<string, Actor>;
const n = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const snapshot = () => Object.fromEntries(["support_decisions", "signatures", "audit_log"].map((t) => [t, n(t)]));
const model = (name: string) => db.select().from(deviceModels).where(eq(deviceModels.name, name)).get()!;
const deviceOf = (modelName: string) =>
  db
    .select()
    .from(devices)
    .where(eq(devices.modelId, model(modelName).id))
    .orderBy(devices.id)
    .get()!;

/** The matcher's work is another slice: an affected match row is inserted as it would write it. */
function affect(deviceId: number) {
  const a = db.select().from(advisories).get()!;
  const p = db.select().from(advisoryProducts).where(eq(advisoryProducts.advisoryId, a.id)).get()!;
  const d = db.select().from(devices).where(eq(devices.id, deviceId)).get()!;
  db.insert(advisoryDeviceMatches)
    .values({ advisoryId: a.id, productId: p.id, deviceId, modelId: d.modelId, confidence: "version", reason: "test", matchedAt: now.toISOString() })
    .run();
}

beforeEach(async () => {
  db = (await demoDb(now)).db;
  who = {};
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

describe("replace or mitigate", () => {
  test("the demo: a signed mitigate decision and an approved replacement overdue for review, status from the signature", () => {
    const v = listSupportDecisions(db, who["auditor"]!, today);
    expect(v.decisions.map((d) => [d.model, d.kind, d.status])).toEqual([
      ["Clinical Information Center (CIC)", "replace", "review_overdue"],
      ["Alaris 8000 PC Unit", "mitigate", "approved"],
    ]);
    expect(v.decisions[1]!.controls).toEqual(["monitoring", "network_segmentation", "remote_access_disabled"]);
    expect(v.overdue.map((d) => d.model)).toEqual(["Clinical Information Center (CIC)"]);
    expect(() =>
      db
        .update(supportDecisions)
        .set({ reviewOn: inDays(400) })
        .run(),
    ).toThrow(/append-only/);
  });

  test("unsupported devices with an open advisory and no decision are listed; a decision (per model, or per site) covers them", () => {
    const ct = deviceOf("Brilliance 64");
    const alaris = deviceOf("Alaris 8000 PC Unit");
    const supported = deviceOf("Alaris 8015 PC Unit");
    for (const d of [ct, alaris, supported]) affect(d.id);
    // The demo's own matches list other unsupported devices too; these three are the test's.
    const listed = listSupportDecisions(db, who["auditor"]!, today).withoutDecision.map((d) => d.assetTag);
    expect(listed).toContain(ct.assetTag);
    expect(listed).not.toContain(alaris.assetTag); // the demo's signed mitigation covers it
    expect(listed).not.toContain(supported.assetTag); // still receives security patches
    createSupportDecision(
      db,
      who["ce.lead"]!,
      {
        modelId: ct.modelId!,
        siteId: ct.siteId,
        kind: "mitigate",
        replaceBy: null,
        capitalRequestRef: "",
        controls: ["physical_control"],
        details: "",
        reviewOn: inDays(90),
      },
      now,
    );
    const v = listSupportDecisions(db, who["auditor"]!, today);
    expect(v.withoutDecision.map((d) => d.assetTag)).not.toContain(ct.assetTag);
    expect(v.decisions.find((d) => d.model === "Brilliance 64" && d.siteId === ct.siteId)).toMatchObject({ status: "awaiting_approval" });
  });

  test("refusals change nothing: a model that is still supported, a contributor", async () => {
    const before = snapshot();
    const input = {
      modelId: model("Alaris 8015 PC Unit").id,
      siteId: null,
      kind: "replace" as const,
      replaceBy: inDays(100),
      capitalRequestRef: "CR-1",
      controls: [],
      details: "",
      reviewOn: inDays(90),
    };
    expect(() => createSupportDecision(db, who["ce.lead"]!, input, now)).toThrow(/still receives security patches/);
    expect(() => createSupportDecision(db, who["assessor"]!, { ...input, modelId: model("Brilliance 64").id }, now)).toThrow(
      "You don't have permission to do this.",
    );
    expect(snapshot()).toEqual(before);
  });

  test("leadership approves with the password; a wrong password, a lead, the author and a second approval are refused", async () => {
    const d = createSupportDecision(
      db,
      who["ce.lead"]!,
      {
        modelId: model("Brilliance 64").id,
        siteId: null,
        kind: "replace",
        replaceBy: inDays(200),
        capitalRequestRef: "CR-2026-0100",
        controls: [],
        details: "",
        reviewOn: inDays(90),
      },
      now,
    );
    const sigs = () => db.select().from(signatures).where(eq(signatures.entityType, "support_decision")).all().length;
    const before = sigs();
    await expect(approveSupportDecision(db, who["cio"]!, { decisionId: d.id, password: "wrong" }, now)).rejects.toThrow(
      "The password is incorrect. Nothing was signed.",
    );
    await expect(approveSupportDecision(db, who["ce.lead"]!, { decisionId: d.id, password: PW }, now)).rejects.toThrow("You don't have permission to do this.");
    expect(sigs()).toBe(before);
    const self = await makeUser(db, { roles: ["leadership", "lead"] });
    const own = createSupportDecision(
      db,
      self,
      {
        modelId: model("Brilliance 64").id,
        siteId: null,
        kind: "mitigate",
        replaceBy: null,
        capitalRequestRef: "",
        controls: ["monitoring"],
        details: "",
        reviewOn: inDays(30),
      },
      now,
    );
    await expect(approveSupportDecision(db, self, { decisionId: own.id, password: "correct horse staple battery" }, now)).rejects.toThrow(
      /another leadership user approves it/,
    );
    await approveSupportDecision(db, who["cio"]!, { decisionId: d.id, password: PW }, now);
    expect(listSupportDecisions(db, who["auditor"]!, today).decisions.find((x) => x.id === d.id)!.status).toBe("approved");
    await expect(approveSupportDecision(db, who["cio"]!, { decisionId: d.id, password: PW }, now)).rejects.toThrow("This decision is already approved.");
    expect(sigs()).toBe(before + 1);
  });
});
