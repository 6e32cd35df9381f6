import fs from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import {
  auditLog,
  deviceClasses,
  deviceEvents,
  deviceModels,
  devices,
  manufacturers,
  parties,
  recallActions,
  recallModelMatches,
  recallRevisions,
  recalls,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { loadActor } from "@/lib/services/auth/load-actor";
import { getRecall, outstandingRecallsForDevice } from "@/lib/services/recalls/get-recall";
import { importRecalls } from "@/lib/services/recalls/import-recalls";
import { listRecalls } from "@/lib/services/recalls/list-recalls";
import { recordRecallAction } from "@/lib/services/recalls/record-recall-action";
import { reviewRecallMatch } from "@/lib/services/recalls/review-recall-match";
import { demoDb, makeUser } from "../test-db";

/**
 * Issue #13 item 5 on the demo health system (tests/services/my-items.test.ts covers the "My items" routing): the
 * demo holds the real openFDA examples (Z-0053-2020 matched to Arrow's AK-25502 kit, offered for confirmation on
 * Arrow's arterial kit; Z-0359-2013 matching nothing) and one recorded action.
 */
const samples = JSON.parse(fs.readFileSync("../shared/data/fda-openfda/openfda_device_recall_examples.json", "utf8"));
const enforcement = JSON.parse(fs.readFileSync("../shared/data/fda-openfda/openfda_device_enforcement_examples.json", "utf8"));
const json = (name: string, doc: unknown) => ({ name, bytes: new TextEncoder().encode(typeof doc === "string" ? doc : JSON.stringify(doc)) });
const now = clock.now();
const today = clock.today();

let db: Db;
let who: Record<string, Actor>;
const n = (table: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const snapshot = () =>
  Object.fromEntries(["recalls", "recall_revisions", "recall_model_matches", "recall_actions", "device_events", "audit_log"].map((t) => [t, n(t)]));
const recallNo = (no: string) => db.select().from(recalls).where(eq(recalls.recallNumber, no)).get()!;
const device = (tag: string) => db.select().from(devices).where(eq(devices.assetTag, tag)).get()!;
const matchOf = (recallId: number, modelName: string) =>
  db
    .select({ m: recallModelMatches })
    .from(recallModelMatches)
    .innerJoin(deviceModels, eq(deviceModels.id, recallModelMatches.modelId))
    .where(and(eq(recallModelMatches.recallId, recallId), eq(deviceModels.name, modelName)))
    .get()!.m;

beforeEach(async () => {
  db = (await demoDb(now)).db;
  who = {};
  for (const u of db.select().from(users).all()) {
    const { active: _a, ...actor } = loadActor(db, u.id)!;
    who[u.email.split("@")[0]!] = actor;
  }
});

describe("importing openFDA recalls", () => {
  test("the demo holds the real examples, matched with a reason, and one audit entry for their import", () => {
    const arrow = recallNo("Z-0053-2020");
    expect(arrow).toMatchObject({
      productCode: "FOZ",
      firm: "Arrow International Inc",
      initiatedOn: "2019-05-17",
      terminatedOn: "2020-09-24",
      recallClass: null,
    });
    expect(matchOf(arrow.id, "Pediatric Two-Lumen CVC Kit")).toMatchObject({ confidence: "matched" });
    expect(matchOf(arrow.id, "Arterial Catheterization Kit")).toMatchObject({ confidence: "confirm", reviewDecision: null });
    expect(
      db
        .select()
        .from(recallModelMatches)
        .where(eq(recallModelMatches.recallId, recallNo("Z-0359-2013").id))
        .all(),
    ).toEqual([]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "RECALLS_IMPORTED")).all()).toHaveLength(1);
  });

  test.each([
    ["not JSON", json("bad.json", "{ results: [ "), /^Nothing was imported\. bad\.json is not valid JSON/],
    ["JSON that is not openFDA", json("other.json", { vulnerabilities: [] }), /other\.json is JSON but not an openFDA device recall or enforcement response/],
    [
      "the real enforcement example (no recall number, no product code)",
      json("enf.json", { results: [enforcement.result] }),
      /enf\.json, record 1 has no recall number/,
    ],
    ["a record without product code", json("nocode.json", { results: [{ recall_number: "Z-9999-2026" }] }), /has no FDA product code/],
    [
      "an impossible date",
      json("date.json", { results: [{ recall_number: "Z-9998-2026", product_code: "FRN", recall_initiation_date: "20250230" }] }),
      /recall_initiation_date "20250230" is not a calendar date/,
    ],
    ["an empty file", json("empty.json", ""), /empty\.json is empty/],
  ])("%s: a sentence, and nothing stored", (_label, file, message) => {
    const before = snapshot();
    expect(() => importRecalls(db, who["ce.lead"]!, [file], now)).toThrow(message);
    expect(snapshot()).toEqual(before);
  });

  test("a good file beside a bad one stores nothing", () => {
    const before = snapshot();
    expect(() =>
      importRecalls(db, who["ce.lead"]!, [json("good.json", { results: [{ recall_number: "Z-1000-2026", product_code: "FOZ" }] }), json("bad.json", "[")], now),
    ).toThrow(/bad\.json is not valid JSON/);
    expect(snapshot()).toEqual(before);
  });

  test("re-import: the same records write nothing; an enforcement record adds the class and status and keeps the history", () => {
    const before = snapshot();
    expect(importRecalls(db, who["ce.lead"]!, [json("again.json", samples.anatomy)], now)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(snapshot()).toEqual(before);
    const enf = {
      results: [
        {
          ...enforcement.result,
          recall_number: "Z-0053-2020",
          product_code: "FOZ",
          recalling_firm: "Arrow International Inc",
          classification: "Class II",
          status: "Terminated",
        },
      ],
    };
    expect(importRecalls(db, who["admin"]!, [json("enforcement.json", enf)], now)).toMatchObject({ created: 0, updated: 1 });
    const r = recallNo("Z-0053-2020");
    expect(r.recallClass).toBe("II");
    const revisions = db.select().from(recallRevisions).where(eq(recallRevisions.recallId, r.id)).all();
    expect(revisions.map((v) => [v.source, v.fileName])).toEqual([
      ["recall", "device-recall-examples.json"],
      ["enforcement", "enforcement.json"],
    ]);
    expect(JSON.parse(revisions[0]!.content).recallClass).toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, "RECALLS_IMPORTED")).all()).toHaveLength(2);
    // What FDA said before cannot be rewritten.
    expect(() => db.delete(recallRevisions).run()).toThrow(/append-only/);
  });

  test("only admins and the Clinical Engineering lead import; a refusal stores nothing", async () => {
    const before = snapshot();
    for (const name of ["it.lead", "security.lead", "cio", "assessor", "auditor"]) {
      expect(() => importRecalls(db, who[name]!, [json("r.json", { results: [{ recall_number: "Z-1001-2026", product_code: "FOZ" }] })], now), name).toThrow(
        "You don't have permission to do this.",
      );
    }
    expect(snapshot()).toEqual(before);
  });
});

