// Issue #13 item 2: a committed CMMS import re-matches only what it touched, and a model edit re-derives that model's
// recall matches. Row writes to the match tables are counted by temporary triggers, so "nothing else was rewritten"
// is measured, not assumed.
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { demoCmmsExportCsv } from "@/db/seed/inventory-demo";
import { DEMO_CMMS_SOURCE } from "@/db/seed/inventory-data";
import { clock } from "@/lib/clock";
import { toCsv } from "@/lib/rules/spreadsheet";
import { matchAdvisories } from "@/lib/services/advisories/match-advisories";
import { loadActor } from "@/lib/services/auth/load-actor";
import { commitImport } from "@/lib/services/inventory/commit-import";
import { updateModel } from "@/lib/services/inventory/update-model";
import { demoDb } from "../test-db";

/** Records every row written to a table (device or model, and kind) in temp.writes. */
function countWrites(db: Db, table: "advisory_device_matches" | "recall_model_matches", key: "device_id" | "model_id") {
  db.run(sql.raw("create temp table if not exists writes (tbl text, kind text, k integer)"));
  for (const [kind, ref] of [
    ["insert", "new"],
    ["update", "new"],
    ["delete", "old"],
  ] as const) {
    db.run(
      sql.raw(
        `create temp trigger if not exists w_${table}_${kind} after ${kind} on main.${table} begin insert into temp.writes values ('${table}', '${kind}', ${ref}.${key}); end`,
      ),
    );
  }
  return () => db.all<{ kind: string; k: number }>(sql.raw(`select kind, k from temp.writes where tbl = '${table}' order by rowid`));
}

const matchRows = (db: Db) => db.all<Record<string, unknown>>(sql`select * from advisory_device_matches order by id`);
const derived = (db: Db) =>
  db.all<{ entity_id: string; new_values: string }>(sql`select entity_id, new_values from audit_log where action = 'ADVISORY_MATCHES_DERIVED' order by seq`);

/** The demo's own CMMS export with `edit` applied to the rows (header row first). */
function demoExport(edit: (rows: string[][], col: (name: string) => number) => void): Uint8Array {
  const rows = parse(demoCmmsExportCsv(clock.today())) as string[][];
  edit(rows, (name) => rows[0]!.indexOf(name));
  return new TextEncoder().encode(toCsv(rows));
}

describe("a CMMS import re-matches only what it touched", () => {
  test("one device's new software version: its matches change, no other device is re-matched or written", async () => {
    const { db } = await demoDb();
    const ce = loadActor(db, 3)!;
    // A device matched on its version: its version moves out of the advisory's range.
    const target = db.get<{ id: number; tag: string; advisory: number; version: string }>(sql`
      select d.id, d.asset_tag as tag, m.advisory_id as advisory, d.software_version as version from devices d join advisory_device_matches m on m.device_id = d.id
      where m.confidence = 'version' and m.review_decision is null and d.software_version = '12.1.2' order by d.id limit 1`)!;
    expect(target).toBeDefined();
    const body = demoExport((rows, col) => {
      const row = rows.find((r) => r[col("Equipment ID")] === target.tag)!;
      row[col("Software Version")] = "12.3.0";
    });
    // A match row of an untouched device is taken away behind the matcher's back: a full re-match would put it back,
    // a re-match of what the import touched leaves it missing.
    const bystander = db.get<{ id: number; device: number }>(
      sql`select id, device_id as device from advisory_device_matches where device_id <> ${target.id} and review_decision is null order by id limit 1`,
    )!;
    db.run(sql`delete from advisory_device_matches where id = ${bystander.id}`);
    const others = matchRows(db).filter((r) => r.device_id !== target.id);
    const audits = derived(db).length;
    const writes = countWrites(db, "advisory_device_matches", "device_id");

    const result = await commitImport(db, ce, { fileName: "one-change.csv", bytes: body, source: DEMO_CMMS_SOURCE, fullExport: true });
    expect(result.counts).toMatchObject({ new: 0, changed: 1, missing: 0 });
    const written = writes();
    expect(written.length).toBeGreaterThan(0);
    expect(new Set(written.map((w) => w.k))).toEqual(new Set([target.id]));
    expect(db.get(sql`select 1 from advisory_device_matches where device_id = ${target.id} and advisory_id = ${target.advisory}`)).toBeUndefined();
    // Every other match row is exactly as it was (same id, same matched_at).
    expect(matchRows(db).filter((r) => r.device_id !== target.id)).toEqual(others);
    // One audit entry per advisory whose rows for this device changed.
    const newAudits = derived(db).slice(audits);
    expect(newAudits.map((a) => a.entity_id)).toContain(String(target.advisory));
    expect(newAudits.length).toBeLessThanOrEqual(written.length);
    for (const a of newAudits) expect(JSON.parse(a.new_values)).toMatchObject({ advisoryId: Number(a.entity_id) });

    // Only the bystander's missing row is left for a full re-match to write: the import re-matched nothing else.
    const full = matchAdvisories(db);
    expect(full.reduce((s, c) => s + c.written + c.removed + c.superseded, 0)).toBe(1);
    expect(db.get<{ n: number }>(sql`select count(*) as n from advisory_device_matches where device_id = ${bystander.device}`)!.n).toBeGreaterThan(0);
  });

  test("a new device is matched, and only its rows are written; the same file again writes nothing", async () => {
    const { db } = await demoDb();
    const ce = loadActor(db, 3)!;
    const source = db.get<{ tag: string }>(sql`
      select d.asset_tag as tag from devices d join advisory_device_matches m on m.device_id = d.id where m.confidence = 'version' order by d.id limit 1`)!;
    const body = demoExport((rows, col) => {
      const copy = [...rows.find((r) => r[col("Equipment ID")] === source.tag)!];
      copy[col("Equipment ID")] = "LMH-NEW-0001";
      copy[col("CMMS ID")] = "NEW-0001";
      copy[col("Serial Number")] = "SN-NEW-0001";
      rows.push(copy);
    });
    const before = matchRows(db);
    const writes = countWrites(db, "advisory_device_matches", "device_id");
    expect((await commitImport(db, ce, { fileName: "one-new.csv", bytes: body, source: DEMO_CMMS_SOURCE, fullExport: true })).counts).toMatchObject({
      new: 1,
      changed: 0,
    });
    const id = db.get<{ id: number }>(sql`select id from devices where asset_tag = 'LMH-NEW-0001'`)!.id;
    const written = writes();
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((w) => w.kind === "insert" && w.k === id)).toBe(true);
    // The new device has the same advisories as the device it copies.
    const advisoriesOf = (tag: string) =>
      db.all<{ a: number }>(
        sql`select m.advisory_id as a from advisory_device_matches m join devices d on d.id = m.device_id where d.asset_tag = ${tag} and m.review_decision is null order by 1`,
      );
    expect(advisoriesOf("LMH-NEW-0001")).toEqual(advisoriesOf(source.tag));
    expect(matchRows(db).filter((r) => r.device_id !== id)).toEqual(before);
    expect((await commitImport(db, ce, { fileName: "one-new.csv", bytes: body, source: DEMO_CMMS_SOURCE, fullExport: true })).importId).toBeNull();
    expect(writes()).toHaveLength(written.length);
  });
});

