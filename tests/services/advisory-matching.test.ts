import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { advisories, advisoryDeviceMatches, deviceModels, devices, manufacturerAliases, manufacturers, oemPositions } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { isAffected } from "@/lib/services/advisories/affected";
import { importAdvisories } from "@/lib/services/advisories/import-advisories";
import { matchAdvisories } from "@/lib/services/advisories/match-advisories";
import { latestOemPosition, oemPatchAvailable, oemPositionHistory } from "@/lib/services/advisories/oem-position";
import { recordOemPosition } from "@/lib/services/advisories/record-oem-position";
import { rematchAllAdvisories } from "@/lib/services/advisories/rematch-all-advisories";
import { reviewMatches } from "@/lib/services/advisories/review-matches";
import { normaliseManufacturerName, normaliseModelName } from "@/lib/rules/manufacturer";
import { recordOemPositionSchema, type RecordOemPositionInput } from "@/lib/validation/advisories";
import { inventoryOrg } from "./inventory-fixtures";

const CSAF_DIR = path.resolve(process.cwd(), "db/seed/data/csaf");
const file = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(CSAF_DIR, name))) });

let db: Db;
let users: Awaited<ReturnType<typeof inventoryOrg>>["users"];
let ids: { alaris: number; spectrum: number; siemens: number; dev: Record<string, number> };

const n = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const governed = () => ({
  matches: db.all(sql`select id, confidence, review_decision, review_reason, reviewed_by, superseded_at from advisory_device_matches order by id`),
  oem: n("oem_positions"),
  audit: n("audit_log"),
});
const advisoryId = (trackingId: string) => db.select({ id: advisories.id }).from(advisories).where(eq(advisories.trackingId, trackingId)).get()!.id;
const matchOf = (assetTag: string, trackingId: string) =>
  db
    .select()
    .from(advisoryDeviceMatches)
    .where(and(eq(advisoryDeviceMatches.deviceId, ids.dev[assetTag]!), eq(advisoryDeviceMatches.advisoryId, advisoryId(trackingId))))
    .get();

function maker(name: string, aliases: string[], models: { name: string; number?: string }[]): number[] {
  const at = clock.now().toISOString();
  const id = db.insert(manufacturers).values({ name, createdAt: at, updatedAt: at }).returning().get().id;
  for (const alias of [name, ...aliases])
    db.insert(manufacturerAliases)
      .values({ manufacturerId: id, alias, aliasKey: normaliseManufacturerName(alias), createdAt: at })
      .run();
  return models.map(
    (m) =>
      db
        .insert(deviceModels)
        .values({ manufacturerId: id, name: m.name, nameKey: normaliseModelName(m.name), modelNumber: m.number ?? null, createdAt: at, updatedAt: at })
        .returning()
        .get().id,
  );
}
function device(assetTag: string, modelId: number, siteId: number, softwareVersion: string | null, status: "in_service" | "retired" = "in_service"): void {
  const at = clock.now().toISOString();
  ids.dev[assetTag] = db.insert(devices).values({ assetTag, modelId, siteId, softwareVersion, status, createdAt: at, updatedAt: at }).returning().get().id;
}

beforeEach(async () => {
  const org = await inventoryOrg();
  db = org.db;
  users = org.users;
  const [alaris] = maker("Becton, Dickinson and Company (BD)", ["Becton Dickinson"], [{ name: "Alaris 8015 PC Unit", number: "8015" }]);
  const [spectrum] = maker("Baxter", ["Baxter Healthcare"], [{ name: "Sigma Spectrum" }]);
  // "Siemens SPECT/CT Systems Windows 7-Based" is in ICSMA-17-215-02's product tree but not known_affected.
  const [siemens] = maker("Siemens Healthineers", ["Siemens"], [{ name: "SPECT/CT Systems Windows 7-Based" }]);
  ids = { alaris: alaris!, spectrum: spectrum!, siemens: siemens!, dev: {} };
  device("LMH-1", alaris!, org.sites.lmh, "12.1.2");
  device("LMH-2", alaris!, org.sites.lmh, "12.3.0");
  device("NCH-1", alaris!, org.sites.nch, null);
  device("LMH-3", alaris!, org.sites.lmh, "12.1.2", "retired");
  device("LMH-4", spectrum!, org.sites.lmh, "8.00.01");
  device("LMH-5", spectrum!, org.sites.lmh, "8.00.01");
  device("NCH-2", spectrum!, org.sites.nch, "8.00.01");
  device("LMH-6", siemens!, org.sites.lmh, "VB10");
  importAdvisories(db, users.ceLead, [file("icsma-23-194-01.json"), file("icsma-20-170-04.json"), file("icsma-17-215-02.json")]);
});

