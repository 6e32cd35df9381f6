// Issue #13 item 1: the in-memory diff of match-advisories.ts must write exactly what the previous INSERT … SELECT
// matcher wrote (advisory-match-reference.ts) and report the same counts: cold, after the inventory changed, with
// reviewed matches superseded and produced again; on the demo data and on a generated inventory. And a scoped
// (incremental) re-match of the devices that changed must leave the same rows as re-matching everything.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { writeTx, type Db } from "@/db/client";
import { loadMatchContext, matchAdvisories, type AdvisoryMatchCounts, type MatchScope } from "@/lib/services/advisories/match-advisories";
import { clock } from "@/lib/clock";
import { demoDb } from "../test-db";
import { referenceRematchAdvisory } from "./advisory-match-reference";

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runReference(db: Db, now: Date): AdvisoryMatchCounts[] {
  const ctx = loadMatchContext(db);
  const ids = db.all<{ id: number }>(sql`select id from advisories order by id`).map((a) => a.id);
  return ids.map((id) => writeTx(db, (tx) => referenceRematchAdvisory(tx, ctx, id, now)));
}

const state = (db: Db) =>
  db.all(sql`select advisory_id, device_id, product_id, model_id, confidence, reason, matched_at, review_decision, review_reason, reviewed_by, reviewed_at, superseded_at
    from advisory_device_matches order by advisory_id, device_id`);
const derivedAudit = (db: Db) => db.all(sql`select entity_id, new_values from audit_log where action = 'ADVISORY_MATCHES_DERIVED' order by seq`);
const dataVersion = (db: Db) => db.get<{ v: number }>(sql`select version as v from data_versions where domain = 'advisories'`)!.v;

/** The same deterministic changes on each twin; returns the devices changed (the scope of an incremental re-match). */
function mutate(db: Db, seed: number, at: string): number[] {
  const r = rng(seed);
  const models = db.all<{ id: number }>(sql`select id from device_models order by id`).map((m) => m.id);
  const versions = db.all<{ v: string | null }>(sql`select distinct software_version as v from devices order by 1`).map((x) => x.v);
  const extra = [null, "", " 12.1.2 ", "12.3.0", "9.19", "8.00.01", "VB10", "3.2", "15.10.1", "unknown"];
  const deviceIds = db.all<{ id: number }>(sql`select id from devices order by id`).map((d) => d.id);
  const changed: number[] = [];
  for (const id of deviceIds) {
    const x = r();
    if (x < 0.06)
      db.run(
        sql`update devices set software_version = ${r() < 0.5 ? versions[Math.floor(r() * versions.length)]! : extra[Math.floor(r() * extra.length)]!} where id = ${id}`,
      );
    else if (x < 0.09) db.run(sql`update devices set status = case status when 'retired' then 'in_service' else 'retired' end where id = ${id}`);
    else if (x < 0.11) db.run(sql`update devices set model_id = ${models[Math.floor(r() * models.length)]!} where id = ${id}`);
    else continue;
    changed.push(id);
  }
  // Reviews: a person confirms or dismisses some current matches (their rows must survive whatever the rule says later).
  const user = db.get<{ id: number }>(sql`select id from users order by id limit 1`)!.id;
  for (const m of db.all<{ id: number }>(sql`select id from advisory_device_matches where review_decision is null order by advisory_id, device_id`)) {
    if (r() < 0.08)
      db.run(
        sql`update advisory_device_matches set review_decision = ${r() < 0.5 ? "confirmed" : "dismissed"}, review_reason = 'Checked on the label.', reviewed_by = ${user}, reviewed_at = ${at} where id = ${m.id}`,
      );
  }
  return changed;
}

/** A generated inventory on top of the demo's: every model, the catalog's versions and others, some retired. */
function generate(db: Db, n: number, seed: number) {
  const r = rng(seed);
  const models = db.all<{ id: number }>(sql`select id from device_models order by id`).map((m) => m.id);
  const versions = db.all<{ v: string | null }>(sql`select distinct software_version as v from devices order by 1`).map((x) => x.v);
  // Most of the devices are copies of a matched device's (model, version), so that some advisories match thousands.
  const matched = db.all<{ m: number; v: string | null }>(
    sql`select d.model_id as m, d.software_version as v from devices d where exists (select 1 from advisory_device_matches x where x.device_id = d.id and x.confidence = 'version') order by d.id`,
  );
  const site = db.get<{ id: number }>(sql`select id from sites order by id limit 1`)!.id;
  const at = clock.now().toISOString();
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.7 && matched.length > 0) {
      const c = matched[Math.floor(r() * matched.length)]!;
      db.run(
        sql`insert into devices (asset_tag, model_id, site_id, software_version, status, created_at, updated_at) values (${`GEN-${seed}-${i}`}, ${c.m}, ${site}, ${c.v}, 'in_service', ${at}, ${at})`,
      );
      continue;
    }
    const version =
      x < 0.7 ? versions[Math.floor(r() * versions.length)]! : x < 0.8 ? null : `${Math.floor(r() * 20)}.${Math.floor(r() * 10)}.${Math.floor(r() * 5)}`;
    const model = r() < 0.02 ? null : models[Math.floor(r() * models.length)]!;
    db.run(sql`insert into devices (asset_tag, model_id, site_id, software_version, status, created_at, updated_at)
      values (${`GEN-${seed}-${i}`}, ${model}, ${site}, ${version}, ${r() < 0.05 ? "retired" : "in_service"}, ${at}, ${at})`);
  }
}

