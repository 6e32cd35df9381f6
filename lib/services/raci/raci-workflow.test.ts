import Database from "better-sqlite3";
import { and, desc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { auditLog, deviceClasses, raciOverrides, raciTemplateCells, raciVersions, signatures, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { SignerPlan } from "@/lib/rules/raci";
import { loadActor } from "@/lib/services/auth/load-actor";
import { WRONG_SIGNING_PASSWORD } from "@/lib/services/signatures/sign-record";
import { setSecretsForTests } from "@/lib/server/config";
import { TEST_SECRETS, testDb } from "@/tests/test-db";
import { getRaciClass } from "./get-raci-class";
import { classScope, getRevision, loadActivities, loadParties, resolveClass } from "./raci-records";
import { reattestRaci } from "./reattest-raci";
import { returnRaci } from "./return-raci";
import { setRaciCell } from "./set-raci-cell";
import { signRaci } from "./sign-raci";
import { submitRaci } from "./submit-raci";
import { clock } from "@/lib/clock";

const PW = "lakeside-demo-2026";

/*
 * Seeding the demo hashes seven passwords (Argon2id), so it is done once; each test gets its own copy of
 * the seeded database (SQLite serialize → deserialize), which keeps the tests independent and fast.
 */
let seeded: Buffer;
let db: Db;
let sqlite: Database.Database;
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
  setSecretsForTests(TEST_SECRETS); // the seeded signatures and audit chain were made with these
  sqlite = new Database(seeded);
  sqlite.pragma("foreign_keys = ON");
  db = drizzle({ client: sqlite, schema });
});

// A monotonic clock for writes, so "edited after it became effective" never depends on two calls
// landing in the same millisecond.
let tickMs = clock.ms();
const tick = () => new Date((tickMs += 1000));

const cls = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;
const act = (prefix: string) => loadActivities(db).find((a) => a.name.startsWith(prefix))!.id;
const party = (name: string) => loadParties(db).find((p) => p.name === name)!.id;
const count = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const counts = () =>
  Object.fromEntries(["raci_overrides", "raci_revisions", "raci_template_cells", "raci_versions", "signatures", "audit_log"].map((t) => [t, count(t)]));
const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get()!;
const view = (name: string, actor = who["auditor"]!) => getRaciClass(db, actor, cls(name));
const cell = (name: string, activity: string, partyName: string) =>
  view(name).cells.find((c) => c.activityId === act(activity) && c.partyId === party(partyName))!;
const versionsOf = (name: string) =>
  db
    .select({ no: raciVersions.versionNo, status: raciVersions.status })
    .from(raciVersions)
    .where(eq(raciVersions.deviceClassId, cls(name)))
    .orderBy(raciVersions.versionNo)
    .all();
const inReview = (name: string) =>
  db
    .select()
    .from(raciVersions)
    .where(and(eq(raciVersions.deviceClassId, cls(name)), eq(raciVersions.status, "in_review")))
    .get()!;
const effectiveOf = (name: string) =>
  db
    .select()
    .from(raciVersions)
    .where(and(eq(raciVersions.deviceClassId, cls(name)), eq(raciVersions.status, "effective")))
    .get()!;
const sigCount = (versionId: number) =>
  db
    .select()
    .from(signatures)
    .where(and(eq(signatures.entityType, "raci_version"), eq(signatures.entityId, String(versionId))))
    .all().length;

/** Runs a sync or async call that must fail; returns the AppError. */
async function refused(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected the call to be refused");
}

async function signAll(versionId: number, signers = ["ce.lead", "it.lead", "cio"]) {
  const out = [];
  for (const u of signers) out.push(await signRaci(db, who[u]!, { versionId, password: PW }, tick()));
  return out;
}

// ---------------------------------------------------------------------------------------------
describe("the demo starts in the documented states", () => {
  test.each([
    ["Syringe pumps", "no_matrix"],
    ["PCA pumps", "in_review"],
    ["Telemetry transmitters", "draft"],
    ["CT scanners", "changes_pending"],
    ["Chemistry analyzers", "reattestation_due"],
    ["Ventilators", "effective"],
  ])("%s is %s", (name, status) => {
    expect(view(name).status).toBe(status);
  });

  test("Syringe pumps has no versions and no overrides; PCA pumps awaits the IT lead and leadership", () => {
    expect(versionsOf("Syringe pumps")).toEqual([]);
    expect(
      db
        .select()
        .from(raciOverrides)
        .where(eq(raciOverrides.deviceClassId, cls("Syringe pumps")))
        .all(),
    ).toEqual([]);
    const slots = view("PCA pumps").review!.slots.map((s) => [s.label, s.signature?.printedName ?? null]);
    expect(slots).toEqual([
      ["Carlos Estrada — lead of Clinical Engineering", "Carlos Estrada"],
      ["Priya Natarajan — lead of IT Infrastructure", null],
      ["Leadership approval", null],
    ]);
  });

  test("the template for the patching activity is CE Responsible, IT Accountable", () => {
    const patch = act("Obtain OEM-validated patch");
    const tpl = db.select().from(raciTemplateCells).where(eq(raciTemplateCells.activityId, patch)).all();
    expect(tpl.find((c) => c.partyId === party("Clinical Engineering"))!.letter).toBe("R");
    expect(tpl.find((c) => c.partyId === party("IT Infrastructure"))!.letter).toBe("A");
  });
});