describe("matching advisories to devices", () => {
  test("an import matches at once: version inside the range, version unknown, possible; outside, retired and not-affected products do not match", () => {
    const exact = matchOf("LMH-1", "ICSMA-23-194-01")!;
    expect(exact.confidence).toBe("version");
    expect(exact.reason).toMatch(/Alaris 8015 PC Unit.*BD Alaris Point-of-Care Unit \(PCU\) Model 8015.*12\.1\.2 is within <= 12\.1\.3/);
    expect(matchOf("NCH-1", "ICSMA-23-194-01")!.confidence).toBe("model");
    expect(matchOf("NCH-1", "ICSMA-23-194-01")!.reason).toMatch(/version unknown/);
    expect(matchOf("LMH-2", "ICSMA-23-194-01")).toBeUndefined();
    expect(matchOf("LMH-3", "ICSMA-23-194-01")).toBeUndefined();
    expect(matchOf("LMH-4", "ICSMA-20-170-04")!.confidence).toBe("possible");
    expect(matchOf("LMH-4", "ICSMA-20-170-04")!.reason).toMatch(/^Possible match — confirm: .*model or a condition/);
    expect(matchOf("LMH-6", "ICSMA-17-215-02")).toBeUndefined();
    expect(n("advisory_device_matches")).toBe(5);
    // Affected: the version and model matches; possible ones wait for review.
    expect(db.select({ id: advisoryDeviceMatches.id }).from(advisoryDeviceMatches).where(isAffected()).all()).toHaveLength(2);
  });

  test("re-matching unchanged data writes nothing; a device upgraded out of the range loses its unreviewed match", () => {
    const before = governed();
    const counts = matchAdvisories(db);
    expect(counts.reduce((s, c) => s + c.written + c.removed + c.superseded, 0)).toBe(0);
    expect(governed()).toEqual(before);
    db.update(devices).set({ softwareVersion: "12.3.0" }).where(eq(devices.id, ids.dev["LMH-1"]!)).run();
    matchAdvisories(db);
    expect(matchOf("LMH-1", "ICSMA-23-194-01")).toBeUndefined();
    expect(n("audit_log")).toBe(before.audit + 1);
  });

  test("a reviewed match the matcher no longer produces is kept as superseded with its review; it comes back with the review when produced again", () => {
    reviewMatches(db, users.ceLead, {
      advisoryId: advisoryId("ICSMA-20-170-04"),
      matchId: matchOf("LMH-4", "ICSMA-20-170-04")!.id,
      decision: "confirmed",
      reason: "Pump runs v8 with battery module v17.",
    });
    db.update(devices).set({ status: "retired" }).where(eq(devices.id, ids.dev["LMH-4"]!)).run();
    matchAdvisories(db);
    const kept = matchOf("LMH-4", "ICSMA-20-170-04")!;
    expect(kept.supersededAt).not.toBeNull();
    expect(kept.reviewDecision).toBe("confirmed");
    db.update(devices).set({ status: "in_service" }).where(eq(devices.id, ids.dev["LMH-4"]!)).run();
    matchAdvisories(db);
    expect(matchOf("LMH-4", "ICSMA-20-170-04")).toMatchObject({ supersededAt: null, reviewDecision: "confirmed" });
  });

  test("Re-match all: admins and the Clinical Engineering lead only", () => {
    expect(rematchAllAdvisories(db, users.ceLead)).toMatchObject({ advisories: 3, matched: 5, changed: 0 });
    const before = governed();
    for (const who of [users.itLead, users.contributor, users.auditor, users.leadership]) expect(() => rematchAllAdvisories(db, who)).toThrow(/permission/);
    expect(governed()).toEqual(before);
  });
});