describe("reviewing uncertain matches", () => {
  test("the CE lead confirms with a reason (audited); the arterial kit's device then has an outstanding recall", () => {
    const arrow = recallNo("Z-0053-2020");
    const m = matchOf(arrow.id, "Arterial Catheterization Kit");
    const kit = device("LMH-ARW-101");
    expect(outstandingRecallsForDevice(db, who["auditor"]!, kit.id)).toEqual([]);
    reviewRecallMatch(db, who["ce.lead"]!, { matchId: m.id, decision: "confirmed", reason: "Arrow's notice lists the RA-04020 kits too." }, now);
    expect(outstandingRecallsForDevice(db, who["auditor"]!, kit.id)).toEqual([expect.objectContaining({ recallNumber: "Z-0053-2020", owners: [] })]);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "RECALL_MATCH_CONFIRMED")).get()!;
    expect(JSON.parse(audit.newValues!)).toMatchObject({ decision: "confirmed", reason: "Arrow's notice lists the RA-04020 kits too." });
    expect(() => reviewRecallMatch(db, who["ce.lead"]!, { matchId: m.id, decision: "dismissed", reason: "Changed my mind" }, now)).toThrow(/already confirmed/);
    // A re-import re-matches but keeps the review.
    importRecalls(db, who["ce.lead"]!, [json("upd.json", { results: [{ ...samples.anatomy.results[0], recall_status: "Open" }] })], now);
    expect(matchOf(arrow.id, "Arterial Catheterization Kit")).toMatchObject({ reviewDecision: "confirmed" });
  });

  test("dismissing a rule match removes the recall from its devices; other roles are refused and change nothing", () => {
    const arrow = recallNo("Z-0053-2020");
    const m = matchOf(arrow.id, "Pediatric Two-Lumen CVC Kit");
    const before = snapshot();
    for (const name of ["it.lead", "security.lead", "cio", "assessor", "auditor"]) {
      expect(() => reviewRecallMatch(db, who[name]!, { matchId: m.id, decision: "dismissed", reason: "x" }, now), name).toThrow(
        "You don't have permission to do this.",
      );
    }
    expect(snapshot()).toEqual(before);
    expect(outstandingRecallsForDevice(db, who["auditor"]!, device("LMH-ARW-001").id)).toHaveLength(1);
    reviewRecallMatch(db, who["admin"]!, { matchId: m.id, decision: "dismissed", reason: "Our kits are from a lot outside the recall." }, now);
    expect(outstandingRecallsForDevice(db, who["auditor"]!, device("LMH-ARW-001").id)).toEqual([]);
  });
});

