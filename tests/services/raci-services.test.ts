import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { deviceClasses, raciOverrides, raciVersions, signatures, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/services/auth/load-actor";
import { createDeviceClass } from "@/lib/services/admin/create-device-class";
import { getRaciClass } from "@/lib/services/raci/get-raci-class";
import { loadActivities, loadParties, resolveClass } from "@/lib/services/raci/raci-records";
import { reattestRaci } from "@/lib/services/raci/reattest-raci";
import { returnRaci } from "@/lib/services/raci/return-raci";
import { setRaciCell } from "@/lib/services/raci/set-raci-cell";
import { signRaci } from "@/lib/services/raci/sign-raci";
import { submitRaci } from "@/lib/services/raci/submit-raci";
import { demoDb } from "../test-db";

const PW = "lakeside-demo-2026";
let db: Db;
let sqlite: Database.Database;
const who: Record<string, Actor> = {};

const id = (name: string) => db.select().from(deviceClasses).where(eq(deviceClasses.name, name)).get()!.id;
const act = (prefix: string) => loadActivities(db).find((a) => a.name.startsWith(prefix))!.id;
const party = (name: string) => loadParties(db).find((p) => p.name === name)!.id;
const counts = () =>
  JSON.stringify(
    ["raci_overrides", "raci_versions", "signatures", "audit_log", "raci_template_cells"].map(
      (t) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`))!.n,
    ),
  );

beforeEach(async () => {
  ({ db, sqlite } = await demoDb());
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

describe("editing cells", () => {
  test("a lead edits their own party's column; the revision moves and the change is audited", () => {
    const syringe = id("Syringe pumps");
    const before = getRaciClass(db, who["it.lead"]!, syringe);
    const r = setRaciCell(db, who["it.lead"]!, {
      scope: syringe,
      activityId: act("Handle recalls"),
      partyId: party("IT Infrastructure"),
      letter: "C",
      expectedRevision: before.revision,
    });
    expect(r.revision).toBe(before.revision + 1);
    const after = getRaciClass(db, who["it.lead"]!, syringe);
    expect(after.cells.find((c) => c.activityId === act("Handle recalls") && c.partyId === party("IT Infrastructure"))).toMatchObject({
      letter: "C",
      overriddenHere: true,
    });
    expect(db.get<{ a: string }>(sql`select action as a from audit_log order by seq desc limit 1`)!.a).toBe("RACI_OVERRIDE_SET");
  });

  test.each([
    ["it.lead", "Clinical Engineering"],
    ["assessor", "Clinical Engineering"],
    ["auditor", "IT Infrastructure"],
    ["cio", "IT Infrastructure"],
  ])("%s cannot change the %s column and nothing changes", (user, partyName) => {
    const before = counts();
    expect(() =>
      setRaciCell(db, who[user]!, {
        scope: id("Syringe pumps"),
        activityId: act("Handle recalls"),
        partyId: party(partyName),
        letter: "A",
        expectedRevision: 0,
      }),
    ).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(counts()).toBe(before);
  });

  test("a concurrent edit is refused, names who changed the matrix, and overwrites nothing", () => {
    const cls = id("Blood gas analyzers");
    const rev = getRaciClass(db, who["ce.lead"]!, cls).revision;
    setRaciCell(db, who["it.lead"]!, {
      scope: cls,
      activityId: act("Network segmentation"),
      partyId: party("IT Infrastructure"),
      letter: "R",
      expectedRevision: rev,
    });
    const before = counts();
    expect(() =>
      setRaciCell(db, who["admin"]!, {
        scope: cls,
        activityId: act("Network segmentation"),
        partyId: party("IT Infrastructure"),
        letter: "C",
        expectedRevision: rev,
      }),
    ).toThrowError(/^Priya Natarajan changed this matrix at .* after you opened it\. Your change was not saved/);
    expect(counts()).toBe(before);
    expect(
      db
        .select()
        .from(raciOverrides)
        .where(and(eq(raciOverrides.deviceClassId, cls), eq(raciOverrides.partyId, party("IT Infrastructure"))))
        .get()!.letter,
    ).toBe("R");
  });

  test("a class in review cannot be edited", () => {
    const pca = id("PCA pumps");
    const rev = getRaciClass(db, who["ce.lead"]!, pca).revision;
    expect(() =>
      setRaciCell(db, who["ce.lead"]!, {
        scope: pca,
        activityId: act("Handle recalls"),
        partyId: party("Clinical Engineering"),
        letter: "R",
        expectedRevision: rev,
      }),
    ).toThrowError(/in review/);
  });
});

describe("sign-off workflow", () => {
  test("an invalid matrix is refused with the rule messages and no version is created", () => {
    const before = counts();
    expect(() => submitRaci(db, who["ce.lead"]!, { classId: id("Telemetry transmitters") })).toThrowError(
      /two parties are Accountable — Clinical Engineering and IT Infrastructure/,
    );
    expect(counts()).toBe(before);
  });

  test("submit → CE lead, IT lead, CIO sign → effective; wrong password and non-signers change nothing", async () => {
    const syringe = id("Syringe pumps");
    const v = submitRaci(db, who["ce.lead"]!, { classId: syringe });
    expect(v.status).toBe("in_review");
    const plan = JSON.parse(v.requiredSigners) as { partySigners: { name: string }[] };
    expect(plan.partySigners.map((s) => s.name).sort()).toEqual(["Carlos Estrada", "Priya Natarajan"]);

    let before = counts();
    await expect(signRaci(db, who["ce.lead"]!, { versionId: v.id, password: "wrong wrong wrong" })).rejects.toMatchObject({
      message: "The password is incorrect. Nothing was signed.",
    });
    expect(
      db
        .select()
        .from(signatures)
        .where(and(eq(signatures.entityType, "raci_version"), eq(signatures.entityId, String(v.id))))
        .all(),
    ).toHaveLength(0);
    expect(db.get<{ a: string }>(sql`select action as a from audit_log order by seq desc limit 1`)!.a).toBe("SIGNATURE_REFUSED_WRONG_PASSWORD");

    before = counts();
    await expect(signRaci(db, who["security.lead"]!, { versionId: v.id, password: PW })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(signRaci(db, who["assessor"]!, { versionId: v.id, password: PW })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(counts()).toBe(before);

    expect(await signRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW })).toEqual({ effective: false, remaining: 2 });
    await expect(signRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await signRaci(db, who["it.lead"]!, { versionId: v.id, password: PW })).toEqual({ effective: false, remaining: 1 });
    expect(await signRaci(db, who["cio"]!, { versionId: v.id, password: PW })).toEqual({ effective: true, remaining: 0 });

    const view = getRaciClass(db, who["auditor"]!, syringe);
    expect(view.status).toBe("effective");
    expect(view.effective!.signatures.map((s) => [s.printedName, s.meaning, s.verdict.valid])).toEqual([
      ["Carlos Estrada", "Accepts accountability", true],
      ["Priya Natarajan", "Accepts accountability", true],
      ["Dana Whitfield", "Approved", true],
    ]);

    // An edit starts a new draft; version 1 stays effective; signing version 2 supersedes it.
    setRaciCell(db, who["it.lead"]!, {
      scope: syringe,
      activityId: act("Handle recalls"),
      partyId: party("IT Infrastructure"),
      letter: "C",
      expectedRevision: view.revision,
    });
    const draft = getRaciClass(db, who["auditor"]!, syringe);
    expect(draft.status).toBe("draft");
    expect(draft.effective!.version.versionNo).toBe(1);
    const v2 = submitRaci(db, who["it.lead"]!, { classId: syringe });
    for (const u of ["ce.lead", "it.lead", "cio"]) await signRaci(db, who[u]!, { versionId: v2.id, password: PW });
    const statuses = db
      .select({ n: raciVersions.versionNo, s: raciVersions.status })
      .from(raciVersions)
      .where(eq(raciVersions.deviceClassId, syringe))
      .orderBy(raciVersions.versionNo)
      .all();
    expect(statuses).toEqual([
      { n: 1, s: "superseded" },
      { n: 2, s: "effective" },
    ]);

    // Content changed behind the application's back: the signatures no longer verify.
    sqlite.exec("DROP TRIGGER raci_versions_content_immutable");
    const row = db.select().from(raciVersions).where(eq(raciVersions.id, v2.id)).get()!;
    db.update(raciVersions)
      .set({ content: row.content.replace('"letter":"A"', '"letter":"C"') })
      .where(eq(raciVersions.id, v2.id))
      .run();
    const tampered = getRaciClass(db, who["auditor"]!, syringe);
    // …and the version no longer counts as effective (issue #10, finding 17).
    expect(tampered.status).toBe("signature_problem");
    expect(tampered.effective).toBeNull();
    expect(tampered.signatureProblem!.signatures[0]!.verdict).toEqual({
      valid: false,
      reason: "content_changed",
      message: "Signature invalid: content does not match what was signed",
    });
  });

  test("return to draft with a comment; the class is editable again; a contributor cannot return", () => {
    const pca = id("PCA pumps");
    const v = db
      .select()
      .from(raciVersions)
      .where(and(eq(raciVersions.deviceClassId, pca), eq(raciVersions.status, "in_review")))
      .get()!;
    const before = counts();
    expect(() => returnRaci(db, who["assessor"]!, { versionId: v.id, comment: "no" })).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(counts()).toBe(before);
    returnRaci(db, who["it.lead"]!, { versionId: v.id, comment: "IT should be Responsible for training" });
    const view = getRaciClass(db, who["it.lead"]!, pca);
    expect(view.status).toBe("draft");
    expect(view.lastReturned?.returnComment).toBe("IT should be Responsible for training");
    expect(() =>
      setRaciCell(db, who["it.lead"]!, {
        scope: pca,
        activityId: act("Role-based training"),
        partyId: party("IT Infrastructure"),
        letter: "R",
        expectedRevision: view.revision,
      }),
    ).not.toThrow();
  });

  test("re-attestation: the same content signed again by every required signer makes the matrix current", async () => {
    const chem = id("Chemistry analyzers");
    expect(getRaciClass(db, who["auditor"]!, chem).status).toBe("reattestation_due");
    const v = db
      .select()
      .from(raciVersions)
      .where(and(eq(raciVersions.deviceClassId, chem), eq(raciVersions.status, "effective")))
      .get()!;
    await expect(reattestRaci(db, who["security.lead"]!, { versionId: v.id, password: PW })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await reattestRaci(db, who["ce.lead"]!, { versionId: v.id, password: PW })).complete).toBe(false);
    await reattestRaci(db, who["it.lead"]!, { versionId: v.id, password: PW });
    expect((await reattestRaci(db, who["cio"]!, { versionId: v.id, password: PW })).complete).toBe(true);
    const view = getRaciClass(db, who["auditor"]!, chem);
    expect(view.status).toBe("effective");
    expect(view.effective!.signatures.filter((s) => s.kind === "reattest")).toHaveLength(3);
    const vent = db
      .select()
      .from(raciVersions)
      .where(and(eq(raciVersions.deviceClassId, id("Ventilators")), eq(raciVersions.status, "effective")))
      .get()!;
    await expect(reattestRaci(db, who["ce.lead"]!, { versionId: vent.id, password: PW })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  test("a template change that alters an effective class's matrix marks it changes pending", () => {
    const vent = id("Ventilators");
    expect(getRaciClass(db, who["admin"]!, vent).status).toBe("effective");
    setRaciCell(db, who["admin"]!, {
      scope: "template",
      activityId: act("Handle recalls"),
      partyId: party("Information Security"),
      letter: "I",
      expectedRevision: 0,
    });
    expect(getRaciClass(db, who["admin"]!, vent).status).toBe("changes_pending");
    expect(() =>
      setRaciCell(db, who["it.lead"]!, {
        scope: "template",
        activityId: act("Handle recalls"),
        partyId: party("IT Infrastructure"),
        letter: "A",
        expectedRevision: 1,
      }),
    ).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});

test("loading a class's matrix costs the same number of queries at depth 1 and depth 5", () => {
  const admin = who["admin"]!;
  const base = {
    description: "",
    regulated: "yes" as const,
    fdaClass: null,
    connectivity: "wired" as const,
    remoteVendorAccess: false,
    storesPhi: false,
    lifeSustaining: false,
    criticality: "low" as const,
  };
  let parent: number | null = null;
  for (let i = 0; i < 5; i++) parent = createDeviceClass(db, admin, { ...base, name: `Level ${i}`, parentId: parent }).id;
  const countQueries = (classId: number) => {
    let n = 0;
    const original = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((src: string) => {
      n++;
      return original(src);
    }) as typeof sqlite.prepare;
    try {
      resolveClass(db, classId);
    } finally {
      sqlite.prepare = original;
    }
    return n;
  };
  const deep = countQueries(parent!);
  expect(deep).toBeGreaterThan(0);
  expect(deep).toBe(countQueries(id("Ventilators")));
});

describe("the grid's compact payload", () => {
  test("packing and unpacking every demo class's cells gives back exactly the service's cells, in a fraction of the size", async () => {
    const { packCells, unpackCells } = await import("@/components/raci/grid-wire");
    const syringe = id("Syringe pumps");
    // An override on a child class, so letters, origins and inherited letters all differ somewhere.
    const v0 = getRaciClass(db, who["it.lead"]!, syringe);
    setRaciCell(db, who["it.lead"]!, {
      scope: syringe,
      activityId: act("Handle recalls"),
      partyId: party("IT Infrastructure"),
      letter: "C",
      expectedRevision: v0.revision,
    });
    for (const c of db.select().from(deviceClasses).all()) {
      const v = getRaciClass(db, who["admin"]!, c.id);
      const wire = packCells(v.cells, v.activities.length, v.parties.length);
      expect(unpackCells(wire, v.activities, v.parties)).toEqual(v.cells);
      expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(v.cells).length / 4);
    }
    const s = getRaciClass(db, who["admin"]!, syringe);
    expect(
      unpackCells(packCells(s.cells, s.activities.length, s.parties.length), s.activities, s.parties).filter((c) => c.overriddenHere).length,
    ).toBeGreaterThan(0);
  });
});