describe("reviewing possible matches", () => {
  test("confirming one possible match makes the device affected, with who, when, why and an audit entry", () => {
    const id = matchOf("LMH-4", "ICSMA-20-170-04")!.id;
    const audit = n("audit_log");
    expect(
      reviewMatches(db, users.ceLead, {
        advisoryId: advisoryId("ICSMA-20-170-04"),
        matchId: id,
        decision: "confirmed",
        reason: "Model 35700BAX2 on the label.",
      }),
    ).toEqual({ reviewed: 1 });
    expect(matchOf("LMH-4", "ICSMA-20-170-04")).toMatchObject({
      reviewDecision: "confirmed",
      reviewReason: "Model 35700BAX2 on the label.",
      reviewedBy: users.ceLead.id,
    });
    expect(
      db
        .select({ id: advisoryDeviceMatches.id })
        .from(advisoryDeviceMatches)
        .where(and(isAffected(), eq(advisoryDeviceMatches.id, id)))
        .all(),
    ).toHaveLength(1);
    expect(n("audit_log")).toBe(audit + 1);
    expect(() => reviewMatches(db, users.ceLead, { advisoryId: advisoryId("ICSMA-20-170-04"), matchId: id, decision: "dismissed", reason: "again" })).toThrow(
      /already confirmed/,
    );
  });

  test("dismissing all possible matches of one model at once; a site-scoped lead reaches only their site's devices", () => {
    const adv = advisoryId("ICSMA-20-170-04");
    db.run(sql`update users set site_id = 2 where id = ${users.ceLead.id}`);
    const scoped: Actor = { ...users.ceLead, siteId: 2 };
    expect(() => reviewMatches(db, scoped, { advisoryId: adv, matchId: matchOf("LMH-4", "ICSMA-20-170-04")!.id, decision: "dismissed", reason: "x" })).toThrow(
      /not found/i,
    );
    expect(
      reviewMatches(db, scoped, { advisoryId: adv, modelId: ids.spectrum, decision: "dismissed", reason: "Our Spectrums are v9 with the new battery module." }),
    ).toEqual({ reviewed: 1 });
    expect(matchOf("NCH-2", "ICSMA-20-170-04")!.reviewDecision).toBe("dismissed");
    expect(matchOf("LMH-4", "ICSMA-20-170-04")!.reviewDecision).toBeNull();
    expect(reviewMatches(db, users.admin, { advisoryId: adv, modelId: ids.spectrum, decision: "dismissed", reason: "Checked on site." })).toEqual({
      reviewed: 2,
    });
    expect(() => reviewMatches(db, users.admin, { advisoryId: adv, modelId: ids.spectrum, decision: "dismissed", reason: "again" })).toThrow(
      /No possible match/,
    );
  });

  test("refusals change nothing: wrong role, a rule-decided match, neither or both of match and model", () => {
    const before = governed();
    const adv = advisoryId("ICSMA-20-170-04");
    const id = matchOf("LMH-4", "ICSMA-20-170-04")!.id;
    for (const who of [users.itLead, users.secLead, users.contributor, users.auditor, users.leadership]) {
      expect(() => reviewMatches(db, who, { advisoryId: adv, matchId: id, decision: "confirmed", reason: "r" })).toThrow(/permission/);
    }
    expect(() =>
      reviewMatches(db, users.ceLead, {
        advisoryId: advisoryId("ICSMA-23-194-01"),
        matchId: matchOf("LMH-1", "ICSMA-23-194-01")!.id,
        decision: "dismissed",
        reason: "r",
      }),
    ).toThrow(/Only a possible match/);
    expect(() => reviewMatches(db, users.ceLead, { advisoryId: adv, decision: "confirmed", reason: "r" })).toThrow(/Choose one possible match/);
    expect(() => reviewMatches(db, users.ceLead, { advisoryId: adv, matchId: id, modelId: ids.spectrum, decision: "confirmed", reason: "r" })).toThrow(
      /Choose one possible match/,
    );
    expect(() => reviewMatches(db, users.ceLead, { advisoryId: 9999, matchId: id, decision: "confirmed", reason: "r" })).toThrow(/not found/i);
    expect(governed()).toEqual(before);
  });
});