// ---------------------------------------------------------------------------------------------
describe("setRaciCell", () => {
  test("the IT lead edits its own party's column: the cell changes, the revision moves, the change is audited", () => {
    const syringe = cls("Syringe pumps");
    const before = view("Syringe pumps", who["it.lead"]!);
    expect(before.revision).toBe(0);
    expect(before.editableParties).toEqual([party("IT Infrastructure")]);
    const at = tick();
    const r = setRaciCell(
      db,
      who["it.lead"]!,
      { scope: syringe, activityId: act("Handle recalls"), partyId: party("IT Infrastructure"), letter: "C", expectedRevision: 0 },
      at,
    );
    expect(r).toEqual({ revision: 1 });
    expect(getRevision(db, classScope(syringe))).toEqual({
      revision: 1,
      updatedBy: who["it.lead"]!.id,
      updatedByName: "Priya Natarajan",
      updatedAt: at.toISOString(),
    });
    expect(cell("Syringe pumps", "Handle recalls", "IT Infrastructure")).toMatchObject({
      letter: "C",
      overriddenHere: true,
      from: "Syringe pumps",
      inheritedLetter: "I",
      inheritedFrom: "template",
    });
    const audit = lastAudit();
    expect(audit).toMatchObject({ action: "RACI_OVERRIDE_SET", actorId: who["it.lead"]!.id, entityType: "device_class", entityId: String(syringe) });
    expect(JSON.parse(audit.oldValues!)).toMatchObject({ letter: "inherit" });
    expect(JSON.parse(audit.newValues!)).toMatchObject({ letter: "C", activityId: act("Handle recalls"), partyId: party("IT Infrastructure") });
    expect(view("Syringe pumps").status).toBe("draft");
  });

  test("override to nothing removes the inherited letter; reset brings it back (RACI_OVERRIDE_RESET)", () => {
    const syringe = cls("Syringe pumps");
    const where = { scope: syringe, activityId: act("Handle recalls"), partyId: party("IT Infrastructure") };
    setRaciCell(db, who["it.lead"]!, { ...where, letter: "", expectedRevision: 0 }, tick());
    expect(cell("Syringe pumps", "Handle recalls", "IT Infrastructure")).toMatchObject({ letter: null, overriddenHere: true, inheritedLetter: "I" });
    expect(db.select().from(raciOverrides).where(eq(raciOverrides.deviceClassId, syringe)).get()!.letter).toBeNull();
    expect(setRaciCell(db, who["it.lead"]!, { ...where, letter: "inherit", expectedRevision: 1 }, tick())).toEqual({ revision: 2 });
    expect(cell("Syringe pumps", "Handle recalls", "IT Infrastructure")).toMatchObject({ letter: "I", overriddenHere: false, from: "template" });
    expect(lastAudit().action).toBe("RACI_OVERRIDE_RESET");
    expect(db.select().from(raciOverrides).where(eq(raciOverrides.deviceClassId, syringe)).all()).toEqual([]);
  });

  test("setting the letter a cell already has writes nothing", () => {
    const syringe = cls("Syringe pumps");
    const before = counts();
    expect(
      setRaciCell(db, who["it.lead"]!, {
        scope: syringe,
        activityId: act("Handle recalls"),
        partyId: party("IT Infrastructure"),
        letter: "inherit",
        expectedRevision: 0,
      }),
    ).toEqual({ revision: 0 });
    expect(counts()).toEqual(before);
  });

  test.each([
    ["the IT lead", "it.lead", "Clinical Engineering"],
    ["the CE lead", "ce.lead", "IT Infrastructure"],
    ["the security lead", "security.lead", "IT Infrastructure"],
    ["a contributor, even in their own party's column", "assessor", "Clinical Engineering"],
    ["an auditor", "auditor", "IT Infrastructure"],
    ["leadership", "cio", "IT Infrastructure"],
  ])("%s cannot change the %s column: FORBIDDEN, nothing changes", async (_label, user, partyName) => {
    const before = counts();
    const e = await refused(() =>
      setRaciCell(db, who[user]!, {
        scope: cls("Syringe pumps"),
        activityId: act("Handle recalls"),
        partyId: party(partyName),
        letter: "A",
        expectedRevision: 0,
      }),
    );
    expect(e.code).toBe("FORBIDDEN");
    expect(counts()).toEqual(before);
    expect(cell("Syringe pumps", "Handle recalls", partyName).overriddenHere).toBe(false);
  });

  test("an admin may change any party's column", () => {
    setRaciCell(
      db,
      who["admin"]!,
      { scope: cls("Syringe pumps"), activityId: act("Handle recalls"), partyId: party("OEM (Manufacturer)"), letter: "R", expectedRevision: 0 },
      tick(),
    );
    expect(cell("Syringe pumps", "Handle recalls", "OEM (Manufacturer)")).toMatchObject({ letter: "R", overriddenHere: true });
  });

  test("concurrent edit: the second save with the same revision is refused, names the first editor, and writes nothing", async () => {
    const syringe = cls("Syringe pumps");
    const opened = view("Syringe pumps").revision;
    const first = tick();
    setRaciCell(
      db,
      who["it.lead"]!,
      { scope: syringe, activityId: act("Handle recalls"), partyId: party("IT Infrastructure"), letter: "C", expectedRevision: opened },
      first,
    );
    const before = counts();

    // Someone else, same cell, same stale revision.
    const e1 = await refused(() =>
      setRaciCell(
        db,
        who["admin"]!,
        { scope: syringe, activityId: act("Handle recalls"), partyId: party("IT Infrastructure"), letter: "R", expectedRevision: opened },
        tick(),
      ),
    );
    expect(e1.code).toBe("CONFLICT");
    const when = first.toISOString().replace("T", " ").slice(0, 16);
    expect(e1.message).toBe(
      `Priya Natarajan changed this matrix at ${when} UTC, after you opened it. Your change was not saved: reload to see their change, then try again.`,
    );
    expect(e1.message).toMatch(/^Priya Natarajan changed this matrix at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    // A revision ahead of the matrix's (a crafted request): out of date, not a change nobody made (found by a probe).
    const ahead = await refused(() =>
      setRaciCell(
        db,
        who["admin"]!,
        { scope: syringe, activityId: act("Handle recalls"), partyId: party("IT Infrastructure"), letter: "R", expectedRevision: opened + 100 },
        tick(),
      ),
    );
    expect(ahead).toMatchObject({ code: "CONFLICT", message: "This page is out of date: reload it, then make your change again. Nothing was saved." });

    // Another lead, their own column, same stale revision.
    const e2 = await refused(() =>
      setRaciCell(
        db,
        who["ce.lead"]!,
        { scope: syringe, activityId: act("Handle recalls"), partyId: party("Clinical Engineering"), letter: "R", expectedRevision: opened },
        tick(),
      ),
    );
    expect(e2.code).toBe("CONFLICT");

    expect(counts()).toEqual(before);
    expect(cell("Syringe pumps", "Handle recalls", "IT Infrastructure").letter).toBe("C");
    expect(cell("Syringe pumps", "Handle recalls", "Clinical Engineering")).toMatchObject({ letter: "A", overriddenHere: false });
    expect(view("Syringe pumps").revision).toBe(opened + 1);
  });

  test("a class in review (PCA pumps) cannot be edited: INVALID_STATE, nothing changes", async () => {
    const pca = cls("PCA pumps");
    const rev = view("PCA pumps").revision;
    const before = counts();
    const e = await refused(() =>
      setRaciCell(db, who["ce.lead"]!, {
        scope: pca,
        activityId: act("Handle recalls"),
        partyId: party("Clinical Engineering"),
        letter: "R",
        expectedRevision: rev,
      }),
    );
    expect(e.code).toBe("INVALID_STATE");
    expect(e.message).toBe("This matrix is in review. Return it to draft before changing it.");
    expect(counts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
describe("submitRaci", () => {
  test("Telemetry transmitters breaks a rule: VALIDATION with the two-Accountable sentence, no version", async () => {
    const before = counts();
    const e = await refused(() => submitRaci(db, who["ce.lead"]!, { classId: cls("Telemetry transmitters") }));
    expect(e.code).toBe("VALIDATION");
    const sentence = "Network segmentation / NAC per class: two parties are Accountable — Clinical Engineering and IT Infrastructure";
    expect(e.message).toContain(sentence);
    expect(e.message).toMatch(/^This matrix cannot be submitted until its rules are met: /);
    // The CE lead's A replaced CE's R, so the row has no Responsible party either.
    const noR = "Network segmentation / NAC per class: no party is Responsible";
    expect(e.fieldErrors).toEqual({ matrix: [sentence, noR] });
    expect(counts()).toEqual(before);
    expect(versionsOf("Telemetry transmitters")).toEqual([]);
    expect(view("Telemetry transmitters").violations.map((v) => v.message)).toEqual([sentence, noR]);
  });

  test("Syringe pumps by the CE lead: an in-review version whose signers are the CE lead, the IT lead and leadership", () => {
    const syringe = cls("Syringe pumps");
    const v = submitRaci(db, who["ce.lead"]!, { classId: syringe }, tick());
    expect(v).toMatchObject({ deviceClassId: syringe, versionNo: 1, status: "in_review", submittedBy: who["ce.lead"]!.id, effectiveAt: null });
    const plan = JSON.parse(v.requiredSigners) as SignerPlan;
    expect(plan.partySigners.map((s) => ({ userId: s.userId, name: s.name, parties: s.partyNames, meaning: s.meaning }))).toEqual([
      { userId: who["ce.lead"]!.id, name: "Carlos Estrada", parties: ["Clinical Engineering"], meaning: "Accepts accountability" },
      { userId: who["it.lead"]!.id, name: "Priya Natarajan", parties: ["IT Infrastructure"], meaning: "Accepts accountability" },
    ]);
    expect(plan.leadershipApproval).toBe(true);
    // Parties holding R without a lead cannot sign: listed as a warning.
    expect(plan.partiesWithoutLead).toEqual(["Clinical Department Owner", "Supply Chain / Contracts", "Emergency Management", "OEM (Manufacturer)"]);
    expect(JSON.parse(v.content)).toEqual(resolveClass(db, syringe).snapshot);
    expect(lastAudit()).toMatchObject({ action: "RACI_SUBMITTED", entityType: "raci_version", entityId: String(v.id), actorId: who["ce.lead"]!.id });
    const page = view("Syringe pumps", who["it.lead"]!);
    expect(page.status).toBe("in_review");
    expect(page.review!.slots.map((s) => [s.key, s.meaning])).toEqual([
      [`lead:${who["ce.lead"]!.id}`, "Accepts accountability"],
      [`lead:${who["it.lead"]!.id}`, "Accepts accountability"],
      ["leadership", "Approved"],
    ]);
    expect(page.review!.mySlot?.key).toBe(`lead:${who["it.lead"]!.id}`);
  });

  test.each([
    ["a contributor", "assessor"],
    ["an auditor", "auditor"],
    ["leadership", "cio"],
  ])("%s cannot submit", async (_label, user) => {
    const before = counts();
    expect((await refused(() => submitRaci(db, who[user]!, { classId: cls("Syringe pumps") }))).code).toBe("FORBIDDEN");
    expect(counts()).toEqual(before);
  });

  test.each([
    ["already in review", "PCA pumps", "This matrix is already in review."],
    ["the same as the effective version", "Ventilators", "Nothing to sign: this matrix is the same as the effective version."],
  ])("a matrix %s cannot be submitted", async (_label, name, message) => {
    const before = counts();
    const e = await refused(() => submitRaci(db, who["ce.lead"]!, { classId: cls(name) }));
    expect([e.code, e.message]).toEqual(["INVALID_STATE", message]);
    expect(counts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
describe("signRaci", () => {
  test("a wrong password signs nothing and is audited", async () => {
    const v = submitRaci(db, who["ce.lead"]!, { classId: cls("Syringe pumps") }, tick());
    const sigsBefore = count("signatures");
    const e = await refused(() => signRaci(db, who["ce.lead"]!, { versionId: v.id, password: "not the password" }));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe("The password is incorrect. Nothing was signed.");
    expect(e.message).toBe(WRONG_SIGNING_PASSWORD);
    expect(sigCount(v.id)).toBe(0);
    expect(count("signatures")).toBe(sigsBefore);
    expect(lastAudit()).toMatchObject({
      action: "SIGNATURE_REFUSED_WRONG_PASSWORD",
      actorId: who["ce.lead"]!.id,
      entityType: "raci_version",
      entityId: String(v.id),
    });
    expect(inReview("Syringe pumps").id).toBe(v.id);
  });

  test.each([
    ["the security lead (not a required signer of Syringe pumps)", "security.lead"],
    ["a contributor", "assessor"],
    ["an auditor", "auditor"],
    ["an admin", "admin"],
  ])("%s is refused and nothing is written", async (_label, user) => {
    const v = submitRaci(db, who["ce.lead"]!, { classId: cls("Syringe pumps") }, tick());
    const before = counts();
    expect((await refused(() => signRaci(db, who[user]!, { versionId: v.id, password: PW }))).code).toBe("FORBIDDEN");
    expect(counts()).toEqual(before);
    expect(sigCount(v.id)).toBe(0);
  });

  test("CE lead, IT lead and CIO sign: effective, every signature verifies; an edit is a draft; v2 supersedes v1", async () => {
    const syringe = cls("Syringe pumps");
    const v1 = submitRaci(db, who["ce.lead"]!, { classId: syringe }, tick());

    expect(await signRaci(db, who["ce.lead"]!, { versionId: v1.id, password: PW }, tick())).toEqual({ effective: false, remaining: 2 });
    // Signing twice is refused.
    expect((await refused(() => signRaci(db, who["ce.lead"]!, { versionId: v1.id, password: PW }))).code).toBe("FORBIDDEN");
    expect(await signRaci(db, who["it.lead"]!, { versionId: v1.id, password: PW }, tick())).toEqual({ effective: false, remaining: 1 });
    expect(view("Syringe pumps").status).toBe("in_review");
    const lastAt = tick();
    expect(await signRaci(db, who["cio"]!, { versionId: v1.id, password: PW }, lastAt)).toEqual({ effective: true, remaining: 0 });

    const row = db.select().from(raciVersions).where(eq(raciVersions.id, v1.id)).get()!;
    expect(row).toMatchObject({ status: "effective", effectiveAt: lastAt.toISOString(), lastAttestedAt: lastAt.toISOString() });
    expect(lastAudit()).toMatchObject({ action: "RACI_EFFECTIVE", entityId: String(v1.id) });

    const page = view("Syringe pumps");
    expect(page.status).toBe("effective");
    expect(page.review).toBeNull();
    expect(page.effective!.version.id).toBe(v1.id);
    expect(page.effective!.signatures.map((s) => [s.printedName, s.meaning, s.kind, s.verdict])).toEqual([
      ["Carlos Estrada", "Accepts accountability", "sign", { valid: true }],
      ["Priya Natarajan", "Accepts accountability", "sign", { valid: true }],
      ["Dana Whitfield", "Approved", "sign", { valid: true }],
    ]);
    expect(page.effective!.signatures.every((s) => s.verdict.valid)).toBe(true);
    // A version no longer in review cannot be signed.
    expect((await refused(() => signRaci(db, who["it.lead"]!, { versionId: v1.id, password: PW }))).code).toBe("INVALID_STATE");

    // An override edit: the class is a draft again while v1 stays the effective version.
    setRaciCell(
      db,
      who["it.lead"]!,
      { scope: syringe, activityId: act("Handle recalls"), partyId: party("IT Infrastructure"), letter: "C", expectedRevision: page.revision },
      tick(),
    );
    const draft = view("Syringe pumps");
    expect(draft.status).toBe("draft");
    expect(draft.effective!.version.versionNo).toBe(1);
    expect(draft.pendingChanges.map((c) => [c.partyName, c.from, c.to])).toEqual([["IT Infrastructure", "I", "C"]]);

    // v2 submitted and signed: v1 superseded.
    const v2 = submitRaci(db, who["it.lead"]!, { classId: syringe }, tick());
    expect(v2.versionNo).toBe(2);
    expect(view("Syringe pumps").status).toBe("in_review");
    await signAll(v2.id);
    expect(versionsOf("Syringe pumps")).toEqual([
      { no: 1, status: "superseded" },
      { no: 2, status: "effective" },
    ]);
    expect(db.select().from(raciVersions).where(eq(raciVersions.id, v1.id)).get()!.supersededAt).not.toBeNull();
    const after = view("Syringe pumps");
    expect(after.status).toBe("effective");
    expect(after.effective!.version.versionNo).toBe(2);
    expect(after.effective!.signatures.every((s) => s.verdict.valid)).toBe(true);
    expect(after.pendingChanges).toEqual([]);
  });

  test("PCA pumps: the IT lead and the CIO complete the review the CE lead started", async () => {
    const v = inReview("PCA pumps");
    expect((await refused(() => signRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW }))).code).toBe("FORBIDDEN");
    expect(await signAll(v.id, ["it.lead", "cio"])).toEqual([
      { effective: false, remaining: 1 },
      { effective: true, remaining: 0 },
    ]);
    expect(view("PCA pumps").status).toBe("effective");
  });

  test("content changed behind the application's back: the signatures no longer verify", async () => {
    const syringe = cls("Syringe pumps");
    const v = submitRaci(db, who["ce.lead"]!, { classId: syringe }, tick());
    await signAll(v.id);
    expect(view("Syringe pumps").effective!.signatures.every((s) => s.verdict.valid)).toBe(true);

    const content = db.select().from(raciVersions).where(eq(raciVersions.id, v.id)).get()!.content;
    const forged = content.replace('"letter":"A"', '"letter":"C"');
    expect(forged).not.toBe(content);
    // The trigger refuses the change…
    expect(() => sqlite.prepare("update raci_versions set content = ? where id = ?").run(forged, v.id)).toThrow(/immutable/);
    // …so the attacker drops it first.
    sqlite.exec("DROP TRIGGER raci_versions_content_immutable");
    sqlite.prepare("update raci_versions set content = ? where id = ?").run(forged, v.id);

    const tampered = view("Syringe pumps");
    expect(tampered.status).toBe("signature_problem");
    const sigs = tampered.signatureProblem!.signatures;
    expect(sigs).toHaveLength(3);
    expect(sigs[0]!.verdict).toEqual({ valid: false, reason: "content_changed", message: "Signature invalid: content does not match what was signed" });
    expect(sigs.every((s) => !s.verdict.valid)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe("returnRaci", () => {
  test.each([
    ["a contributor", "assessor"],
    ["an auditor", "auditor"],
    ["a lead who is not a required signer", "security.lead"],
  ])("%s cannot return PCA pumps", async (_label, user) => {
    const v = inReview("PCA pumps");
    const before = counts();
    expect((await refused(() => returnRaci(db, who[user]!, { versionId: v.id, comment: "no" }))).code).toBe("FORBIDDEN");
    expect(counts()).toEqual(before);
    expect(inReview("PCA pumps").status).toBe("in_review");
  });

  test("the IT lead returns PCA pumps with a comment: returned, a draft, editable and submittable again", async () => {
    const pca = cls("PCA pumps");
    const v = inReview("PCA pumps");
    const comment = "IT should be Responsible for training";
    expect(returnRaci(db, who["it.lead"]!, { versionId: v.id, comment }, tick())).toEqual({ versionNo: 1 });
    expect(db.select().from(raciVersions).where(eq(raciVersions.id, v.id)).get()).toMatchObject({
      status: "returned",
      returnedBy: who["it.lead"]!.id,
      returnComment: comment,
    });
    expect(lastAudit()).toMatchObject({ action: "RACI_RETURNED", entityId: String(v.id) });

    const page = view("PCA pumps", who["it.lead"]!);
    expect(page.status).toBe("draft");
    expect(page.review).toBeNull();
    expect(page.lastReturned?.returnComment).toBe(comment);

    // Returned twice, or signed after return: refused.
    expect((await refused(() => returnRaci(db, who["it.lead"]!, { versionId: v.id, comment: "again" }))).code).toBe("INVALID_STATE");
    expect((await refused(() => signRaci(db, who["it.lead"]!, { versionId: v.id, password: PW }))).code).toBe("INVALID_STATE");

    setRaciCell(
      db,
      who["it.lead"]!,
      { scope: pca, activityId: act("Role-based training"), partyId: party("IT Infrastructure"), letter: "R", expectedRevision: page.revision },
      tick(),
    );
    expect(cell("PCA pumps", "Role-based training", "IT Infrastructure")).toMatchObject({ letter: "R", overriddenHere: true });
    const v2 = submitRaci(db, who["ce.lead"]!, { classId: pca }, tick());
    expect(v2.versionNo).toBe(2);
    expect(versionsOf("PCA pumps")).toEqual([
      { no: 1, status: "returned" },
      { no: 2, status: "in_review" },
    ]);
  });

  test("leadership and admins may return a version they do not sign", () => {
    const v = inReview("PCA pumps");
    expect(returnRaci(db, who["admin"]!, { versionId: v.id, comment: "Not yet" }, tick())).toEqual({ versionNo: 1 });
  });
});

// ---------------------------------------------------------------------------------------------
describe("reattestRaci", () => {
  test("Chemistry analyzers: every required signer re-attests; lastAttestedAt moves to now and the matrix is effective", async () => {
    const v = effectiveOf("Chemistry analyzers");
    expect(view("Chemistry analyzers").status).toBe("reattestation_due");
    const effectiveAt = v.effectiveAt;

    const before = counts();
    expect((await refused(() => reattestRaci(db, who["security.lead"]!, { versionId: v.id, password: PW }))).code).toBe("FORBIDDEN");
    expect((await refused(() => reattestRaci(db, who["assessor"]!, { versionId: v.id, password: PW }))).code).toBe("FORBIDDEN");
    expect(counts()).toEqual(before);

    expect(await reattestRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW }, tick())).toMatchObject({
      complete: false,
      remaining: 2,
      waitingFor: [expect.stringMatching(/^Priya Natarajan — lead of /), "Leadership approval"],
    });
    // Issue 10, item 9: the page shows who has re-attested and who is still awaited.
    const progress = getRaciClass(db, who["auditor"]!, cls("Chemistry analyzers")).effective!.reattestSlots.map((x) => [
      x.label.split(" — ")[0],
      Boolean(x.signature),
    ]);
    expect(progress).toEqual([
      ["Carlos Estrada", true],
      ["Priya Natarajan", false],
      ["Leadership approval", false],
    ]);
    expect((await refused(() => reattestRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW }))).code).toBe("FORBIDDEN");
    expect(await reattestRaci(db, who["it.lead"]!, { versionId: v.id, password: PW }, tick())).toMatchObject({
      complete: false,
      remaining: 1,
      waitingFor: ["Leadership approval"],
    });
    expect(view("Chemistry analyzers").status).toBe("reattestation_due");
    const now = tick();
    expect(await reattestRaci(db, who["cio"]!, { versionId: v.id, password: PW }, now)).toMatchObject({ complete: true, remaining: 0, waitingFor: [] });

    const row = db.select().from(raciVersions).where(eq(raciVersions.id, v.id)).get()!;
    expect(row.lastAttestedAt).toBe(now.toISOString());
    expect(row.effectiveAt).toBe(effectiveAt);
    expect(row.status).toBe("effective");
    expect(lastAudit()).toMatchObject({ action: "RACI_REATTESTED", entityId: String(v.id) });

    const page = getRaciClass(db, who["auditor"]!, cls("Chemistry analyzers"), now);
    expect(page.status).toBe("effective");
    const re = page.effective!.signatures.filter((s) => s.kind === "reattest");
    expect(re.map((s) => [s.printedName, s.meaning])).toEqual([
      ["Carlos Estrada", "Accepts accountability"],
      ["Priya Natarajan", "Accepts accountability"],
      ["Dana Whitfield", "Approved"],
    ]);
    expect(page.effective!.signatures.every((s) => s.verdict.valid)).toBe(true);
  });

  test("a wrong password re-attests nothing", async () => {
    const v = effectiveOf("Chemistry analyzers");
    const e = await refused(() => reattestRaci(db, who["ce.lead"]!, { versionId: v.id, password: "nope nope" }));
    expect([e.code, e.message]).toEqual(["VALIDATION", WRONG_SIGNING_PASSWORD]);
    expect(
      db
        .select()
        .from(signatures)
        .where(and(eq(signatures.entityId, String(v.id)), eq(signatures.kind, "reattest")))
        .all(),
    ).toEqual([]);
  });

  test("Ventilators is not due: INVALID_STATE, nothing written", async () => {
    const v = effectiveOf("Ventilators");
    const before = counts();
    const e = await refused(() => reattestRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW }));
    expect([e.code, e.message]).toEqual(["INVALID_STATE", "Re-attestation is not due yet."]);
    expect(counts()).toEqual(before);
  });

  test("a version in review cannot be re-attested", async () => {
    const v = inReview("PCA pumps");
    expect((await refused(() => reattestRaci(db, who["it.lead"]!, { versionId: v.id, password: PW }))).code).toBe("INVALID_STATE");
  });
});

// ---------------------------------------------------------------------------------------------
describe("template changes reach effective classes as changes pending", () => {
  test("CT scanners: its parent changed after sign-off", () => {
    const page = view("CT scanners");
    expect(page.status).toBe("changes_pending");
    expect(page.pendingChanges.map((c) => [c.activityName.slice(0, 18), c.partyName, c.from, c.to])).toEqual([
      ["Device credentials", "OEM (Manufacturer)", "C", "R"],
    ]);
  });

  test("an admin's template change marks Ventilators changes pending, but not a class that overrides the cell", async () => {
    const recalls = act("Handle recalls");
    const supply = party("Supply Chain / Contracts");
    expect(view("Ventilators").status).toBe("effective");
    expect(view("Large-volume infusion pumps").status).toBe("effective"); // overrides Handle recalls / Supply Chain to R

    const at = tick();
    expect(setRaciCell(db, who["admin"]!, { scope: "template", activityId: recalls, partyId: supply, letter: "I", expectedRevision: 0 }, at)).toEqual({
      revision: 1,
    });
    expect(lastAudit()).toMatchObject({ action: "RACI_TEMPLATE_CELL_SET", entityType: "raci_template", entityId: "template" });
    expect(JSON.parse(lastAudit().oldValues!)).toMatchObject({ letter: "C" });

    const vent = view("Ventilators");
    expect(vent.status).toBe("changes_pending");
    expect(vent.effective!.version.versionNo).toBe(1);
    expect(vent.pendingChanges.map((c) => [c.partyName, c.from, c.to])).toEqual([["Supply Chain / Contracts", "C", "I"]]);
    expect(cell("Ventilators", "Handle recalls", "Supply Chain / Contracts")).toMatchObject({ letter: "I", from: "template", overriddenHere: false });
    expect(view("Large-volume infusion pumps").status).toBe("effective");
    expect(view("Syringe pumps").status).toBe("no_matrix");

    // Re-signing brings it back to effective.
    const v2 = submitRaci(db, who["ce.lead"]!, { classId: cls("Ventilators") }, tick());
    await signAll(v2.id);
    expect(view("Ventilators").status).toBe("effective");
  });

  test("only admins edit the template; it has nothing to inherit; a stale revision is a CONFLICT naming the admin", async () => {
    const recalls = act("Handle recalls");
    const before = counts();
    expect(
      (
        await refused(() =>
          setRaciCell(db, who["it.lead"]!, { scope: "template", activityId: recalls, partyId: party("IT Infrastructure"), letter: "A", expectedRevision: 0 }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await refused(() =>
          setRaciCell(db, who["admin"]!, {
            scope: "template",
            activityId: recalls,
            partyId: party("IT Infrastructure"),
            letter: "inherit",
            expectedRevision: 0,
          }),
        )
      ).code,
    ).toBe("VALIDATION");
    expect(counts()).toEqual(before);
    setRaciCell(db, who["admin"]!, { scope: "template", activityId: recalls, partyId: party("IT Infrastructure"), letter: "C", expectedRevision: 0 }, tick());
    const e = await refused(() =>
      setRaciCell(db, who["admin"]!, { scope: "template", activityId: recalls, partyId: party("IT Infrastructure"), letter: "", expectedRevision: 0 }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/^Alex Morgan changed this matrix at /);
    expect(
      db
        .select()
        .from(raciTemplateCells)
        .where(and(eq(raciTemplateCells.activityId, recalls), eq(raciTemplateCells.partyId, party("IT Infrastructure"))))
        .get()!.letter,
    ).toBe("C");
  });
});

describe("only signed parent changes reopen a signed child (issue 10, item 2)", () => {
  test("a draft edit on Physiologic monitors (no matrix yet) leaves Bedside patient monitors effective, and the parent names it as affected", () => {
    expect(view("Bedside patient monitors").status).toBe("effective");
    const parent = cls("Physiologic monitors");
    const target = view("Bedside patient monitors").cells.find((c) => c.partyId === party("Clinical Engineering") && c.letter !== "I" && !c.overriddenHere)!;
    const before = getRevision(db, classScope(parent)).revision;
    setRaciCell(db, who["ce.lead"]!, { scope: parent, activityId: target.activityId, partyId: target.partyId, letter: "I", expectedRevision: before }, tick());
    // The live grid shows the inherited proposal, but the signed lines stand until the parent is signed.
    expect(view("Bedside patient monitors").cells.find((c) => c.activityId === target.activityId && c.partyId === target.partyId)!.letter).toBe("I");
    const child = view("Bedside patient monitors");
    expect(child.status).toBe("effective");
    expect(child.pendingChanges).toEqual([]);
    expect(child.unsignedUpstreamChanges).toHaveLength(1);
    const fromCoverage = getRaciClass(db, who["cio"]!, cls("Bedside patient monitors"));
    expect(fromCoverage.status).toBe("effective");
    expect(view("Physiologic monitors").affectedSignedChildren).toEqual([
      { classId: cls("Bedside patient monitors"), name: "Bedside patient monitors", effectiveVersionNo: expect.any(Number), cells: 1 },
    ]);
    // Pressing X on the parent restores it: nothing affected any more.
    setRaciCell(
      db,
      who["ce.lead"]!,
      { scope: parent, activityId: target.activityId, partyId: target.partyId, letter: "inherit", expectedRevision: before + 1 },
      tick(),
    );
    expect(view("Physiologic monitors").affectedSignedChildren).toEqual([]);
  });

  test("the final signature on PCA pumps makes it effective even while its parent's change is unsigned", async () => {
    const parent = cls("Infusion pumps");
    const pca = view("PCA pumps");
    const target = pca.cells.find((c) => c.partyId === party("IT Infrastructure") && c.letter !== "C" && !c.overriddenHere)!;
    setRaciCell(
      db,
      who["admin"]!,
      { scope: parent, activityId: target.activityId, partyId: target.partyId, letter: "C", expectedRevision: getRevision(db, classScope(parent)).revision },
      tick(),
    );
    const v = inReview("PCA pumps");
    for (const signer of ["it.lead", "ce.lead", "security.lead", "cio"]) {
      const slot = getRaciClass(db, who[signer]!, cls("PCA pumps")).review?.mySlot;
      if (slot) await signRaci(db, who[signer]!, { versionId: v.id, password: PW }, tick());
    }
    expect(effectiveOf("PCA pumps").id).toBe(v.id);
    expect(view("PCA pumps").status).toBe("effective");
  });
});