describe("recording the action on a device", () => {
  test("with no signed owner the CE lead records it: action, device history (with the work order) and audit row together", () => {
    const arrow = recallNo("Z-0053-2020");
    const kit = device("NCH-ARW-001");
    // Dated before the recall began (found by a probe): refused with both dates, nothing written, still outstanding.
    const untouched = snapshot();
    const began = arrow.initiatedOn;
    expect(began).toBeTruthy();
    expect(() =>
      recordRecallAction(
        db,
        who["ce.lead"]!,
        { recallId: arrow.id, deviceId: kit.id, state: "done", workOrder: "WO-1", actionOn: "2001-01-01", notes: "" },
        now,
      ),
    ).toThrow(`2001-01-01 is before recall Z-0053-2020 began (${began}): give the date the work was done.`);
    expect(snapshot()).toEqual(untouched);
    expect(outstandingRecallsForDevice(db, who["auditor"]!, kit.id)).toHaveLength(1);
    recordRecallAction(
      db,
      who["ce.lead"]!,
      { recallId: arrow.id, deviceId: kit.id, state: "done", workOrder: "WO-77001", actionOn: today, notes: "Notice placed in stock." },
      now,
    );
    const event = db
      .select()
      .from(deviceEvents)
      .where(and(eq(deviceEvents.deviceId, kit.id), eq(deviceEvents.kind, "recall_action")))
      .get()!;
    expect(event).toMatchObject({ workOrder: "WO-77001", actorId: who["ce.lead"]!.id });
    expect(event.note).toBe(`Recall Z-0053-2020: corrective action done on ${today}. Notice placed in stock.`);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "RECALL_ACTION_RECORDED")).all().at(-1)!;
    expect(JSON.parse(audit.newValues!)).toMatchObject({ assetTag: "NCH-ARW-001", workOrder: "WO-77001", partyId: null });
    expect(outstandingRecallsForDevice(db, who["auditor"]!, kit.id)).toEqual([]);
    const before = snapshot();
    expect(() =>
      recordRecallAction(db, who["ce.lead"]!, { recallId: arrow.id, deviceId: kit.id, state: "done", workOrder: "WO-2", actionOn: today, notes: "" }, now),
    ).toThrow(/already recorded for NCH-ARW-001/);
    expect(() => db.update(recallActions).set({ workOrder: "X" }).run()).toThrow(/append-only/);
    expect(snapshot()).toEqual(before);
  });

  test("routing: a classified model goes to the Responsible parties of the signed RACI; others are refused and nothing changes", async () => {
    const arrow = recallNo("Z-0053-2020");
    const maker = db.select().from(manufacturers).where(eq(manufacturers.name, "Arrow International")).get()!;
    const lvp = db.select().from(deviceClasses).where(eq(deviceClasses.name, "Large-volume infusion pumps")).get()!;
    db.update(deviceModels).set({ deviceClassId: lvp.id }).where(eq(deviceModels.manufacturerId, maker.id)).run();
    const supply = db.select().from(parties).where(eq(parties.name, "Supply Chain / Contracts")).get()!;
    const supplyLead = await makeUser(db, { roles: ["lead"], partyId: supply.id, leads: supply.id });
    const kit = device("LMH-ARW-001");
    const view = getRecall(db, supplyLead, arrow.id);
    expect(view.devices.find((d) => d.deviceId === kit.id)).toMatchObject({
      mayRecord: true,
      owners: [expect.objectContaining({ party: "Clinical Department Owner" }), expect.objectContaining({ party: "Supply Chain / Contracts" })],
    });
    expect(getRecall(db, who["ce.lead"]!, arrow.id).devices.find((d) => d.deviceId === kit.id)!.mayRecord).toBe(false);
    const before = snapshot();
    for (const name of ["ce.lead", "it.lead", "cio", "assessor", "auditor"]) {
      expect(
        () => recordRecallAction(db, who[name]!, { recallId: arrow.id, deviceId: kit.id, state: "done", workOrder: "WO-1", actionOn: today, notes: "" }, now),
        name,
      ).toThrow("You don't have permission to do this.");
    }
    expect(snapshot()).toEqual(before);
    recordRecallAction(
      db,
      supplyLead,
      { recallId: arrow.id, deviceId: kit.id, state: "not_affected", workOrder: "WO-77002", actionOn: today, notes: "Lot 13F18C0374 not in stock." },
      now,
    );
    expect(db.select().from(recallActions).where(eq(recallActions.deviceId, kit.id)).get()).toMatchObject({ state: "not_affected", partyId: supply.id });
    expect(listRecalls(db, who["auditor"]!, { status: "all", site: null, party: supply.id }).map((r) => r.recallNumber)).toEqual(["Z-0053-2020"]);
    expect(listRecalls(db, who["auditor"]!, { status: "all", site: null, party: "none" })).toEqual([]);
  });

  test("a device of another site is not found for a site-scoped lead; a device the recall does not apply to is refused", async () => {
    const arrow = recallNo("Z-0053-2020");
    const lmh = device("LMH-ARW-001").siteId;
    const ce = db.select().from(parties).where(eq(parties.name, "Clinical Engineering")).get()!;
    const siteLead = { ...(await makeUser(db, { roles: ["lead"], partyId: ce.id })), leadOfPartyIds: [ce.id], siteId: lmh };
    const before = snapshot();
    expect(() =>
      recordRecallAction(
        db,
        siteLead,
        { recallId: arrow.id, deviceId: device("NCH-ARW-001").id, state: "done", workOrder: "WO-1", actionOn: today, notes: "" },
        now,
      ),
    ).toThrow("This device was not found.");
    expect(() =>
      recordRecallAction(
        db,
        who["ce.lead"]!,
        { recallId: arrow.id, deviceId: device("LMH-ARW-101").id, state: "done", workOrder: "WO-1", actionOn: today, notes: "" },
        now,
      ),
    ).toThrow("Recall Z-0053-2020's match to LMH-ARW-101's model waits for a Clinical Engineering lead to confirm it: record the work once it is confirmed.");
    // A retired device, and a device of a model the recall does not concern, are told so (found by a probe: both read
    // "its model is not matched").
    const retired = device("LMH-ARW-002");
    db.run(sql`update devices set status = 'retired' where id = ${retired.id}`);
    const retiredBefore = snapshot();
    expect(() =>
      recordRecallAction(db, who["ce.lead"]!, { recallId: arrow.id, deviceId: retired.id, state: "done", workOrder: "WO-1", actionOn: today, notes: "" }, now),
    ).toThrow("LMH-ARW-002 is retired: a retired device has no recall work to record.");
    expect(snapshot()).toEqual(retiredBefore);
    db.run(sql`update devices set status = 'in_service' where id = ${retired.id}`);
    const other = db.get<{ id: number; tag: string }>(
      sql`select id, asset_tag as tag from devices where asset_tag not like '%-ARW-%' and model_id is not null limit 1`,
    )!;
    expect(() =>
      recordRecallAction(db, who["ce.lead"]!, { recallId: arrow.id, deviceId: other.id, state: "done", workOrder: "WO-1", actionOn: today, notes: "" }, now),
    ).toThrow(`Recall Z-0053-2020 does not concern ${other.tag}'s model.`);
    // A device without a model: told so (the kit's model set aside for the check, then restored).
    const kit = device("NCH-ARW-001");
    const kitModel = db.get<{ m: number }>(sql`select model_id as m from devices where id = ${kit.id}`)!.m;
    db.run(sql`update devices set model_id = null where id = ${kit.id}`);
    expect(() =>
      recordRecallAction(db, who["ce.lead"]!, { recallId: arrow.id, deviceId: kit.id, state: "done", workOrder: "WO-1", actionOn: today, notes: "" }, now),
    ).toThrow("NCH-ARW-001 has no model in the inventory, so no recall is matched to it: give it its model first.");
    db.run(sql`update devices set model_id = ${kitModel} where id = ${kit.id}`);
    expect(snapshot()).toEqual(before);
    expect(getRecall(db, siteLead, arrow.id).devices.map((d) => d.assetTag)).toEqual(["LMH-ARW-001", "LMH-ARW-002"]);
  });
});

