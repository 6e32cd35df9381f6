import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { parties, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { deactivationImpact } from "@/lib/services/admin/deactivation-impact";
import { listParties } from "@/lib/services/admin/list-org";
import { setUserActive } from "@/lib/services/admin/set-user-active";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { listRaciCoverage } from "@/lib/services/raci/list-coverage";
import { demoDb } from "../test-db";
import { clock } from "@/lib/clock";

/** Issue 10, item 3: deactivating a party lead says what it blocks, asks to confirm, and the gap shows everywhere. */
let db: Db;
const who: Record<string, Actor> = {};
const now = clock.now();

beforeEach(async () => {
  db = (await demoDb(now)).db;
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});
const classId = (name: string) => db.get<{ id: number }>(sql`select id from device_classes where name = ${name}`)!.id;
const auditCount = () => db.get<{ n: number }>(sql`select count(*) as n from audit_log`)!.n;

test("deactivating Priya Natarajan (IT lead) says what it blocks and changes nothing until confirmed", () => {
  const priya = who["it.lead"]!;
  const impact = deactivationImpact(db, who["admin"]!, priya.id, now);
  expect(impact.ledParties.map((p) => p.name)).toEqual(["IT Infrastructure"]);
  expect(impact.awaitingSignature.map((v) => v.className)).toEqual(["PCA pumps"]);
  expect(impact.accountableClasses).toBeGreaterThan(0);

  const before = auditCount();
  let refusal: unknown;
  try {
    setUserActive(db, who["admin"]!, { id: priya.id, active: false }, now);
  } catch (e) {
    refusal = e;
  }
  expect(refusal).toBeInstanceOf(AppError);
  expect((refusal as AppError).message).toMatch(
    /^Deactivating this user blocks work: IT Infrastructure will have no active lead, so nobody can sign for it, and \d+ device classes where it is Accountable will break the rule/,
  );
  expect((refusal as AppError).message).toContain("PCA pumps version 1 cannot be signed off while it waits for this user's signature");
  expect((refusal as AppError).fieldErrors).toEqual({ confirm: ["Tick this box to deactivate the user anyway."] });
  expect(db.select().from(users).where(eq(users.id, priya.id)).get()!.active).toBe(true);
  expect(auditCount()).toBe(before);

  // A user who leads nothing and is awaited by no version is deactivated without a confirmation.
  expect(setUserActive(db, who["admin"]!, { id: who["auditor"]!.id, active: false }, now).active).toBe(false);
});

test("once confirmed, the party has no active lead in the organization list, the rules, coverage, the dashboard and sign-off", () => {
  const priya = who["it.lead"]!;
  const ventilatorsBefore = getRaciClass(db, who["cio"]!, classId("Ventilators"), now);
  expect(ventilatorsBefore.violations).toEqual([]);
  const dashBefore = getDashboard(db, who["cio"]!, {}, now).responsibilities.withViolations;

  const r = setUserActive(db, who["admin"]!, { id: priya.id, active: false, confirm: true }, now);
  expect(r.leaderlessParties).toEqual(["IT Infrastructure"]);

  const it = listParties(db, who["admin"]!).find((p) => p.name === "IT Infrastructure")!;
  expect([it.leadName, it.leadActive]).toEqual(["Priya Natarajan", false]);
  const ventilators = getRaciClass(db, who["cio"]!, classId("Ventilators"), now);
  const itAccountable = ventilators.violations.filter((v) => v.kind === "accountable_without_lead");
  expect(itAccountable.length).toBeGreaterThan(0);
  expect(itAccountable[0]!.message).toMatch(/the Accountable party, IT Infrastructure, has no active lead \(Priya Natarajan is deactivated\)$/);
  expect(listRaciCoverage(db, who["cio"]!, now).find((c) => c.name === "Ventilators")!.violationCount).toBe(ventilators.violations.length);
  expect(getDashboard(db, who["cio"]!, {}, now).responsibilities.withViolations).toBeGreaterThan(dashBefore);
  const pca = getRaciClass(db, who["cio"]!, classId("PCA pumps"), now);
  expect(pca.review!.slots.find((s) => s.userId === priya.id)!.signerInactive).toBe(true);
  // The lead column itself still names her, so the admin knows whom to replace.
  expect(db.select().from(parties).where(eq(parties.name, "IT Infrastructure")).get()!.leadUserId).toBe(priya.id);
});