async function twins(prepare?: (db: Db) => void): Promise<[Db, Db]> {
  const a = (await demoDb()).db;
  const b = (await demoDb()).db;
  for (const db of [a, b]) prepare?.(db);
  return [a, b];
}

function expectSameRun(reference: Db, candidate: Db, now: Date, run: (db: Db) => AdvisoryMatchCounts[] = (db) => matchAdvisories(db, {}, now)) {
  const expected = runReference(reference, now);
  const actual = run(candidate);
  expect(actual).toEqual(expected);
  expect(state(candidate)).toEqual(state(reference));
  expect(derivedAudit(candidate)).toEqual(derivedAudit(reference));
  return actual;
}

describe("the matcher writes what the previous matcher wrote", () => {
  test("demo data: cold, after inventory changes and reviews, twice more", async () => {
    const [ref, cand] = await twins((db) => db.run(sql`delete from advisory_device_matches where review_decision is null`));
    const t = clock.now();
    const cold = expectSameRun(ref, cand, t);
    expect(cold.reduce((s, c) => s + c.written, 0)).toBeGreaterThan(50);
    for (const [k, seed] of [11, 12, 13].entries()) {
      mutate(ref, seed, t.toISOString());
      mutate(cand, seed, t.toISOString());
      const counts = expectSameRun(ref, cand, new Date(t.getTime() + (k + 1) * 60_000));
      expect(counts.reduce((s, c) => s + c.written + c.removed + c.superseded, 0)).toBeGreaterThan(0);
    }
    // Nothing changed: nothing written, no audit entry, the cache counter untouched.
    const before = { v: dataVersion(cand), audit: derivedAudit(cand).length };
    expect(expectSameRun(ref, cand, new Date(t.getTime() + 3_600_000)).every((c) => c.written + c.removed + c.superseded === 0)).toBe(true);
    expect({ v: dataVersion(cand), audit: derivedAudit(cand).length }).toEqual(before);
  });

  test("generated inventory of 4,000 more devices: cold and after changes; bulk writes bump the cache counter", async () => {
    const [ref, cand] = await twins((db) => generate(db, 4_000, 5));
    const t = clock.now();
    const v = dataVersion(cand);
    const cold = expectSameRun(ref, cand, t);
    // At least one advisory writes enough rows to take the bulk path (triggers set aside, one counter bump).
    expect(Math.max(...cold.map((c) => c.written))).toBeGreaterThanOrEqual(1_000);
    // The triggers set aside for a bulk write are back, and the counter moved (pages cached on it are refreshed).
    expect(dataVersion(cand)).toBeGreaterThan(v);
    expect(ref.all(sql`select name, sql from sqlite_master where type = 'trigger' order by name`)).toEqual(
      cand.all(sql`select name, sql from sqlite_master where type = 'trigger' order by name`),
    );
    mutate(ref, 21, t.toISOString());
    mutate(cand, 21, t.toISOString());
    expectSameRun(ref, cand, new Date(t.getTime() + 60_000));
  });
});

describe("incremental re-matching", () => {
  test("re-matching only the devices that changed leaves the same rows as re-matching everything", async () => {
    const [full, scoped] = await twins((db) => generate(db, 3_000, 9));
    const t = clock.now();
    matchAdvisories(full, {}, t);
    matchAdvisories(scoped, {}, t);
    const changedFull = mutate(full, 31, t.toISOString());
    const changed = mutate(scoped, 31, t.toISOString());
    expect(changed).toEqual(changedFull);
    const later = new Date(t.getTime() + 60_000);
    const all = matchAdvisories(full, {}, later);
    const some = matchAdvisories(scoped, { scope: { deviceIds: changed } satisfies MatchScope }, later);
    expect(state(scoped)).toEqual(state(full));
    // The same rows changed, and the same advisories were audited with the same changes.
    const changes = (cs: AdvisoryMatchCounts[]) => cs.filter((c) => c.written + c.removed + c.superseded > 0).map(({ matched: _m, ...c }) => c);
    expect(changes(some)).toEqual(changes(all));
    expect(some.map((c) => c.matched)).toEqual(all.map((c) => c.matched));
  });
});