describe("the recall list", () => {
  test("counts devices and outstanding ones per recall, and filters by status, class, site and party", () => {
    const all = listRecalls(db, who["auditor"]!, { status: "all", site: null });
    expect(all.map((r) => [r.recallNumber, r.devices, r.outstanding, r.awaitingReview, r.owners])).toEqual([
      ["Z-0053-2020", 3, 2, 1, ["No signed owner"]],
      ["Z-0359-2013", 0, 0, 0, []],
    ]);
    expect(listRecalls(db, who["auditor"]!, { status: "outstanding", site: null }).map((r) => r.recallNumber)).toEqual(["Z-0053-2020"]);
    expect(listRecalls(db, who["auditor"]!, { status: "review", site: null }).map((r) => r.recallNumber)).toEqual(["Z-0053-2020"]);
    expect(listRecalls(db, who["auditor"]!, { status: "actioned", site: null })).toEqual([]);
    expect(listRecalls(db, who["auditor"]!, { status: "all", site: null, recallClass: "I" })).toEqual([]);
    const nch = device("NCH-ARW-001").siteId;
    expect(listRecalls(db, who["auditor"]!, { status: "all", site: nch }).map((r) => [r.recallNumber, r.devices])).toEqual([["Z-0053-2020", 1]]);
    expect(listRecalls(db, who["auditor"]!, { status: "all", site: null, party: "none" }).map((r) => r.recallNumber)).toEqual(["Z-0053-2020"]);
  });
});
