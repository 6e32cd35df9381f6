import Database from "better-sqlite3";
import { and, eq, ne, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { raciVersions, signatures, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import type { SignerPlan } from "@/lib/rules/raci";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { planResponsibilities } from "@/lib/services/plans/get-plans";
import { setSecretsForTests } from "@/lib/server/config";
import { TEST_SECRETS, testDb } from "@/tests/test-db";
import { getRaciClass } from "./get-raci-class";
import { getRaciVersion } from "./get-raci-version";
import { listRaciCoverage } from "./list-coverage";
import { loadActivities } from "./raci-records";
import { signerSlots, slotFor } from "./signers";
import { signRaci } from "./sign-raci";
import { clock } from "@/lib/clock";

/*
 * Issue #10, finding 17: someone with write access to the database file tampers with signatures or with the
 * status column. "Effective" must follow from the set of signatures, everywhere it is shown or counted.
 */
let seeded: Buffer;
let db: Db;
const who: Record<string, Actor> = {};

beforeAll(async () => {
  const t = testDb();
  await seedDemoIfEmpty(t.db);
  seeded = t.sqlite.serialize();
  for (const u of t.db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(t.db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
  t.sqlite.close();
});

beforeEach(() => {
  setSecretsForTests(TEST_SECRETS);
  const sqlite = new Database(seeded);
  sqlite.pragma("foreign_keys = ON");
  db = drizzle({ client: sqlite, schema });
});

const auditor = () => who["auditor"]!;
const cio = () => Object.values(who).find((a) => a.roles.includes("leadership"))!;
const sigsOf = (versionId: number) =>
  db
    .select()
    .from(signatures)
    .where(and(eq(signatures.entityType, "raci_version"), eq(signatures.entityId, String(versionId))))
    .all();
/** A version marked effective that is really effective in the seed (signatures sound, nothing pending). */
function anEffectiveVersion() {
  const rows = db.select().from(raciVersions).where(eq(raciVersions.status, "effective")).all();
  const v = rows.find((r) => getRaciClass(db, auditor(), r.deviceClassId).status === "effective" && sigsOf(r.id).length >= 2);
  if (!v) throw new Error("the demo seed has no effective RACI version with two signatures");
  return v;
}
const coverageStatus = (classId: number) => listRaciCoverage(db, auditor()).find((r) => r.classId === classId)!.status;
const figures = () => getDashboard(db, cio()).responsibilities;
// Triggers forbid deleting signatures or rewriting versions; an attacker with the file drops them (but not the
// triggers that stamp the read-model caches, which the tamper leaves in place).
const withoutTriggers = (fn: () => void) => {
  const triggers = db.all<{ name: string; sql: string }>(sql`select name, sql from sqlite_master where type = 'trigger' and name not like '%_dv_%'`);
  for (const t of triggers) db.run(sql.raw(`drop trigger ${t.name}`));
  fn();
  for (const t of triggers) db.run(sql.raw(t.sql));
};

describe("a RACI version is effective only when its whole set of signatures holds up", () => {
  test("deleting one required signature: Signature problem on the class page, coverage, dashboard and plans", () => {
    const v = anEffectiveVersion();
    const before = figures();
    const victim = sigsOf(v.id)[0]!;
    withoutTriggers(() => db.delete(signatures).where(eq(signatures.id, victim.id)).run());

    const page = getRaciClass(db, auditor(), v.deviceClassId);
    expect(page.status).toBe("signature_problem");
    expect(page.effective).toBeNull();
    expect(page.signatureProblem?.problems.join(" ")).toMatch(/^Missing signature: /);
    expect(coverageStatus(v.deviceClassId)).toBe("signature_problem");
    const after = figures();
    expect(after.signed).toBe(before.signed - 1);
    expect(after.signatureProblem).toBe(1);
    const version = getRaciVersion(db, auditor(), v.deviceClassId, v.versionNo);
    expect(version.signatureSet).toMatchObject({ ok: false });
    // Plans that read "who is A and R" from the signed RACI no longer see a signed version for this class.
    const [resp] = planResponsibilities(
      db,
      [v.deviceClassId],
      loadActivities(db).map((a) => a.id),
    );
    expect(resp!.effectiveVersionNo).toBeNull();
  });

  test("flipping an in-review version with fewer signatures than required to effective is not trusted", () => {
    const v = db.select().from(raciVersions).where(eq(raciVersions.status, "in_review")).get();
    expect(v, "the demo seed has a RACI version in review").toBeDefined();
    const before = figures();
    const at = clock.now().toISOString();
    withoutTriggers(() => {
      db.update(raciVersions)
        .set({ status: "superseded", supersededAt: at })
        .where(and(eq(raciVersions.deviceClassId, v!.deviceClassId), eq(raciVersions.status, "effective")))
        .run();
      db.update(raciVersions).set({ status: "effective", effectiveAt: at, lastAttestedAt: at }).where(eq(raciVersions.id, v!.id)).run();
    });
    expect(getRaciClass(db, auditor(), v!.deviceClassId).status).toBe("signature_problem");
    expect(coverageStatus(v!.deviceClassId)).toBe("signature_problem");
    const after = figures();
    expect(after.signatureProblem).toBe(1);
    expect(after.effective).toBeLessThanOrEqual(before.effective);
    expect(after.signed).toBeLessThanOrEqual(before.signed);
  });

  test("a signature row copied from another version fills no slot, and the next real signature does not complete the set", async () => {
    const review = db.select().from(raciVersions).where(eq(raciVersions.status, "in_review")).get()!;
    const plan = JSON.parse(review.requiredSigners) as SignerPlan;
    const slots = signerSlots(db, review);
    const open = slots.filter((s) => !s.signature);
    expect(open.length).toBeGreaterThanOrEqual(1);
    // Copy a genuine signature of an open slot's signer (or any leadership approval) from another version.
    const target = open[0]!;
    const donor = db
      .select()
      .from(signatures)
      .where(
        and(
          eq(signatures.entityType, "raci_version"),
          ne(signatures.entityId, String(review.id)),
          eq(signatures.meaning, target.meaning),
          ...(target.userId ? [eq(signatures.signerId, target.userId)] : []),
        ),
      )
      .get();
    expect(donor, "the seed has a signature to copy").toBeDefined();
    const { id: _id, ...copy } = donor!;
    db.insert(signatures)
      .values({ ...copy, entityId: String(review.id) })
      .run();

    const page = getRaciClass(db, auditor(), review.deviceClassId);
    const slot = page.review!.slots.find((s) => s.key === target.key)!;
    expect(slot.signature).toBeNull();
    expect(page.review!.signatures.some((s) => !s.verdict.valid)).toBe(true);

    // Everyone else signs for real; the version becomes effective only when the copied slot is signed for real too.
    const signer = (s: (typeof slots)[number]) =>
      s.userId
        ? Object.values(who).find((a) => a.id === s.userId)!
        : Object.values(who).find((a) => a.roles.includes("leadership") && !plan.partySigners.some((p) => p.userId === a.id))!;
    for (const s of open.slice(1)) await signRaci(db, signer(s), { versionId: review.id, password: "lakeside-demo-2026" });
    expect(db.select().from(raciVersions).where(eq(raciVersions.id, review.id)).get()!.status).toBe("in_review");
    expect(slotFor(signer(target), signerSlots(db, review))?.key).toBe(target.key);
    const last = await signRaci(db, signer(target), { versionId: review.id, password: "lakeside-demo-2026" });
    expect(last.effective).toBe(true);
    // The copied row stays on the version and keeps it from counting as sound.
    expect(getRaciClass(db, auditor(), review.deviceClassId).status).toBe("signature_problem");
  });
});