describe("a model's product code edit re-derives its recall matches", () => {
  test("the recall match of that model changes with an audit entry; other models' recall matches are not written", async () => {
    const { db } = await demoDb();
    const ce = loadActor(db, 3)!;
    const match = db.get<{ id: number; model: number; confidence: string; reason: string }>(sql`
      select r.id, r.model_id as model, r.confidence, r.reason from recall_model_matches r join device_models m on m.id = r.model_id
      where r.confidence = 'matched' and r.review_decision is null and m.fda_product_code is not null order by r.id limit 1`)!;
    expect(match).toBeDefined();
    const m = db.get<Record<string, unknown>>(sql`select * from device_models where id = ${match.model}`)!;
    const input = {
      id: match.model,
      deviceClassId: m.device_class_id as number | null,
      modelNumber: m.model_number as string | null,
      fdaProductCode: "QQQ",
      mds2OnFile: Boolean(m.mds2_on_file),
      mds2Date: m.mds2_date as string | null,
      endOfSale: m.end_of_sale as string | null,
      endOfSupport: m.end_of_support as string | null,
      endOfSecurityPatches: m.end_of_security_patches as string | null,
    };
    const others = db.all(sql`select * from recall_model_matches where model_id <> ${match.model} order by id`);
    const writes = countWrites(db, "recall_model_matches", "model_id");
    const audit = db.get<{ n: number }>(sql`select count(*) as n from audit_log where action = 'RECALL_MATCHES_DERIVED'`)!.n;

    expect(updateModel(db, ce, input).changed).toContain("fdaProductCode");
    // Same maker and the description names the model, but no longer the product code: a person must confirm.
    expect(db.get<{ confidence: string; reason: string }>(sql`select confidence, reason from recall_model_matches where id = ${match.id}`)).toMatchObject({
      confidence: "confirm",
      reason: expect.stringMatching(/product code is QQQ/),
    });
    expect(writes().every((w) => w.k === match.model)).toBe(true);
    expect(db.all(sql`select * from recall_model_matches where model_id <> ${match.model} order by id`)).toEqual(others);
    expect(db.get<{ n: number }>(sql`select count(*) as n from audit_log where action = 'RECALL_MATCHES_DERIVED'`)!.n).toBe(audit + 1);

    updateModel(db, ce, { ...input, fdaProductCode: m.fda_product_code as string });
    expect(db.get(sql`select confidence, reason from recall_model_matches where id = ${match.id}`)).toEqual({
      confidence: match.confidence,
      reason: match.reason,
    });
  });
});