describe("OEM positions", () => {
  const patch = (over: Partial<RecordOemPositionInput> = {}): RecordOemPositionInput => ({
    advisoryId: advisoryId("ICSMA-23-194-01"),
    modelId: ids.alaris,
    position: "patch_available",
    bulletinRef: "BD bulletin 2023-07",
    bulletinUrl: null,
    validatedVersion: "12.3.0",
    validatedOn: clock.today(),
    installNotes: "Through Systems Manager.",
    note: null,
    ...over,
  });

  test("positions are versioned: validating, then an OEM-validated patch; the current one decides 'patch available'; history and audit kept", () => {
    const adv = advisoryId("ICSMA-23-194-01");
    const available = () => db.get<{ ok: number }>(sql`select ${oemPatchAvailable(sql`${adv}`, sql`${ids.alaris}`)} as ok`)!.ok;
    expect(latestOemPosition(db, adv, ids.alaris)).toBeNull();
    const audit = n("audit_log");
    recordOemPosition(
      db,
      users.ceLead,
      patch({ position: "validating", bulletinRef: null, validatedVersion: null, validatedOn: null, installNotes: null, note: "BD is validating 12.3." }),
    );
    expect(available()).toBe(0);
    recordOemPosition(db, users.admin, patch());
    expect(available()).toBe(1);
    expect(oemPositionHistory(db, adv, ids.alaris).map((p) => p.position)).toEqual(["validating", "patch_available"]);
    expect(latestOemPosition(db, adv, ids.alaris)).toMatchObject({ validatedVersion: "12.3.0", bulletinRef: "BD bulletin 2023-07" });
    expect(n("audit_log")).toBe(audit + 2);
    expect(() => recordOemPosition(db, users.ceLead, patch())).toThrow(/already "OEM-validated patch available"/);
    expect(() => db.run(sql`update oem_positions set position = 'validating'`)).toThrow();
    expect(() => db.run(sql`delete from oem_positions`)).toThrow();
    expect(oemPositionHistory(db, adv, ids.alaris)).toHaveLength(2);
  });

  test("the form refuses a patch without bulletin, version or a real date, and a future date", () => {
    const bad = recordOemPositionSchema.safeParse({ ...patch(), bulletinRef: "", validatedVersion: "", validatedOn: "2025-02-30" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(" ");
    expect(messages).toMatch(/not a date on the calendar/);
    expect(messages).toMatch(/bulletin reference or its URL/);
    expect(messages).toMatch(/version the OEM validated/);
    expect(recordOemPositionSchema.safeParse({ ...patch(), validatedOn: "2999-01-01" }).success).toBe(false);
    expect(recordOemPositionSchema.safeParse({ ...patch(), bulletinUrl: "javascript:alert(1)" }).success).toBe(false);
  });

  test("refusals change nothing: wrong role, a model the advisory does not match, an unknown advisory", () => {
    const before = governed();
    for (const who of [users.itLead, users.secLead, users.contributor, users.auditor, users.leadership])
      expect(() => recordOemPosition(db, who, patch())).toThrow(/permission/);
    expect(() => recordOemPosition(db, users.ceLead, patch({ modelId: ids.siemens }))).toThrow(/does not match any device/);
    expect(() => recordOemPosition(db, users.ceLead, patch({ advisoryId: 9999 }))).toThrow(/not found/i);
    expect(governed()).toEqual(before);
    expect(db.select().from(oemPositions).all()).toHaveLength(0);
  });
});
